import { Channel, type InvokeArgs } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandName } from "../bindings/commands";
import {
  COMMAND_WRAPPERS,
  invokeAppCheckDatabase,
  invokeAppOpenWindow,
  invokeAppRestart,
  invokeAppSetDatabase,
  invokeAppStatus,
  invokeDataBackups,
  invokeDataCancel,
  invokeDataExport,
  invokeDataImport,
  invokeDataRestore,
  invokeDbCreateProject,
  invokeDbCreateTask,
  invokeDbDeleteProject,
  invokeDbDeleteTask,
  invokeDbGetProject,
  invokeDbGetProjects,
  invokeDbGetSettings,
  invokeDbGetTags,
  invokeDbGetTask,
  invokeDbGetTasks,
  invokeDbUpdateProject,
  invokeDbUpdateSettings,
  invokeDbMoveTask,
  invokeDbUpdateTask,
} from ".";

const ID = "0b7c4c2e-8a0e-4d0e-9a57-3c2b1f0e9d11";
const ID2 = "5d1e6f70-2b3c-4d5e-8f90-a1b2c3d4e5f6";
/** A progress channel, as Tauri sends it. */
const CHANNEL: unknown = expect.stringMatching(/^__CHANNEL__:\d+$/);
const ignore = () => undefined;

// Each command with the exact arguments object the Rust handler expects.
const CASES: [CommandName, () => Promise<unknown>, InvokeArgs][] = [
  [
    "db_create_task",
    () => invokeDbCreateTask({ title: "Buy milk" }),
    { input: { title: "Buy milk" } },
  ],
  ["db_get_tasks", () => invokeDbGetTasks(), { filter: {} }],
  ["db_get_tasks", () => invokeDbGetTasks({ inbox: true }), { filter: { inbox: true } }],
  [
    "db_get_tasks",
    () => invokeDbGetTasks({ sort: "due" }, { limit: 50, after: "opaque" }),
    { filter: { sort: "due" }, page: { limit: 50, after: "opaque" } },
  ],
  ["db_get_task", () => invokeDbGetTask(ID), { id: ID }],
  [
    "db_update_task",
    () => invokeDbUpdateTask(ID, { expectedVersion: 3, description: null }),
    { id: ID, patch: { expectedVersion: 3, description: null } },
  ],
  [
    "db_move_task",
    () => invokeDbMoveTask(ID, { status: "in_progress", before: ID2 }),
    { id: ID, to: { status: "in_progress", before: ID2 } },
  ],
  ["db_delete_task", () => invokeDbDeleteTask(ID), { id: ID }],
  ["db_get_tags", () => invokeDbGetTags(), {}],
  ["db_get_tags", () => invokeDbGetTags({ search: "ho", limit: 5 }), { search: "ho", limit: 5 }],
  ["db_create_project", () => invokeDbCreateProject({ name: "Home" }), { input: { name: "Home" } }],
  ["db_get_projects", () => invokeDbGetProjects(), {}],
  ["db_get_project", () => invokeDbGetProject(ID), { id: ID }],
  [
    "db_update_project",
    () => invokeDbUpdateProject(ID, { expectedVersion: 2, color: null }),
    { id: ID, patch: { expectedVersion: 2, color: null } },
  ],
  ["db_delete_project", () => invokeDbDeleteProject(ID), { id: ID }],
  ["db_get_settings", () => invokeDbGetSettings(), {}],
  [
    "db_update_settings",
    () => invokeDbUpdateSettings({ theme: "dark" }),
    { patch: { theme: "dark" } },
  ],
  ["app_status", () => invokeAppStatus(), {}],
  ["app_open_window", () => invokeAppOpenWindow(), {}],
  [
    "app_check_database",
    () => invokeAppCheckDatabase("postgres://db.example.org/tasklane"),
    { url: "postgres://db.example.org/tasklane" },
  ],
  ["app_set_database", () => invokeAppSetDatabase(null), { url: null }],
  ["app_restart", () => invokeAppRestart(), {}],
  [
    "data_export",
    () => invokeDataExport({ format: "csv", path: "/home/me/tasks.csv" }, ignore),
    { request: { format: "csv", path: "/home/me/tasks.csv" }, onProgress: CHANNEL },
  ],
  [
    "data_export",
    () => invokeDataExport({ format: "json", path: "/tmp/inbox.json", filter: { inbox: true } }, ignore),
    { request: { format: "json", path: "/tmp/inbox.json", filter: { inbox: true } }, onProgress: CHANNEL },
  ],
  [
    "data_import",
    () => invokeDataImport({ format: "json", path: "/home/me/backup.json" }, ignore),
    { request: { format: "json", path: "/home/me/backup.json" }, onProgress: CHANNEL },
  ],
  ["data_cancel", () => invokeDataCancel(), {}],
  ["data_backups", () => invokeDataBackups(), {}],
  [
    "data_restore",
    () => invokeDataRestore({ name: "tasklane-20261208T093000Z-daily.db" }),
    { request: { name: "tasklane-20261208T093000Z-daily.db" } },
  ],
];

/** The arguments as the backend reads them: Tauri sends a `Channel` as `__CHANNEL__:<id>`. */
function asSent(args: InvokeArgs | undefined): unknown {
  if (Array.isArray(args) || args instanceof ArrayBuffer || args instanceof Uint8Array || !args) return args;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [key, value instanceof Channel ? value.toJSON() : value]),
  );
}

describe("IPC wrappers", () => {
  it("cover exactly the commands the backend registers", () => {
    expect(Object.keys(COMMAND_WRAPPERS).sort()).toEqual([...COMMANDS].sort());
  });

  it("are all exercised by the argument cases below", () => {
    expect(new Set(CASES.map(([command]) => command))).toEqual(new Set(COMMANDS));
  });

  it.each(CASES)("%s sends exactly the contract's arguments", async (command, call, expected) => {
    const sent: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      sent.push([cmd, asSent(args)]);
      return null;
    });

    await call();

    expect(sent).toStrictEqual([[command, expected]]);
  });
});
