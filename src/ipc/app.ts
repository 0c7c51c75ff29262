import type { AppStatus } from "../bindings/AppStatus";
import type { DatabaseCheck } from "../bindings/DatabaseCheck";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

export function invokeAppStatus(): Promise<AppStatus> {
  return invokeWithTimeout("app_status", {}, TIMEOUT_MS.read);
}

/** Opens another main window; resolves with its label. */
export function invokeAppOpenWindow(): Promise<string> {
  return invokeWithTimeout("app_open_window", {}, TIMEOUT_MS.write);
}

/** "Test connection": whether the database at `url` can be used, and the state of its schema.
 * A check may wait up to 5 s for a server that does not answer, so it gets the write timeout. */
export function invokeAppCheckDatabase(url: string): Promise<DatabaseCheck> {
  return invokeWithTimeout("app_check_database", { url }, TIMEOUT_MS.write);
}

/** Makes `url` (or the local file, for `null`) the database opened from the next start. */
export function invokeAppSetDatabase(url: string | null): Promise<DatabaseCheck | null> {
  return invokeWithTimeout("app_set_database", { url }, TIMEOUT_MS.write);
}

/** Starts Tasklane again; the promise does not settle, as the page goes away. */
export function invokeAppRestart(): Promise<void> {
  return invokeWithTimeout("app_restart", {}, TIMEOUT_MS.write);
}
