import { emit } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";

/**
 * The one event a page sends to the backend: this window has painted its first page of tasks
 * (or knows it has none to show), so it can be shown. The isolation hook lets no other event
 * through (isolation/index.js).
 */
export const UI_READY = "ui:ready";

export type UiReady = { label: string };

/**
 * Tells the backend this window is ready to be shown (src-tauri/src/startup.rs). Call it once
 * per page load; the backend shows a window the first time only.
 */
export function emitUiReady(): Promise<void> {
  const payload: UiReady = { label: getCurrentWindow().label };
  return emit(UI_READY, payload);
}
