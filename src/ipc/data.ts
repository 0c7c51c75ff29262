import { Channel } from "@tauri-apps/api/core";
import type { BackupList } from "../bindings/BackupList";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { ImportRequest } from "../bindings/ImportRequest";
import type { ImportSummary } from "../bindings/ImportSummary";
import type { Progress } from "../bindings/Progress";
import type { RestoreRequest } from "../bindings/RestoreRequest";
import type { RestoreSummary } from "../bindings/RestoreSummary";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

/**
 * Writes the tasks (all, or those `request.filter` shows) to the file at `request.path`;
 * `onProgress` hears where it is, a `done` last. Errors: `VALIDATION` (field `request.path`),
 * `CONFLICT` (another import or export runs), `CANCELLED` (no file is left), `DATABASE`, `INTERNAL`.
 */
export function invokeDataExport(
  request: ExportRequest,
  onProgress: (progress: Progress) => void,
): Promise<ExportSummary> {
  const channel = new Channel<Progress>(onProgress);
  return invokeWithTimeout("data_export", { request, onProgress: channel }, TIMEOUT_MS.file);
}

/**
 * Reads the file at `request.path` and writes what it holds in one transaction; the windows
 * reload when it is done. Errors: `VALIDATION` (field `request.path`: the path or the file; no
 * field: a record, its line named in the message), `CONFLICT`, `CANCELLED` (nothing was written),
 * `DATABASE`.
 */
export function invokeDataImport(
  request: ImportRequest,
  onProgress: (progress: Progress) => void,
): Promise<ImportSummary> {
  const channel = new Channel<Progress>(onProgress);
  return invokeWithTimeout("data_import", { request, onProgress: channel }, TIMEOUT_MS.file);
}

/** Asks the running import or export to stop; `false` when none runs. */
export function invokeDataCancel(): Promise<boolean> {
  return invokeWithTimeout("data_cancel", {}, TIMEOUT_MS.write);
}

/** The automatic backups of the database file, newest first; `folder` is null for a server. */
export function invokeDataBackups(): Promise<BackupList> {
  return invokeWithTimeout("data_backups", {}, TIMEOUT_MS.read);
}

/**
 * Restores a backup over the database in use, saving it first as a `restore` backup; every window
 * reloads. Errors: `NOT_FOUND` (field `request.name`), `VALIDATION` (a damaged or foreign file, or
 * a server database: nothing changed), `CONFLICT` (an import or export runs), `DATABASE`, `INTERNAL`.
 */
export function invokeDataRestore(request: RestoreRequest): Promise<RestoreSummary> {
  return invokeWithTimeout("data_restore", { request }, TIMEOUT_MS.file);
}
