import { open, save } from "@tauri-apps/plugin-dialog";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { Backup } from "../../bindings/Backup";
import type { DataFormat } from "../../bindings/DataFormat";
import type { TaskFilter } from "../../bindings/TaskFilter";
import { Field, FormError } from "../../ui/Field";
import { BackupsPart } from "./BackupsPart";
import {
  backupTime,
  describeExport,
  describeImport,
  describeProgress,
  describeRestore,
  describeWarning,
  exportFileName,
  exportFilters,
  fileName,
  FORMAT_CHOICES,
  formatOf,
  IMPORT_FILTERS,
} from "./dataFiles";
import { useDataJob, type DataJob, type DataOutcome } from "./useDataJob";

/** The task list of the window: its title ("Inbox") and the filter it is read with. */
export type ListShown = { title: string; filter: TaskFilter };

type Scope = "all" | "list";
/** A file chosen to import, and the format to read it as (null: its name does not say). */
type ImportFile = { path: string; format: DataFormat | null };

/** Settings → Data: export tasks to a file, import a file, with progress and a cancel; restore
 * an automatic backup. One of them runs at a time. */
export function DataSection({ list }: { list: ListShown | null }) {
  const { job, outcome, exportTo, importFrom, restore, cancel } = useDataJob();
  const [format, setFormat] = useState<DataFormat>("json");
  const [scope, setScope] = useState<Scope>("all");
  const [importFile, setImportFile] = useState<ImportFile | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const busy = job !== null || choosing;
  const importButton = useRef<HTMLButtonElement>(null);
  /** The button last pressed: it gets focus back, as disabling it (for a dialog, a job) took it away. */
  const caller = useRef<HTMLButtonElement | null>(null);
  const running = job !== null;

  useEffect(() => {
    if (busy || caller.current === null) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) (caller.current.isConnected ? caller.current : importButton.current)?.focus();
  }, [busy]);

  /** Asks the file dialog for a path; null when it was closed without one. */
  const choose = async (dialog: () => Promise<string | null>) => {
    setChoosing(true);
    setDialogError(null);
    try {
      return await dialog();
    } catch (failure) {
      setDialogError(`The file dialog could not open: ${String(failure)}`);
      return null;
    } finally {
      setChoosing(false);
    }
  };

  const startExport = async (event: MouseEvent<HTMLButtonElement>) => {
    caller.current = event.currentTarget;
    const path = await choose(() =>
      save({ title: "Export tasks", defaultPath: exportFileName(format), filters: exportFilters(format) }),
    );
    if (path === null) return;
    await exportTo({ format, path, ...(scope === "list" && list ? { filter: list.filter } : {}) });
  };
  const chooseImport = async (event: MouseEvent<HTMLButtonElement>) => {
    caller.current = event.currentTarget;
    const path = await choose(() =>
      open({ title: "Import tasks", multiple: false, directory: false, filters: IMPORT_FILTERS }),
    );
    if (path !== null) setImportFile({ path, format: formatOf(path) });
  };
  const startImport = async (event: MouseEvent<HTMLButtonElement>) => {
    if (!importFile?.format) return;
    caller.current = event.currentTarget;
    const ended = await importFrom({ format: importFile.format, path: importFile.path });
    if (ended.kind === "imported") setImportFile(null);
  };
  const startRestore = (backup: Backup, button: HTMLButtonElement) => {
    caller.current = button;
    void restore(backup);
  };

  return (
    <fieldset className="fieldset data-settings" aria-busy={running}>
      <legend className="field__label">Data</legend>
      <fieldset className="fieldset data-settings__part" disabled={busy}>
        <legend className="data-settings__title">Export</legend>
        <Field label="Export format">
          {(control) => (
            <select {...control} className="input" value={format} onChange={(e) => setFormat(e.target.value as DataFormat)}>
              <FormatOptions />
            </select>
          )}
        </Field>
        <fieldset className="fieldset">
          <legend className="field__hint">Tasks to export</legend>
          <label className="checkbox">
            <input type="radio" name="export-scope" checked={scope === "all"} onChange={() => setScope("all")} />
            <span>All tasks, done ones too</span>
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="export-scope"
              checked={scope === "list"}
              disabled={!list}
              onChange={() => setScope("list")}
            />
            <span>The tasks the list shows{list ? ` (${list.title})` : ""}</span>
          </label>
        </fieldset>
        <div className="data-settings__actions">
          <button type="button" className="button" onClick={(event) => void startExport(event)}>
            Export…
          </button>
        </div>
      </fieldset>
      <fieldset className="fieldset data-settings__part" disabled={busy}>
        <legend className="data-settings__title">Import</legend>
        <p className="field__hint">Tasks already here are updated from the file; nothing is deleted.</p>
        <div className="data-settings__actions">
          <button ref={importButton} type="button" className="button" onClick={(event) => void chooseImport(event)}>
            Import…
          </button>
        </div>
        {importFile && (
          <>
            <p className="data-settings__file">File: {importFile.path}</p>
            <Field label="Read it as">
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={importFile.format ?? ""}
                  onChange={(e) => setImportFile({ ...importFile, format: e.target.value as DataFormat })}
                >
                  {importFile.format === null && <option value="">Choose a format</option>}
                  <FormatOptions />
                </select>
              )}
            </Field>
            <div className="data-settings__actions">
              <button
                type="button"
                className="button button--primary"
                disabled={importFile.format === null}
                onClick={(event) => void startImport(event)}
              >
                Import {fileName(importFile.path)}
              </button>
            </div>
          </>
        )}
      </fieldset>
      <BackupsPart disabled={busy} onRestore={startRestore} />
      {job?.backup && <RestoreProgress backup={job.backup} />}
      {job && !job.backup && <JobProgress job={job} onCancel={cancel} />}
      <FormError error={dialogError} />
      {outcome && <Outcome outcome={outcome} />}
    </fieldset>
  );
}

