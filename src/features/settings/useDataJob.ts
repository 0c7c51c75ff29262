import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Backup } from "../../bindings/Backup";
import type { ExportRequest } from "../../bindings/ExportRequest";
import type { ExportSummary } from "../../bindings/ExportSummary";
import type { ImportRequest } from "../../bindings/ImportRequest";
import type { ImportSummary } from "../../bindings/ImportSummary";
import type { Progress } from "../../bindings/Progress";
import type { RestoreSummary } from "../../bindings/RestoreSummary";
import { describeError } from "../../app/describeError";
import { queryKeys } from "../../app/queryKeys";
import {
  invokeDataCancel,
  invokeDataExport,
  invokeDataImport,
  invokeDataRestore,
  IpcError,
  TimeoutError,
} from "../../ipc";

export type JobKind = "export" | "import" | "restore";

/** The import, export or restore running now, and where it is (a restore says nothing until
 * it ends, and cannot be cancelled); `backup` is the one being restored. */
export type DataJob = { kind: JobKind; progress: Progress | null; cancelling: boolean; backup: Backup | null };

/** How the last one ended. */
export type DataOutcome =
  | { kind: "exported"; summary: ExportSummary }
  | { kind: "imported"; summary: ImportSummary }
  | { kind: "restored"; summary: RestoreSummary; backup: Backup }
  | { kind: "cancelled"; job: JobKind }
  | { kind: "failed"; message: string };

type OnProgress = (progress: Progress) => void;

const ignore = () => undefined;

/**
 * Runs one import, export or restore at a time (the backend refuses a second one), with its
 * progress, a cancel, and how it ended (a cancel is an outcome, not a failure). Closing the
 * section (the Settings dialog) cancels a running import or export: nothing would be left on
 * screen to show or stop it. An import and a restore each write a backup, so the list of
 * backups is read again when one ends.
 */
export function useDataJob() {
  const queryClient = useQueryClient();
  const [job, setJob] = useState<DataJob | null>(null);
  const [outcome, setOutcome] = useState<DataOutcome | null>(null);
  const running = useRef<JobKind | null>(null);

  useEffect(
    () => () => {
      if (running.current !== null && running.current !== "restore") void invokeDataCancel().catch(ignore);
    },
    [],
  );

  const run = useCallback(
    async (kind: JobKind, work: (onProgress: OnProgress) => Promise<DataOutcome>, backup: Backup | null = null) => {
      running.current = kind;
      // Progress the channel delivers after the command has answered is stale.
      let current = true;
      setOutcome(null);
      setJob({ kind, progress: null, cancelling: false, backup });
      let ended: DataOutcome;
      try {
        ended = await work((progress) => {
          if (current) setJob((now) => now && { ...now, progress });
        });
      } catch (failure) {
        // The UI gave up waiting; the backend may still be at it, and would refuse the next one.
        if (failure instanceof TimeoutError && kind !== "restore") void invokeDataCancel().catch(ignore);
        const cancelled = failure instanceof IpcError && failure.code === "CANCELLED";
        ended = cancelled ? { kind: "cancelled", job: kind } : { kind: "failed", message: describeError(failure) };
      }
      current = false;
      running.current = null;
      setJob(null);
      setOutcome(ended);
      if (kind !== "export") void queryClient.invalidateQueries({ queryKey: queryKeys.backups });
      return ended;
    },
    [queryClient],
  );

  const exportTo = useCallback(
    (request: ExportRequest) =>
      run("export", async (onProgress) => ({ kind: "exported", summary: await invokeDataExport(request, onProgress) })),
    [run],
  );
  const importFrom = useCallback(
    (request: ImportRequest) =>
      run("import", async (onProgress) => ({ kind: "imported", summary: await invokeDataImport(request, onProgress) })),
    [run],
  );
  const restore = useCallback(
    (backup: Backup) =>
      run(
        "restore",
        async () => ({ kind: "restored", backup, summary: await invokeDataRestore({ name: backup.name }) }),
        backup,
      ),
    [run],
  );
  const cancel = useCallback(() => {
    setJob((now) => now && { ...now, cancelling: true });
    invokeDataCancel().catch((failure: unknown) => {
      setJob((now) => now && { ...now, cancelling: false });
      setOutcome({ kind: "failed", message: describeError(failure) });
    });
  }, []);

  return { job, outcome, exportTo, importFrom, restore, cancel };
}
