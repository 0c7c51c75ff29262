import { useEffect, useEffectEvent } from "react";
import { isModalOpen } from "../ui/Modal";

export type ShortcutHandlers = {
  newTask: () => void;
  newWindow: () => void;
  focusSearch: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * App-wide keys: N new task, / search (both only when not typing and no dialog is open),
 * Ctrl/Cmd+Shift+N new window (always).
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers) {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const key = event.key.toLowerCase();
    const command = event.ctrlKey || event.metaKey;
    if (command && event.shiftKey && key === "n") {
      event.preventDefault();
      handlers.newWindow();
      return;
    }
    if (command || event.altKey || isTyping(event.target) || isModalOpen()) return;
    if (key === "n") {
      event.preventDefault();
      handlers.newTask();
    } else if (key === "/") {
      event.preventDefault();
      handlers.focusSearch();
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
