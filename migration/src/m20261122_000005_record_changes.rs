use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000005_record_changes"
    }
}

/// Team mode: every committed change to tasks, projects or settings is written to `change_log`
/// and announced with `pg_notify('tasklane_changes', {seq, topic, kind, ids, origin})`, by triggers, so it happens in the
/// writer's transaction (a rolled-back write announces nothing; a committed one cannot be
/// missed), whichever app instance or tool wrote it. Each app instance LISTENs, reads the log
/// after the last entry it has seen, and turns the entries other instances wrote into the change
/// events its windows already handle; after a lost connection the same read catches up.
///
/// - `origin` is the writing app instance (`tasklane.origin`, set by the app on each of its
///   connections), NULL for another tool such as psql.
/// - `ids` is a JSON array of the rows one statement changed (empty for settings).
/// - Statement-level triggers with transition tables: one entry per statement, however many rows.
///
/// SQLite needs none of this (one app instance writes a file and announces its own changes), so
/// this migration changes nothing there.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statements: Vec<String> = POSTGRES.iter().map(|sql| String::from(*sql)).collect();
        for table in WRITTEN {
            statements.push(format!(
                "CREATE TRIGGER write_lock_before_{table} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION tasklane_take_write_lock()"
            ));
        }
        for (table, named_by) in TABLES {
            for (event, transition) in EVENTS {
                statements.push(format!(
                    "CREATE TRIGGER change_log_after_{table}_{} AFTER {event} ON {table}
                        REFERENCING {transition} TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('{table}', '{named_by}')",
                    event.to_lowercase()
                ));
            }
        }
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        execute(manager, Sql { sqlite: &[], postgres: &statements }).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut drops: Vec<String> = Vec::new();
        for (table, _) in TABLES {
            for (event, _) in EVENTS {
                drops.push(format!("DROP TRIGGER change_log_after_{table}_{} ON {table}", event.to_lowercase()));
            }
        }
        for table in WRITTEN {
            drops.push(format!("DROP TRIGGER write_lock_before_{table} ON {table}"));
        }
        drops.push("DROP FUNCTION tasklane_take_write_lock()".into());
        drops.push("DROP FUNCTION tasklane_record_change()".into());
        drops.push("DROP TABLE change_log".into());
        let drops: Vec<&str> = drops.iter().map(String::as_str).collect();
        execute(manager, Sql { sqlite: &[], postgres: &drops }).await?;
        Ok(())
    }
}

/// The tables a writer changes directly (the others are kept by triggers). A statement on any of
/// them takes the write lock before it touches a row, as every Tasklane write does
/// (`begin_write`): a writer that does not take it itself (psql) then queues like the app instead
/// of taking row locks first and the write lock after, which could deadlock with an app write
/// that holds the lock and waits for those rows (a count row, say).
const WRITTEN: [&str; 6] = ["tasks", "projects", "tags", "task_tags", "task_projects", "settings"];
/// The tables whose changes are announced, and the column naming a changed row in the event
/// (none for settings: their event carries no ids).
const TABLES: [(&str, &str); 3] = [("tasks", "id"), ("projects", "id"), ("settings", "")];
/// Each trigger event, and the transition table it reads: the rows as written, or as deleted.
const EVENTS: [(&str, &str); 3] = [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")];

/// The log and the trigger function; a statement-level trigger per table and event is added in `up`.
const POSTGRES: &[&str] = &[
    r#"CREATE TABLE change_log (
        seq        BIGSERIAL        PRIMARY KEY,
        topic      TEXT COLLATE "C" NOT NULL CHECK (topic IN ('tasks', 'projects', 'settings')),
        kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
        ids        TEXT COLLATE "C" NOT NULL,
        origin     TEXT COLLATE "C",
        created_at TIMESTAMPTZ      NOT NULL DEFAULT now()
    )"#,
    "CREATE FUNCTION tasklane_take_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(8386110886357593702);
        RETURN NULL;
    END $$",
    // TG_ARGV: the topic, and 'id' when the event names the changed rows (not for settings).
    "CREATE FUNCTION tasklane_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        changed text := '[]';
        entry bigint;
    BEGIN
        IF TG_ARGV[1] = 'id' THEN
            SELECT coalesce(json_agg(id ORDER BY id), '[]')::text INTO changed FROM changed_rows;
            IF changed = '[]' THEN
                RETURN NULL;
            END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
            RETURN NULL;
        END IF;
        -- The write lock is held here (begin_write, or tasklane_take_write_lock for another
        -- tool): an entry is numbered and committed before the next one is numbered, so log
        -- order is commit order, and a reader never skips an entry that commits late.
        INSERT INTO change_log (topic, kind, ids, origin)
            VALUES (TG_ARGV[0],
                    -- Settings are always 'updated', as the app announces them (a first value is an insert).
                    CASE WHEN TG_ARGV[0] = 'settings' THEN 'updated'
                         WHEN TG_OP = 'INSERT' THEN 'created' WHEN TG_OP = 'UPDATE' THEN 'updated'
                         ELSE 'deleted' END,
                    changed, nullif(current_setting('tasklane.origin', true), ''))
            RETURNING seq INTO entry;
        -- The entry itself, for any listener; ids are left out when they would not fit in a
        -- notification (8,000 bytes): the log row always has them.
        PERFORM pg_notify('tasklane_changes', json_build_object(
            'seq', entry, 'topic', TG_ARGV[0],
            'kind', CASE WHEN TG_ARGV[0] = 'settings' THEN 'updated'
                         WHEN TG_OP = 'INSERT' THEN 'created' WHEN TG_OP = 'UPDATE' THEN 'updated'
                         ELSE 'deleted' END,
            'ids', CASE WHEN length(changed) <= 7000 THEN changed::json END,
            'origin', nullif(current_setting('tasklane.origin', true), ''))::text);
        RETURN NULL;
    END $$",
];
