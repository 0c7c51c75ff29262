import type { KeyboardEvent } from "react";

/** A form `onKeyDown` handler: Ctrl+Enter (Cmd+Enter on macOS) anywhere in the form submits it. */
export function submitOnCtrlEnter(submit: () => unknown) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };
}
