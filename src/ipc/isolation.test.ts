import { beforeAll, describe, expect, it } from "vitest";
import capability from "../../src-tauri/capabilities/default.json";
import { COMMANDS } from "../bindings/commands";
import { UI_READY } from "./window";

type Message = { cmd: unknown; callback?: number; error?: number; payload?: unknown };
type IsolationHook = ((message: unknown) => Message) & {
  appCommands: readonly string[];
  pluginCommands: readonly string[];
  emittableEvents: readonly string[];
};

let hook: IsolationHook;

beforeAll(async () => {
  // The hook is a plain script that assigns itself to `window`, as in Tauri's isolation iframe.
  // Imported through a variable: the script has no types, and TypeScript need not read it.
  const script: string = "../../isolation/index.js";
  await import(/* @vite-ignore */ script);
  hook = (window as unknown as { __TAURI_ISOLATION_HOOK__: IsolationHook }).__TAURI_ISOLATION_HOOK__;
});

/** The command a plugin permission allows: `core:event:allow-listen` → `plugin:event|listen`. */
function pluginCommandOf(permission: string): string {
  const [plugin, command = ""] = permission.replace(/^core:/, "").split(":allow-");
  return `plugin:${plugin}|${command.replaceAll("-", "_")}`;
}

/** A message as Tauri's `invoke` hands it to the hook. */
function message(cmd: unknown, payload: unknown): Message {
  return { cmd, callback: 1, error: 2, payload };
}

describe("isolation hook", () => {
  it("lists exactly the commands of the Rust list, in order", () => {
    expect(hook.appCommands).toEqual(COMMANDS);
  });

  it.each(COMMANDS)("lets %s through unchanged", (cmd) => {
    const sent = message(cmd, { id: "t1", input: { title: "Buy milk", tags: ["a", "b"] } });
    expect(hook(sent)).toBe(sent);
  });

  it("lets an import through with its progress channel, as Tauri serializes it for the hook", () => {
    const sent = message("data_import", {
      request: { format: "csv", path: "/home/me/tasks.csv" },
      onProgress: "__CHANNEL__:3141",
    });
    expect(hook(sent)).toBe(sent);
  });

  it("lets through exactly the plugin commands the capability allows", () => {
    const pluginPermissions = capability.permissions.filter((permission) => permission.includes(":"));
    expect([...hook.pluginCommands].sort()).toEqual(pluginPermissions.map(pluginCommandOf).sort());
  });

  it.each([
    ["plugin:event|listen", { event: "tasks:changed", target: { kind: "Any" }, handler: 42 }],
    ["plugin:event|unlisten", { event: "tasks:changed", eventId: 42 }],
    ["plugin:event|emit", { event: "ui:ready", payload: { label: "main" } }],
    ["plugin:dialog|save", { options: { defaultPath: "tasklane-2026-11-21.json", filters: [] } }],
    ["plugin:dialog|open", { options: { multiple: false, directory: false } }],
  ])("lets the plugin command %s through", (cmd, payload) => {
    expect(hook(message(cmd, payload)).payload).toBe(payload);
  });

  it("lets pages emit only the events the frontend emits", () => {
    expect(hook.emittableEvents).toEqual([UI_READY]);
  });

  it.each([
    ["tasks:changed", { kind: "deleted", ids: ["t1"] }],
    ["projects:changed", { kind: "created", ids: [] }],
    ["settings:changed", { kind: "updated", ids: [] }],
    ["app:status", { taskCount: 0 }],
    ["UI:READY", { label: "main" }],
    ["ui:ready ", { label: "main" }],
    ["tauri://close-requested", null],
  ])("rejects a page emitting %s", (event, payload) => {
    const sent = message("plugin:event|emit", { event, payload });
    expect(() => hook(sent)).toThrow(TypeError);
    expect(() => hook(sent)).toThrow(
      `rejected plugin:event|emit: the event ${JSON.stringify(event)} is not one a page may emit`,
    );
  });

  it.each([
    ["no event name", { payload: { label: "main" } }, /the event undefined is not one/],
    ["an event name that is not a string", { event: ["ui:ready"] }, /the event \["ui:ready"\] is not one/],
  ])("rejects an emit with %s", (_, payload, error) => {
    expect(() => hook(message("plugin:event|emit", payload))).toThrow(error);
  });

  it("rejects emit_to, even of ui:ready", () => {
    const sent = message("plugin:event|emit_to", {
      target: { kind: "Any" },
      event: "ui:ready",
      payload: { label: "main" },
    });
    expect(() => hook(sent)).toThrow(/not a command Tasklane sends/);
  });

  it("accepts every JSON value, deep nesting, shared objects and omitted optional fields", () => {
    let deep: unknown = "bottom";
    for (let level = 0; level < 10_000; level += 1) deep = { next: deep };
    const shared = { same: true };
    const payload = {
      patch: { title: "t", description: null, done: false, position: -1.5, dueAt: undefined },
      tags: ["x", "", "😀"],
      deep,
      pair: [shared, shared],
      bare: Object.create(null) as object,
    };
    expect(hook(message("db_update_task", payload)).payload).toBe(payload);
  });

  it.each([
    ["an unknown command", "db_drop_everything", {}, /rejected "db_drop_everything": not a command/],
    ["another plugin's command", "plugin:fs|read_file", { path: "/etc/passwd" }, /not a command/],
    ["a dialog the app does not open", "plugin:dialog|message", { message: "Update now?" }, /not a command/],
    ["a command that is not a string", 7, {}, /not an IPC call/],
  ])("rejects %s", (_, cmd, payload, error) => {
    expect(() => hook(message(cmd, payload))).toThrow(TypeError);
    expect(() => hook(message(cmd, payload))).toThrow(error);
  });

  it.each([
    ["arguments that are an array", [1, 2], /db_get_tasks: its arguments are an array, not an object/],
    ["arguments that are a string", "x", /its arguments are a string, not an object/],
    ["missing arguments", undefined, /its arguments are undefined, not an object/],
    ["a function", { filter: { search: () => "x" } }, /filter\.search is a function, not a JSON value/],
    ["a Date", { filter: { dueBefore: new Date(0) } }, /filter\.dueBefore is a Date, not a JSON value/],
    ["a Map", { filter: new Map() }, /filter is a Map/],
    ["NaN", { filter: { limit: Number.NaN } }, /filter\.limit is NaN/],
    ["Infinity in an array", { ids: [1, Infinity] }, /ids\[1\] is Infinity/],
    ["undefined in an array", { tags: ["a", undefined] }, /tags\[1\] is undefined/],
    ["a bigint", { filter: { limit: 1n } }, /filter\.limit is a bigint/],
    ["a symbol", { filter: { tag: Symbol("t") } }, /filter\.tag is a symbol/],
  ])("rejects %s", (_, payload, error) => {
    expect(() => hook(message("db_get_tasks", payload))).toThrow(TypeError);
    expect(() => hook(message("db_get_tasks", payload))).toThrow(error);
  });

  it("rejects a cycle", () => {
    const filter: Record<string, unknown> = {};
    filter.self = filter;
    expect(() => hook(message("db_get_tasks", { filter }))).toThrow(
      /filter\.self refers back to itself/,
    );
  });

  it("rejects a message that is not an object", () => {
    expect(() => hook(null)).toThrow(/not an IPC call/);
    expect(() => hook("db_get_tasks")).toThrow(/not an IPC call/);
  });
});
