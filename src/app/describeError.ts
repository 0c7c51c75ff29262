import type { CommandName } from "../bindings/commands";
import { IpcError, TimeoutError, type IpcErrorCode } from "../ipc";

// What each command does, in the user's words, to open an error message.
const OPERATIONS: Record<CommandName, string> = {
  db_create_task: "Creating the task",
  db_get_tasks: "Loading tasks",
  db_get_task: "Loading the task",
  db_update_task: "Saving the task",
  db_move_task: "Moving the task",
  db_delete_task: "Deleting the task",
  db_get_tags: "Loading tags",
  db_create_project: "Creating the project",
  db_get_projects: "Loading projects",
  db_get_project: "Loading the project",
  db_update_project: "Saving the project",
  db_delete_project: "Deleting the project",
  db_get_settings: "Loading settings",
  db_update_settings: "Saving settings",
  app_status: "Reading the app status",
  app_open_window: "Opening a new window",
  app_check_database: "Testing the connection",
  app_set_database: "Switching the database",
  app_restart: "Restarting Tasklane",
  data_export: "Exporting tasks",
  data_import: "Importing tasks",
  data_cancel: "Cancelling the import or export",
  data_backups: "Listing the backups",
  data_restore: "Restoring the backup",
};

// These messages are written for users (a cancel's says nothing was written); the rest need context.
const USER_FACING = new Set<IpcErrorCode>(["VALIDATION", "NOT_FOUND", "CONFLICT", "CANCELLED"]);

/** A sentence a user can read for any error the UI catches. */
export function describeError(error: unknown): string {
  if (error instanceof TimeoutError) {
    return `${OPERATIONS[error.command]} timed out after ${error.ms / 1000} s. Please try again.`;
  }
  if (error instanceof IpcError) {
    return USER_FACING.has(error.code) ? error.message : `${OPERATIONS[error.command]} failed: ${error.message}`;
  }
  if (error instanceof Error && error.message !== "") return error.message;
  return "Something went wrong.";
}
