import type { DialogFilter } from "@tauri-apps/plugin-dialog";
import type { Backup } from "../../bindings/Backup";
import type { BackupKind } from "../../bindings/BackupKind";
import type { DataFormat } from "../../bindings/DataFormat";
import type { ExportSummary } from "../../bindings/ExportSummary";
import type { ImportSummary } from "../../bindings/ImportSummary";
import type { ImportWarning } from "../../bindings/ImportWarning";
import type { Progress } from "../../bindings/Progress";
import type { RestoreSummary } from "../../bindings/RestoreSummary";
import { count, formatBytes } from "../status/format";

/** The formats in the user's words, and the extension each is saved with (docs/DATA.md). */
export const FORMATS: Record<DataFormat, { label: string; extension: string }> = {
  json: { label: "Tasklane backup (.json)", extension: "json" },
  csv: { label: "CSV (.csv)", extension: "csv" },
  todotxt: { label: "todo.txt (.txt)", extension: "txt" },
  ics: { label: "iCalendar tasks (.ics)", extension: "ics" },
  // Also `.json`: a file with that extension is read as a backup unless the user says otherwise.
  taskwarrior: { label: "Taskwarrior (task export, .json)", extension: "json" },
};

export const FORMAT_CHOICES = Object.entries(FORMATS) as [DataFormat, (typeof FORMATS)[DataFormat]][];

/** What the save dialog offers for an export in `format`. */
export function exportFilters(format: DataFormat): DialogFilter[] {
  return [{ name: FORMATS[format].label, extensions: [FORMATS[format].extension] }];
}

/** What the open dialog offers for an import: any of the formats. */
export const IMPORT_FILTERS: DialogFilter[] = [
  {
    name: "Tasklane backup, CSV, todo.txt, iCalendar or Taskwarrior",
    extensions: [...new Set(FORMAT_CHOICES.map(([, { extension }]) => extension))],
  },
];

/** The name an export is offered under: `tasklane-2026-11-21.json`, today's local date. */
export function exportFileName(format: DataFormat, today = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `tasklane-${date}.${FORMATS[format].extension}`;
}

/** The format a file's extension says (any case), or null when it says none of them. */
export function formatOf(path: string): DataFormat | null {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return FORMAT_CHOICES.find(([, format]) => format.extension === extension)?.[0] ?? null;
}

/** The last part of a path, on any platform. */
export function fileName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

/** "Reading the file…", "2 of 5 tasks", or "12 tasks" while the total is not known yet. */
export function describeProgress(progress: Progress | null): string {
  if (progress === null || (progress.phase === "reading" && progress.done === 0)) return "Reading the file…";
  if (progress.total === null) return count(progress.done, "task");
  return `${progress.done.toLocaleString()} of ${count(progress.total, "task")}`;
}

/** "Exported 5 tasks to /home/me/tasks.json (1.2 KB)." */
export function describeExport(summary: ExportSummary): string {
  return `Exported ${count(summary.tasks, "task")} to ${summary.path} (${formatBytes(summary.bytes)}).`;
}

/** "3 created, 1 updated, 2 skipped." */
export function describeImport(summary: ImportSummary): string {
  return `${summary.created.toLocaleString()} created, ${summary.updated.toLocaleString()} updated, ${summary.skipped.toLocaleString()} skipped.`;
}

/** "Line 3: The column "Due" was not read", or the message alone when no line is known. */
export function describeWarning(warning: ImportWarning): string {
  return warning.line === undefined ? warning.message : `Line ${warning.line}: ${warning.message}`;
}

/** Why a backup was made, in the user's words. */
export const BACKUP_KINDS: Record<BackupKind, string> = {
  daily: "Daily",
  import: "Before an import",
  migration: "Before an update of Tasklane",
  restore: "Before a restore",
};

const BACKUP_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** When a backup was made, in the user's time zone and words: "8 Dec 2026, 09:30". */
export function backupTime(backup: Backup): string {
  return BACKUP_TIME.format(new Date(backup.createdAt));
}

/** "Restored the backup of 8 Dec 2026, 09:30: 12 tasks, 3 projects. The tasks you had are kept as a backup." */
export function describeRestore(summary: RestoreSummary, backup: Backup): string {
  const what = `${count(summary.tasks, "task")}, ${count(summary.projects, "project")}`;
  return `Restored the backup of ${backupTime(backup)}: ${what}. The tasks you had are kept as a backup.`;
}
