use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

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
pub(crate) fn reindex(task: &str) -> String {
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
        let sqlite = [
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
        ];
        execute(manager, Sql { sqlite: &sqlite, postgres: POSTGRES }).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute(
            manager,
            Sql {
                sqlite: &[
                    "DROP TRIGGER task_search_after_tag_rename",
                    "DROP TRIGGER task_search_after_tag_unlink",
                    "DROP TRIGGER task_search_after_tag_link",
                    "DROP TRIGGER task_search_after_task_delete",
                    "DROP TRIGGER task_search_after_task_update",
                    "DROP TRIGGER task_search_after_task_insert",
                    "DROP TABLE task_search",
                    "DROP TABLE task_search_rows",
                ],
                postgres: &[
                    "DROP TRIGGER task_search_after_tag_rename ON tags",
                    "DROP TRIGGER task_search_after_tag_unlink ON task_tags",
                    "DROP TRIGGER task_search_after_tag_link ON task_tags",
                    "DROP TRIGGER task_search_after_task_update ON tasks",
                    "DROP TRIGGER task_search_after_task_insert ON tasks",
                    "DROP FUNCTION task_search_after_tag_rename()",
                    "DROP FUNCTION task_search_after_tag_change()",
                    "DROP FUNCTION task_search_after_task_change()",
                    "DROP TABLE task_search",
                    "DROP FUNCTION tasklane_task_document(text)",
                    "DROP FUNCTION tasklane_search_query(json)",
                    "DROP FUNCTION tasklane_search_document(text, text, text)",
                    "DROP FUNCTION tasklane_search_words(text)",
                ],
            },
        )
        .await
    }
}

/// Search on PostgreSQL, with the same matches as FTS5 above: a `tsvector` per task in
/// `task_search` (GIN-indexed), kept by triggers in the same transaction as the data.
///
/// PostgreSQL's own text-search parser reads e-mail addresses, URLs and hyphenated words as
/// tokens of their own, so the words are cut here instead, the way FTS5's `unicode61` does:
/// decompose (NFD), drop the combining diacritics, lowercase, and split on every character that
/// is not a letter or digit (`tasklane_search_words`; ICU's root collation classifies and lowers
/// every script, where the `C` collation would fold ASCII only). The words become lexemes at their
/// positions, with a gap between title, description and tags so that a phrase cannot run from one
/// into the next. What a user typed becomes a `tsquery` the same way (`tasklane_search_query`):
/// each term's words as a phrase (`<->`), its last word a prefix (`:*`), terms joined by `&`; the
/// terms arrive as a JSON array, split by the app exactly as for FTS5. Lexemes are cut at 500
/// characters (PostgreSQL refuses longer ones) and positions stop at 16,383, its largest.
const POSTGRES: &[&str] = &[
    r#"CREATE FUNCTION tasklane_search_words(body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
        SELECT array_remove(regexp_split_to_array(
            lower(regexp_replace(normalize(body, NFD), '[\u0300-\u036f]', '', 'g') COLLATE "und-x-icu"),
            '[^[:alnum:]]+'), '')
    $$"#,
    r#"CREATE FUNCTION tasklane_search_document(title text, description text, tags text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg('''' || left(word, 500) || ''':' || least(n, 16383), ' '), '')::tsvector
        FROM unnest(coalesce(tasklane_search_words(title), '{}') || ''::text
                    || coalesce(tasklane_search_words(description), '{}') || ''::text
                    || coalesce(tasklane_search_words(tags), '{}')) WITH ORDINALITY AS u(word, n)
        WHERE word <> ''
    $$"#,
    r#"CREATE FUNCTION tasklane_search_query(terms json) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT string_agg(phrase, ' & ')::tsquery
        FROM (SELECT (SELECT string_agg('''' || left(word, 500) || ''''
                                        || CASE WHEN n = cardinality(words) THEN ':*' ELSE '' END,
                                        ' <-> ' ORDER BY n)
                      FROM unnest(words) WITH ORDINALITY AS u(word, n)) AS phrase
              FROM (SELECT tasklane_search_words(term) AS words
                    FROM json_array_elements_text(terms) AS t(term)) s
              WHERE cardinality(words) > 0) p
    $$"#,
    r#"CREATE TABLE task_search (
        task_id  TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
        document tsvector NOT NULL
    )"#,
    "CREATE INDEX idx_task_search_document ON task_search USING gin (document)",
    // The document of one task, from its current title, description and tag names.
    r#"CREATE FUNCTION tasklane_task_document(task text) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT tasklane_search_document(t.title, t.description,
                   (SELECT string_agg(g.name, ' ' ORDER BY g.name_key)
                    FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = t.id))
        FROM tasks t WHERE t.id = task
    $$"#,
    "INSERT INTO task_search (task_id, document) SELECT id, tasklane_task_document(id) FROM tasks",
    // A deleted task's row goes by the foreign key's cascade.
    "CREATE FUNCTION task_search_after_task_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO task_search (task_id, document) VALUES (NEW.id, tasklane_task_document(NEW.id))
            ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END $$",
    "CREATE TRIGGER task_search_after_task_insert AFTER INSERT ON tasks
        FOR EACH ROW EXECUTE FUNCTION task_search_after_task_change()",
    "CREATE TRIGGER task_search_after_task_update AFTER UPDATE OF title, description ON tasks
        FOR EACH ROW EXECUTE FUNCTION task_search_after_task_change()",
    "CREATE FUNCTION task_search_after_tag_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        task text := CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
    BEGIN
        UPDATE task_search SET document = tasklane_task_document(task) WHERE task_id = task;
        RETURN NULL;
    END $$",
    "CREATE TRIGGER task_search_after_tag_link AFTER INSERT ON task_tags
        FOR EACH ROW EXECUTE FUNCTION task_search_after_tag_change()",
    "CREATE TRIGGER task_search_after_tag_unlink AFTER DELETE ON task_tags
        FOR EACH ROW EXECUTE FUNCTION task_search_after_tag_change()",
    "CREATE FUNCTION task_search_after_tag_rename() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE task_search SET document = tasklane_task_document(task_id)
            WHERE task_id IN (SELECT task_id FROM task_tags WHERE tag_id = NEW.id);
        RETURN NULL;
    END $$",
    "CREATE TRIGGER task_search_after_tag_rename AFTER UPDATE OF name ON tags
        FOR EACH ROW EXECUTE FUNCTION task_search_after_tag_rename()",
];
