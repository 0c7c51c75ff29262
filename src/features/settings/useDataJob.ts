import { useCallback, useEffect, useRef, useState } from "react";
import type { ExportRequest } from "../../bindings/ExportRequest";
import type { ExportSummary } from "../../bindings/ExportSummary";
import type { ImportRequest } from "../../bindings/ImportRequest";
import type { ImportSummary } from "../../bindings/ImportSummary";
import type { Progress } from "../../bindings/Progress";
import { describeError } from "../../app/describeError";
import { invokeDataCancel, invokeDataExport, invokeDataImport, IpcError, TimeoutError } from "../../ipc";

export type JobKind = "export" | "import";

/** The import or export running now, and where it is. */
export type DataJob = { kind: JobKind; progress: Progress | null; cancelling: boolean };

/** How the last one ended. */
export type DataOutcome =
  | { kind: "exported"; summary: ExportSummary }
  | { kind: "imported"; summary: ImportSummary }
  | { kind: "cancelled"; job: JobKind }
  | { kind: "failed"; message: string };

type OnProgress = (progress: Progress) => void;

const ignore = () => undefined;

/**
 * Runs one import or export at a time, with its progress, a cancel, and how it ended (a cancel is
 * an outcome, not a failure). Closing the section (the Settings dialog) cancels a running one:
 * nothing would be left on screen to show or stop it.
 */
export function useDataJob() {
  const [job, setJob] = useState<DataJob | null>(null);
  const [outcome, setOutcome] = useState<DataOutcome | null>(null);
  const running = useRef(false);

  useEffect(
    () => () => {
      if (running.current) void invokeDataCancel().catch(ignore);
    },
    [],
  );

  const run = useCallback(async (kind: JobKind, work: (onProgress: OnProgress) => Promise<DataOutcome>) => {
    running.current = true;
    // Progress the channel delivers after the command has answered is stale.
    let current = true;
    setOutcome(null);
    setJob({ kind, progress: null, cancelling: false });
    let ended: DataOutcome;
    try {
      ended = await work((progress) => {
        if (current) setJob((now) => now && { ...now, progress });
      });
    } catch (failure) {
      // The UI gave up waiting; the backend may still be at it, and would refuse the next one.
      if (failure instanceof TimeoutError) void invokeDataCancel().catch(ignore);
      const cancelled = failure instanceof IpcError && failure.code === "CANCELLED";
      ended = cancelled ? { kind: "cancelled", job: kind } : { kind: "failed", message: describeError(failure) };
    }
    current = false;
    running.current = false;
    setJob(null);
    setOutcome(ended);
    return ended;
  }, []);

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
  const cancel = useCallback(() => {
    setJob((now) => now && { ...now, cancelling: true });
    invokeDataCancel().catch((failure: unknown) => {
      setJob((now) => now && { ...now, cancelling: false });
      setOutcome({ kind: "failed", message: describeError(failure) });
    });
  }, []);

  return { job, outcome, exportTo, importFrom, cancel };
}
