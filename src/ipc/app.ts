import type { AppStatus } from "../bindings/AppStatus";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

export function invokeAppStatus(): Promise<AppStatus> {
  return invokeWithTimeout("app_status", {}, TIMEOUT_MS.read);
}

/** Opens another main window; resolves with its label. */
export function invokeAppOpenWindow(): Promise<string> {
  return invokeWithTimeout("app_open_window", {}, TIMEOUT_MS.write);
}
