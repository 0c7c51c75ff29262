import { useState } from "react";
import type { View } from "../../app/view";

/** How a list's tasks are laid out: rows, or a board with a column per status. */
export type Layout = "list" | "board";

export const LAYOUT_LABELS: Record<Layout, string> = { list: "List", board: "Board" };

const STORAGE_PREFIX = "tasklane.layout.";

function storageKey(view: View): string {
  return STORAGE_PREFIX + (view.kind === "project" ? `project.${view.projectId}` : view.kind);
}

function storedLayout(key: string): Layout {
  try {
    return localStorage.getItem(key) === "board" ? "board" : "list";
  } catch {
    return "list";
  }
}

/**
 * The layout of the list `view` shows (each project, the Inbox, All tasks), remembered per list.
 *
 * Kept in the webview's localStorage, not in the database: it is how this computer shows a list,
 * not data to sync, export or back up, and every window of the app shares it. Storage that
 * cannot be read or written keeps the choice for as long as this window is open.
 */
export function useListLayout(view: View): [Layout, (layout: Layout) => void] {
  const key = storageKey(view);
  // What was chosen in this window, so a choice shows even when storage refuses it.
  const [chosen, setChosen] = useState<Record<string, Layout>>({});
  const layout = chosen[key] ?? storedLayout(key);
  const setLayout = (next: Layout) => {
    try {
      localStorage.setItem(key, next);
    } catch {
      // Remembered for this window only (see above).
    }
    setChosen((before) => ({ ...before, [key]: next }));
  };
  return [layout, setLayout];
}
