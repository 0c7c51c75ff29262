import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import {
  ListenTimeoutError,
  listenWithTimeout,
  onAppStatus,
  onProjectsChanged,
  onSettingsChanged,
  onTasksChanged,
} from "./events";

const change: ChangeEvent = { kind: "updated", ids: ["a"] };
const status: AppStatus = {
  taskCount: 3,
  openTaskCount: 2,
  projectCount: 1,
  dbPath: "/tmp/tasklane.db",
  dbSizeBytes: 4096,
  schemaVersion: "m20261121_000005_create_settings",
  appVersion: "0.1.0",
  startupMs: 850,
  server: null,
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

describe("listenWithTimeout", () => {
  type Call = { cmd: string; args: Record<string, unknown> };
  let calls: Call[];

  /** Answers `plugin:event|listen` with `listenAnswer` and records every call. */
  function mockListen(listenAnswer: () => unknown) {
    calls = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      return cmd === "plugin:event|listen" ? listenAnswer() : null;
    });
  }

  /** Delivers an event to the callback the frontend registered, as Tauri would. */
  function deliver(callbackId: unknown, payload: unknown) {
    const tauri = window as unknown as {
      __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void };
    };
    tauri.__TAURI_INTERNALS__.runCallback(callbackId as number, {
      event: "tasks:changed",
      id: 1,
      payload,
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves with a working unlisten and clears its timer", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const handler = vi.fn();

    const unlisten = await listenWithTimeout("tasks:changed", handler, 5000);
    expect(vi.getTimerCount()).toBe(0);

    await emit("tasks:changed", change);
    expect(handler).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ payload: change }));
    unlisten();
    await emit("tasks:changed", change);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("rejects with ListenTimeoutError when listen never settles", async () => {
    mockListen(() => new Promise(() => undefined));

    const subscription = listenWithTimeout("tasks:changed", vi.fn(), 5000);
    const assertion = expect(subscription).rejects.toSatisfy(
      (error) =>
        error instanceof ListenTimeoutError &&
        error.event === "tasks:changed" &&
        error.ms === 5000 &&
        error.message.startsWith("Live updates (tasks:changed) did not start within 5 s"),
    );
    await vi.advanceTimersByTimeAsync(4999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("undoes a subscription that completes after the timeout, and never runs its handler", async () => {
    let register: (eventId: number) => void = () => undefined;
    mockListen(() => new Promise<number>((resolve) => (register = resolve)));
    const handler = vi.fn();

    const subscription = listenWithTimeout("tasks:changed", handler, 5000);
    const assertion = expect(subscription).rejects.toBeInstanceOf(ListenTimeoutError);
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;

    const listenCall = calls.find((call) => call.cmd === "plugin:event|listen");
    deliver(listenCall?.args.handler, change);
    register(42);
    await vi.runAllTimersAsync();

    expect(calls.filter((call) => call.cmd === "plugin:event|unlisten")).toEqual([
      { cmd: "plugin:event|unlisten", args: { event: "tasks:changed", eventId: 42 } },
    ]);
    expect(handler).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes a failed listen through and clears its timer", async () => {
    mockListen(() => Promise.reject(new Error("event plugin not allowed")));

    await expect(listenWithTimeout("app:status", vi.fn(), 5000)).rejects.toThrow(
      "event plugin not allowed",
    );
    expect(vi.getTimerCount()).toBe(0);
    expect(calls.some((call) => call.cmd === "plugin:event|unlisten")).toBe(false);
  });
});
