import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import { onAppStatus, onProjectsChanged, onSettingsChanged, onTasksChanged } from "./events";

const change: ChangeEvent = { kind: "updated", ids: ["a"] };
const status: AppStatus = {
  taskCount: 3,
  openTaskCount: 2,
  projectCount: 1,
  dbPath: "/tmp/tasklane.db",
  dbSizeBytes: 4096,
  schemaVersion: "m20261121_000005_create_settings",
  appVersion: "0.1.0",
};

describe("event helpers", () => {
  beforeEach(() => {
    mockIPC(() => null, { shouldMockEvents: true });
  });

  it.each([
    ["tasks:changed", onTasksChanged, change],
    ["projects:changed", onProjectsChanged, change],
    ["settings:changed", onSettingsChanged, { kind: "updated", ids: [] }],
    ["app:status", onAppStatus, status],
  ] as const)("%s delivers its payload until unlistened", async (event, subscribe, payload) => {
    const handler = vi.fn();
    const unlisten = await subscribe(handler);

    await emit(event, payload);
    expect(handler).toHaveBeenCalledExactlyOnceWith(payload);

    unlisten();
    await emit(event, payload);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("does not deliver other events", async () => {
    const handler = vi.fn();
    await onTasksChanged(handler);

    await emit("projects:changed", change);

    expect(handler).not.toHaveBeenCalled();
  });
});
