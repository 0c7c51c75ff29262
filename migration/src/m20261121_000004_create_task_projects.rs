use sea_orm_migration::prelude::*;

use crate::execute_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261121_000004_create_task_projects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(
            manager,
            &[
                r#"CREATE TABLE task_projects (
                    task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                    PRIMARY KEY (task_id, project_id)
                ) STRICT, WITHOUT ROWID"#,
                // Tasks of a project, and task counts per project.
                "CREATE INDEX idx_task_projects_project ON task_projects (project_id, task_id)",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_script(manager, &["DROP TABLE task_projects"]).await
    }
}