/** The running import or export: a bar (without a value while the total is not known), a count, a cancel. */
function JobProgress({ job, onCancel }: { job: DataJob; onCancel: () => void }) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Every other control is disabled now: Cancel keeps the focus inside the dialog.
  useEffect(() => cancelButton.current?.focus(), []);
  const total = job.progress?.total ?? null;
  const label = job.kind === "export" ? "Exporting" : "Importing";
  return (
    <div className="data-settings__progress">
      {total === null ? (
        <progress aria-label={label} />
      ) : (
        <progress aria-label={label} max={Math.max(total, 1)} value={job.progress?.done ?? 0} />
      )}
      <span role="status">
        {label}: {describeProgress(job.progress)}
      </span>
      <button ref={cancelButton} type="button" className="button" disabled={job.cancelling} onClick={onCancel}>
        {job.cancelling ? "Cancelling…" : "Cancel"}
      </button>
    </div>
  );
}

/** A running restore: it cannot be cancelled, and says nothing until it ends. */
function RestoreProgress({ backup }: { backup: Backup }) {
  const status = useRef<HTMLSpanElement>(null);
  // Every control is disabled now: the status keeps the focus inside the dialog.
  useEffect(() => status.current?.focus(), []);
  return (
    <div className="data-settings__progress">
      <progress aria-label="Restoring" />
      <span ref={status} role="status" tabIndex={-1}>
        Restoring the backup of {backupTime(backup)}…
      </span>
    </div>
  );
}

/** How the last import, export or restore ended; a cancel is said calmly, a failure as an alert. */
function Outcome({ outcome }: { outcome: DataOutcome }) {
  switch (outcome.kind) {
    case "exported":
      return <p role="status">{describeExport(outcome.summary)}</p>;
    case "imported": {
      const { warnings } = outcome.summary;
      return (
        <div role="status">
          <p>Imported: {describeImport(outcome.summary)}</p>
          {warnings.length > 0 && (
            <ul className="data-settings__warnings" aria-label="Import warnings">
              {warnings.map((warning, index) => (
                <li key={index}>{describeWarning(warning)}</li>
              ))}
            </ul>
          )}
        </div>
      );
    }
    case "restored":
      return <p role="status">{describeRestore(outcome.summary, outcome.backup)}</p>;
    case "cancelled":
      return (
        <p role="status">
          {outcome.job === "export" ? "Export cancelled; no file was written." : "Import cancelled; nothing was imported."}
        </p>
      );
    case "failed":
      return <FormError error={outcome.message} />;
  }
}

/** One option per format, in the user's words. */
function FormatOptions() {
  return FORMAT_CHOICES.map(([value, { label }]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
