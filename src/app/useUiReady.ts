import { useCallback, useRef } from "react";
import { emitUiReady, UI_READY } from "../ipc";
import { useReportError } from "./notices";

/**
 * A function that tells the backend, the first time it is called, that this window can be
 * shown (it is created hidden): call it from an effect once the first page of tasks (or the
 * empty or error state) is in the DOM. A hidden window may not paint at all, so "in the DOM"
 * is what can be waited for: the window's first frame once shown has the rows. It must also be
 * called when the list is empty or failed, or the window stays hidden until the backend's
 * deadline.
 *
 * Also leaves a performance mark `ui:ready`, noting whether the page was still hidden then,
 * which the end-to-end tests read.
 */
export function useUiReady(): () => void {
  const sent = useRef(false);
  const reportError = useReportError();
  return useCallback(() => {
    if (sent.current) return;
    sent.current = true;
    performance.mark(UI_READY, { detail: { visibilityState: document.visibilityState } });
    emitUiReady().catch(reportError);
  }, [reportError]);
}
