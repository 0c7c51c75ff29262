import type { InvokeArgs } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { CommandName } from "../bindings/commands";
import type { Id } from "../bindings/Id";
import type { NewProject } from "../bindings/NewProject";
import type { NewTask } from "../bindings/NewTask";
import type { Project } from "../bindings/Project";
import type { ProjectPatch } from "../bindings/ProjectPatch";
import type { Settings } from "../bindings/Settings";
import type { SettingsPatch } from "../bindings/SettingsPatch";
import type { Task } from "../bindings/Task";
import type { TaskFilter } from "../bindings/TaskFilter";
import type { TaskPatch } from "../bindings/TaskPatch";

const NOW = "2026-11-21T09:30:00.000Z";
const HANG = Symbol("hang");
let nextId = 1;

function newId(): Id {
  return `00000000-0000-4000-8000-${String(nextId++).padStart(12, "0")}`;
}

export function makeTask(fields: Partial<Task> & { title: string }): Task {
  return {
    id: newId(),
    description: null,
    status: "todo",
    priority: "none",
    tags: [],
    projectIds: [],
    dueAt: null,
    completedAt: null,
    position: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...fields,
  };
}

export function makeProject(fields: Partial<Project> & { name: string }): Project {
  return {
    id: newId(),
    description: null,
    color: null,
    position: 0,
    archived: false,
    taskCount: 0,
    openTaskCount: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...fields,
  };
}

function fail(code: AppError["code"], message: string, field?: string): never {
  throw field === undefined ? { code, message } : { code, message, field };
}

function matches(task: Task, filter: TaskFilter): boolean {
  const search = filter.search?.toLowerCase();
  const tags = filter.tags?.map((tag) => tag.toLowerCase());
  return (
    (!filter.inbox || task.projectIds.length === 0) &&
    (!filter.projectIds || task.projectIds.some((id) => filter.projectIds?.includes(id))) &&
    (!filter.statuses || filter.statuses.includes(task.status)) &&
    (!filter.priorities || filter.priorities.includes(task.priority)) &&
    (!tags || task.tags.some((tag) => tags.includes(tag.toLowerCase()))) &&
    (!search || `${task.title} ${task.description ?? ""}`.toLowerCase().includes(search))
  );
}

/**
 * An in-memory stand-in for the Rust backend behind mockIPC: the commands over arrays, the
 * title validation, and a log of every call. Events are mocked too, so tests can `emit`.
 */
export function installFakeBackend(seed: { tasks?: Task[]; projects?: Project[] } = {}) {
  const db = {
    tasks: [...(seed.tasks ?? [])],
    projects: [...(seed.projects ?? [])],
    settings: { theme: "light", notifications: true } as Settings,
  };
  const calls: { command: string; args: InvokeArgs | undefined }[] = [];
  const failures = new Map<CommandName, unknown>();

  const findTask = (id: Id) =>
    db.tasks.find((task) => task.id === id) ?? fail("NOT_FOUND", "Task not found");
  const findProject = (id: Id) =>
    db.projects.find((project) => project.id === id) ?? fail("NOT_FOUND", "Project not found");
  const checkTitle = (title: string) => {
    if (title.trim() === "") fail("VALIDATION", "Title cannot be empty", "title");
  };
  const withCounts = (project: Project): Project => {
    const tasks = db.tasks.filter((task) => task.projectIds.includes(project.id));
    const openTaskCount = tasks.filter((task) => task.status !== "done").length;
    return { ...project, taskCount: tasks.length, openTaskCount };
  };
  const status = (): AppStatus => ({
    taskCount: db.tasks.length,
    openTaskCount: db.tasks.filter((task) => task.status !== "done").length,
    projectCount: db.projects.length,
    dbPath: "/home/me/.local/share/app.tasklane.desktop/tasklane.db",
    dbSizeBytes: 1536,
    schemaVersion: "m20261121_000005_create_settings",
    appVersion: "0.1.0",
  });

  const handlers: Record<CommandName, (args: never) => unknown> = {
    db_create_task: ({ input }: { input: NewTask }) => {
      checkTitle(input.title);
      const task = makeTask({ ...input, position: db.tasks.length });
      db.tasks.push(task);
      return task;
    },
    db_get_tasks: ({ filter }: { filter: TaskFilter }) =>
      db.tasks.filter((task) => matches(task, filter)),
    db_get_task: ({ id }: { id: Id }) => findTask(id),
    db_update_task: ({ id, patch }: { id: Id; patch: TaskPatch }) => {
      if (patch.title !== undefined) checkTitle(patch.title);
      const task = Object.assign(findTask(id), patch, { updatedAt: new Date().toISOString() });
      return { ...task };
    },
    db_delete_task: ({ id }: { id: Id }) => {
      findTask(id);
      db.tasks = db.tasks.filter((task) => task.id !== id);
      return null;
    },
    db_create_project: ({ input }: { input: NewProject }) => {
      if (input.name.trim() === "") fail("VALIDATION", "Name cannot be empty", "name");
      const project = makeProject({ ...input, position: db.projects.length });
      db.projects.push(project);
      return project;
    },
    db_get_projects: () => db.projects.map(withCounts),
    db_get_project: ({ id }: { id: Id }) => withCounts(findProject(id)),
    db_update_project: ({ id, patch }: { id: Id; patch: ProjectPatch }) =>
      withCounts(Object.assign(findProject(id), patch)),
    db_delete_project: ({ id }: { id: Id }) => {
      findProject(id);
      db.projects = db.projects.filter((project) => project.id !== id);
      for (const task of db.tasks)
        task.projectIds = task.projectIds.filter((projectId) => projectId !== id);
      return null;
    },
    db_get_settings: () => db.settings,
    db_update_settings: ({ patch }: { patch: SettingsPatch }) =>
      (db.settings = { ...db.settings, ...patch }),
    app_status: status,
    app_open_window: () => "main-2",
  };

  mockIPC(
    (command, args) => {
      calls.push({ command, args });
      if (failures.has(command as CommandName)) {
        const reason = failures.get(command as CommandName);
        failures.delete(command as CommandName);
        if (reason === HANG) return new Promise(() => undefined);
        throw reason;
      }
      const handler = handlers[command as CommandName];
      if (!handler) throw `unknown command ${command}`;
      // structuredClone: the UI must never share objects with the "database".
      return structuredClone(handler((args ?? {}) as never));
    },
    { shouldMockEvents: true },
  );

  return {
    db,
    /** The argument objects sent with `command`, oldest first. */
    argsOf: (command: CommandName) =>
      calls.filter((call) => call.command === command).map((call) => call.args),
    /** Makes the next call of `command` never answer, as a stuck IPC hook would. */
    hangNext: (command: CommandName) => failures.set(command, HANG),
    /** Makes the next call of `command` reject with `reason`. */
    failNext: (command: CommandName, reason: unknown) => failures.set(command, reason),
  };
}
