import { useState } from "react";
import type { Backup } from "../../bindings/Backup";
import { describeError } from "../../app/describeError";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { FormError } from "../../ui/Field";
import { formatBytes } from "../status/format";
import { useBackups } from "./api";
import { BACKUP_KINDS, backupTime } from "./dataFiles";

/** How many backups are listed until all are asked for. */
const NEWEST = 5;

type BackupsPartProps = {
  /** While an import, export or restore runs: nothing can be restored. */
  disabled: boolean;
  /** Restores `backup` once the user has confirmed; `caller` is the button that asked. */
  onRestore: (backup: Backup, caller: HTMLButtonElement) => void;
};

/** Settings → Data → Backups: where the automatic backups are, the newest ones, and a restore
 * after a confirmation that says what it replaces (docs/DATA.md, "Backups"). */
export function BackupsPart({ disabled, onRestore }: BackupsPartProps) {
  const { data, error } = useBackups();
  const [showAll, setShowAll] = useState(false);
  const [asked, setAsked] = useState<{ backup: Backup; caller: HTMLButtonElement } | null>(null);
  const backups = data?.backups ?? [];
  const shown = showAll ? backups : backups.slice(0, NEWEST);

  return (
    <fieldset className="fieldset data-settings__part" disabled={disabled}>
      <legend className="data-settings__title">Backups</legend>
      {data?.folder === null && (
        <p className="field__hint">
          Automatic backups are made only for a database on this computer. A team server is backed up by its
          administrator.
        </p>
      )}
      {data?.folder && (
        <>
          <p className="field__hint">
            Tasklane copies the database each day it starts (the last 7 are kept) and before every import, update
            and restore (the last 5 of each).
          </p>
          <p className="data-settings__file">Folder: {data.folder}</p>
          {backups.length === 0 ? (
            <p className="field__hint">There are no backups yet.</p>
          ) : (
            <ul className="data-settings__backups" aria-label="Backups, newest first">
              {shown.map((backup) => (
                <li key={backup.name} className="data-settings__backup">
                  <span className="data-settings__backup-text">
                    <span>{backupTime(backup)}</span>
                    <span className="field__hint">
                      {BACKUP_KINDS[backup.kind]} · {formatBytes(backup.bytes)}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Restore the backup of ${backupTime(backup)}`}
                    onClick={(event) => setAsked({ backup, caller: event.currentTarget })}
                  >
                    Restore…
                  </button>
                </li>
              ))}
            </ul>
          )}
          {backups.length > NEWEST && (
            <div className="data-settings__actions">
              <button type="button" className="button button--quiet" onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the ${NEWEST} newest` : `Show all ${backups.length}`}
              </button>
            </div>
          )}
        </>
      )}
      <FormError error={error ? describeError(error) : null} />
      {asked && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore"
          onConfirm={() => {
            // The restore runs in the section, with the other jobs: this dialog has nothing to wait for.
            onRestore(asked.backup, asked.caller);
            return Promise.resolve();
          }}
          onClose={() => setAsked(null)}
        >
          <p>
            The tasks, projects, tags and settings you have now are replaced by those of the backup of{" "}
            {backupTime(asked.backup)}.
          </p>
          <p>They are kept as a backup (“Before a restore”), so you can undo this by restoring that one.</p>
        </ConfirmDialog>
      )}
    </fieldset>
  );
}
