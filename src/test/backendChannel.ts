type TauriInternals = { __TAURI_INTERNALS__?: { runCallback?: (id: number, data: unknown) => void } };

/** The backend's end of a channel a page sent, as Rust's `tauri::ipc::Channel` uses it. */
export type BackendChannel<T> = {
  /** Delivers `message` to the page's `onmessage`, numbered as Tauri numbers them. */
  send: (message: T) => void;
  /** What dropping the Rust channel sends: the page forgets the channel once all has arrived. */
  close: () => void;
};

/**
 * Opens the channel an argument names. Tauri sends a `Channel` as `__CHANNEL__:<id>` (its
 * `toJSON`), so this reads the argument as the backend would; anything else is a `VALIDATION`
 * error, as Rust's deserializer gives. Messages sent after the test's IPC mocks are cleared are
 * dropped, as the real ones are once the page has gone.
 */
export function backendChannel<T>(argument: unknown, field: string): BackendChannel<T> {
  const sent: unknown = typeof argument === "string" ? argument : JSON.parse(JSON.stringify(argument ?? null));
  const match = typeof sent === "string" ? /^__CHANNEL__:(\d+)$/.exec(sent) : null;
  if (!match) throw { code: "VALIDATION", message: `\`${field}\` is not a channel`, field };
  const id = Number(match[1]);
  let index = 0;
  const run = (data: unknown) => (window as TauriInternals).__TAURI_INTERNALS__?.runCallback?.(id, data);
  return {
    send: (message) => run({ index: index++, message }),
    close: () => run({ index, end: true }),
  };
}
