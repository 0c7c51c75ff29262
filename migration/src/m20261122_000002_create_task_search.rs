use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000002_create_task_search"
    }
}

/// Re-indexes one task (`:task` is an SQL expression naming its id): its row in `task_search` is
/// replaced by its current title, description and tag names, or removed if the task is gone.
/// Every trigger below runs this, so the index changes in the same transaction as the data,
/// whatever the write path.
fn reindex(task: &str) -> String {
    format!(
        "DELETE FROM task_search WHERE rowid = (SELECT search_rowid FROM task_search_rows WHERE task_id = {task});
        INSERT INTO task_search (rowid, title, description, tags)
            SELECT r.search_rowid, t.title, coalesce(t.description, ''),
                   coalesce((SELECT group_concat(g.name, ' ') FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
                             WHERE tt.task_id = t.id), '')
            FROM tasks t JOIN task_search_rows r ON r.task_id = t.id
            WHERE t.id = {task};"
    )
}

/// Full-text search over tasks (title, description, tag names) with SQLite's FTS5.
///
/// A plain FTS5 table: it keeps its own copy of the indexed text, so rows are deleted by rowid
/// with any SQLite that has FTS5. (A contentless table with `contentless_delete` would save that
/// copy but needs SQLite 3.43; Debian 12's `sqlite3` is 3.40 and could then no longer write to
/// `tasks`, because the triggers below touch the index.) FTS5 rows are keyed by an integer, and
/// the implicit rowid of `tasks` (TEXT primary key) may change on VACUUM, so each task gets its
/// own stable integer in `task_search_rows` (an INTEGER PRIMARY KEY, which VACUUM keeps).
///
/// Tokenizer `unicode61 remove_diacritics 2`: case- and accent-insensitive ("uber" finds "Über"),
/// words split at anything that is not a letter or digit; ß is its own letter ("strasse" does not
/// find "straße"). Prefix indexes of 2 and 3 characters keep search-as-you-type fast.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let on_task_insert = format!(
            "CREATE TRIGGER task_search_after_task_insert AFTER INSERT ON tasks BEGIN
                INSERT INTO task_search_rows (task_id) VALUES (NEW.id);
                {}
            END",
            reindex("NEW.id")
        );
        let on_task_update = format!(
            "CREATE TRIGGER task_search_after_task_update AFTER UPDATE OF title, description ON tasks BEGIN
                {}
            END",
            reindex("NEW.id")
        );
        let on_tag_link = format!(
            "CREATE TRIGGER task_search_after_tag_link AFTER INSERT ON task_tags BEGIN
                {}
            END",
            reindex("NEW.task_id")
        );
        let on_tag_unlink = format!(
            "CREATE TRIGGER task_search_after_tag_unlink AFTER DELETE ON task_tags BEGIN
                {}
            END",
            reindex("OLD.task_id")
        );
        let on_tag_rename = "CREATE TRIGGER task_search_after_tag_rename AFTER UPDATE OF name ON tags BEGIN
                DELETE FROM task_search WHERE rowid IN (
                    SELECT r.search_rowid FROM task_search_rows r JOIN task_tags tt ON tt.task_id = r.task_id
                    WHERE tt.tag_id = NEW.id);
                INSERT INTO task_search (rowid, title, description, tags)
                    SELECT r.search_rowid, t.title, coalesce(t.description, ''),
                           coalesce((SELECT group_concat(g.name, ' ') FROM task_tags tt2 JOIN tags g ON g.id = tt2.tag_id
                                     WHERE tt2.task_id = t.id), '')
                    FROM tasks t JOIN task_search_rows r ON r.task_id = t.id
                    WHERE t.id IN (SELECT task_id FROM task_tags WHERE tag_id = NEW.id);
            END";
        execute_script(
            manager,
            &[
                "CREATE TABLE task_search_rows (
                    search_rowid INTEGER PRIMARY KEY,
                    task_id TEXT NOT NULL UNIQUE
                ) STRICT",
                "CREATE VIRTUAL TABLE task_search USING fts5 (
                    title, description, tags,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                )",
                // Existing tasks, in one pass each (the triggers below do the same row by row).
                "INSERT INTO task_search_rows (task_id) SELECT id FROM tasks ORDER BY created_at, id",
                "INSERT INTO task_search (rowid, title, description, tags)
                    SELECT r.search_rowid, t.title, coalesce(t.description, ''), coalesce(g.names, '')
                    FROM tasks t
                    JOIN task_search_rows r ON r.task_id = t.id
                    LEFT JOIN (SELECT tt.task_id, group_concat(tags.name, ' ') AS names
                               FROM task_tags tt JOIN tags ON tags.id = tt.tag_id GROUP BY tt.task_id) g
                        ON g.task_id = t.id",
                &on_task_insert,
                &on_task_update,
                "CREATE TRIGGER task_search_after_task_delete AFTER DELETE ON tasks BEGIN
                    DELETE FROM task_search WHERE rowid = (SELECT search_rowid FROM task_search_rows WHERE task_id = OLD.id);
                    DELETE FROM task_search_rows WHERE task_id = OLD.id;
                END",
                &on_tag_link,
                &on_tag_unlink,
                on_tag_rename,
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                "DROP TRIGGER task_search_after_tag_rename",
                "DROP TRIGGER task_search_after_tag_unlink",
                "DROP TRIGGER task_search_after_tag_link",
                "DROP TRIGGER task_search_after_task_delete",
                "DROP TRIGGER task_search_after_task_update",
                "DROP TRIGGER task_search_after_task_insert",
                "DROP TABLE task_search",
                "DROP TABLE task_search_rows",
            ],
        )
        .await
    }
}
