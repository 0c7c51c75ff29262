// The one list of IPC commands. It is read in three places:
//   - `lib.rs`, which expands it into `tauri::generate_handler!`;
//   - `build.rs`, which declares the same names in the app manifest (so each gets an
//     `allow-<name>` permission, and no other command is exposed);
//   - `commands::COMMANDS`, which the tests compare with what is registered and granted, and
//     which is exported to `src/bindings/commands.ts` for the TypeScript client's contract test.
// This file is `include!`d by build.rs, so it holds nothing but macros.

/// Calls `$callback! { name, name, ... }` with every command name.
macro_rules! with_command_names {
    ($callback:ident) => {
        $callback! {
            db_create_task,
            db_get_tasks,
            db_get_task,
            db_update_task,
            db_move_task,
            db_delete_task,
            db_get_tags,
            db_create_project,
            db_get_projects,
            db_get_project,
            db_update_project,
            db_delete_project,
            db_get_settings,
            db_update_settings,
            app_status,
            app_open_window,
            app_check_database,
            app_set_database,
            app_restart,
            data_export,
            data_import,
            data_cancel,
            data_backups,
            data_restore,
        }
    };
}

/// Expands a list of command names into a `&[&str]` of their names.
macro_rules! command_names_of {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}
