use sea_orm_migration::prelude::*;

use crate::{Sql, execute};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000004_create_task_projects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Tasks of a project, and task counts per project.
        const BY_PROJECT: &str = "CREATE INDEX idx_task_projects_project ON task_projects (project_id, task_id)";
        execute(
            manager,
            Sql {
                sqlite: &[
                    r#"CREATE TABLE task_projects (
                        task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                        PRIMARY KEY (task_id, project_id)
                    ) STRICT, WITHOUT ROWID"#,
                    BY_PROJECT,
                ],
                postgres: &[
                    r#"CREATE TABLE task_projects (
                        task_id    TEXT COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                        project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                        PRIMARY KEY (task_id, project_id)
                    )"#,
                    BY_PROJECT,
                ],
            },
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = &["DROP TABLE task_projects"];
        execute(manager, Sql { sqlite: drop, postgres: drop }).await
    }
}
