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
        execute(manager, Sql { sqlite: &[], postgres: POSTGRES }).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut drops: Vec<String> = Vec::new();
        for table in ["tasks", "projects", "settings"] {
            for event in ["insert", "update", "delete"] {
                drops.push(format!("DROP TRIGGER change_log_after_{table}_{event} ON {table}"));
            }
        }
        drops.push("DROP FUNCTION tasklane_record_change()".into());
        drops.push("DROP TABLE change_log".into());
        let drops: Vec<&str> = drops.iter().map(String::as_str).collect();
        execute(manager, Sql { sqlite: &[], postgres: &drops }).await?;
        Ok(())
    }
}

const POSTGRES: &[&str] = &[
    r#"CREATE TABLE change_log (
        seq        BIGSERIAL        PRIMARY KEY,
        topic      TEXT COLLATE "C" NOT NULL CHECK (topic IN ('tasks', 'projects', 'settings')),
        kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
        ids        TEXT COLLATE "C" NOT NULL,
        origin     TEXT COLLATE "C",
        created_at TIMESTAMPTZ      NOT NULL DEFAULT now()
    )"#,
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
        -- The write lock every Tasklane write already holds (begin_write): taken here too, so a
        -- writer that does not take it (psql) still commits its entry before the next one is
        -- numbered, and log order is commit order; a reader never skips an entry that commits late.
        PERFORM pg_advisory_xact_lock(8386110886357593702);
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
    "CREATE TRIGGER change_log_after_tasks_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('tasks', 'id')",
    "CREATE TRIGGER change_log_after_tasks_update AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('tasks', 'id')",
    "CREATE TRIGGER change_log_after_tasks_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('tasks', 'id')",
    "CREATE TRIGGER change_log_after_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('projects', 'id')",
    "CREATE TRIGGER change_log_after_projects_update AFTER UPDATE ON projects REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('projects', 'id')",
    "CREATE TRIGGER change_log_after_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('projects', 'id')",
    "CREATE TRIGGER change_log_after_settings_insert AFTER INSERT ON settings REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('settings', '')",
    "CREATE TRIGGER change_log_after_settings_update AFTER UPDATE ON settings REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('settings', '')",
    "CREATE TRIGGER change_log_after_settings_delete AFTER DELETE ON settings REFERENCING OLD TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasklane_record_change('settings', '')",
];
