import type { Settings } from "../bindings/Settings";
import type { SettingsPatch } from "../bindings/SettingsPatch";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

export function invokeDbGetSettings(): Promise<Settings> {
  return invokeWithTimeout("db_get_settings", {}, TIMEOUT_MS.read);
}

export function invokeDbUpdateSettings(patch: SettingsPatch): Promise<Settings> {
  return invokeWithTimeout("db_update_settings", { patch }, TIMEOUT_MS.write);
}
