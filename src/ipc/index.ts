import type { CommandName } from "../bindings/commands";
import {
  invokeAppCheckDatabase,
  invokeAppOpenWindow,
  invokeAppRestart,
  invokeAppSetDatabase,
  invokeAppStatus,
} from "./app";
import { invokeDataBackups, invokeDataCancel, invokeDataExport, invokeDataImport, invokeDataRestore } from "./data";
import {
  invokeDbCreateProject,
  invokeDbDeleteProject,
  invokeDbGetProject,
  invokeDbGetProjects,
  invokeDbUpdateProject,
} from "./projects";
import { invokeDbGetSettings, invokeDbUpdateSettings } from "./settings";
import { invokeDbGetTags } from "./tags";
import {
  invokeDbCreateTask,
  invokeDbDeleteTask,
  invokeDbGetTask,
  invokeDbGetTasks,
  invokeDbMoveTask,
  invokeDbUpdateTask,
} from "./tasks";

export * from "./app";
export * from "./data";
export * from "./errors";
export * from "./events";
export { invokeWithTimeout, TIMEOUT_MS } from "./invoke";
export * from "./projects";
export * from "./settings";
export * from "./tags";
export * from "./tasks";
export * from "./window";

/** The typed wrapper of every backend command; a test pins its keys to `COMMANDS`. */
export const COMMAND_WRAPPERS = {
  db_create_task: invokeDbCreateTask,
  db_get_tasks: invokeDbGetTasks,
  db_get_task: invokeDbGetTask,
  db_update_task: invokeDbUpdateTask,
  db_move_task: invokeDbMoveTask,
  db_delete_task: invokeDbDeleteTask,
  db_get_tags: invokeDbGetTags,
  db_create_project: invokeDbCreateProject,
  db_get_projects: invokeDbGetProjects,
  db_get_project: invokeDbGetProject,
  db_update_project: invokeDbUpdateProject,
  db_delete_project: invokeDbDeleteProject,
  db_get_settings: invokeDbGetSettings,
  db_update_settings: invokeDbUpdateSettings,
  app_status: invokeAppStatus,
  app_open_window: invokeAppOpenWindow,
  app_check_database: invokeAppCheckDatabase,
  app_set_database: invokeAppSetDatabase,
  app_restart: invokeAppRestart,
  data_export: invokeDataExport,
  data_import: invokeDataImport,
  data_cancel: invokeDataCancel,
  data_backups: invokeDataBackups,
  data_restore: invokeDataRestore,
} satisfies Record<CommandName, (...args: never[]) => Promise<unknown>>;
