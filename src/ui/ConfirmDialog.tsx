import { useState, type ReactNode } from "react";
import { describeError } from "../app/describeError";
import { FormError } from "./Field";
import { Modal } from "./Modal";

type ConfirmDialogProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
};

/** Asks before a destructive action; stays open with the error if the action fails. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (reason) {
      setError(describeError(reason));
      setPending(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose} role="alertdialog" className="modal--narrow">
      <div className="modal__body">{children}</div>
      <FormError error={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void confirm()}
          disabled={pending}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
