import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { CommandName } from "../bindings/commands";
import { TimeoutError, toIpcError } from "./errors";
import { checkSendable } from "./sendable";

/** How long a command may take before the UI gives up on it. */
export const TIMEOUT_MS = {
  read: 5_000,
  write: 10_000,
  // An import or export reads or writes a file of up to 200 MB, which can take minutes; its
  // progress channel shows it is alive and Cancel stops it, so this only ends one that is stuck.
  file: 10 * 60_000,
} as const;

/**
 * Calls a backend command, rejecting with `TimeoutError` after `timeoutMs` and with `IpcError`
 * for any failure (arguments the backend could never read are refused before sending, see
 * `checkSendable`). The timer is always cleared. The timeout matters: under Tauri's isolation
 * pattern a failing hook can leave `invoke` pending forever.
 */
export async function invokeWithTimeout<T>(
  command: CommandName,
  args: InvokeArgs,
  timeoutMs: number,
): Promise<T> {
  checkSendable(command, args);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(command, timeoutMs)), timeoutMs);
  });
  const call = invoke<T>(command, args).catch((reason: unknown) => {
    throw toIpcError(command, reason);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
