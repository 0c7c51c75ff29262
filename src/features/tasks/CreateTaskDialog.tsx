import { useState, type FormEvent } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import { formErrorsFrom, NO_ERRORS, withoutFieldErrors } from "../../app/formErrors";
import { FormError } from "../../ui/Field";
import { Modal } from "../../ui/Modal";
import { submitOnCtrlEnter } from "../../ui/submitOnCtrlEnter";
import { useCreateTask } from "./api";
import { emptyDraft, newTaskFromDraft, type TaskDraft } from "./draft";
import { changedFields, TASK_FIELDS, TaskFields } from "./TaskFields";

type CreateTaskDialogProps = {
  projects: Project[];
  /** Pre-selected: the project whose view is open. */
  defaultProjectIds: Id[];
  onClose: () => void;
};

/** "New task": Enter in the title or Ctrl/Cmd+Enter anywhere creates, Escape closes. */
export function CreateTaskDialog({ projects, defaultProjectIds, onClose }: CreateTaskDialogProps) {
  const [draft, setDraft] = useState(() => emptyDraft(defaultProjectIds));
  const [errors, setErrors] = useState(NO_ERRORS);
  // One id per dialog: pressing Create again after a timeout retries the same task.
  const [id] = useState(() => crypto.randomUUID());
  const createTask = useCreateTask();

  function change(next: Partial<TaskDraft>) {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => withoutFieldErrors(current, changedFields(next)));
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (createTask.isPending) return;
    try {
      await createTask.mutateAsync(newTaskFromDraft(draft, id));
      onClose();
    } catch (error) {
      setErrors(formErrorsFrom(error, Object.values(TASK_FIELDS)));
    }
  }

  return (
    <Modal title="New task" onClose={onClose} className="modal--wide">
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        onKeyDown={submitOnCtrlEnter(submit)}
        noValidate
      >
        <TaskFields draft={draft} onChange={change} errors={errors.fields} projects={projects} />
        <FormError error={errors.form} />
        <div className="modal__actions">
          <span className="modal__hint">Ctrl+Enter to create · Esc to cancel</span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={createTask.isPending}>
            Create task
          </button>
        </div>
      </form>
    </Modal>
  );
}
