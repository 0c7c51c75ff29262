import { useEffect, useRef } from "react";
import { emitUiReady, UI_READY } from "../ipc";
import { useReportError } from "./notices";

/**
 * Tells the backend, once, that this window can be shown: call it with `true` once the first
 * page of tasks (or the empty or error state) is on screen. Effects run after the browser has
 * painted what was committed, so the window never appears blank. The window stays hidden until
 * then (or until the backend's deadline), so this must also fire when the list is empty or
 * failed.
 *
 * Leaves a performance mark `ui:ready` noting whether the page was still hidden then, which the
 * end-to-end tests read.
 */
export function useUiReady(ready: boolean): void {
  const sent = useRef(false);
  const reportError = useReportError();
  useEffect(() => {
    if (!ready || sent.current) return;
    sent.current = true;
    performance.mark(UI_READY, { detail: { visibilityState: document.visibilityState } });
    emitUiReady().catch(reportError);
  }, [ready, reportError]);
}
