use sea_orm::entity::prelude::*;

use crate::{Id, TaskPriority, TaskStatus, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_at: Option<Timestamp>,
    /// Set exactly while `status` is `done`.
    pub completed_at: Option<Timestamp>,
    /// Manual order; ties are broken by `created_at`.
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Raised by one on every change; patches name the version they were made from.
    pub version: i64,
    /// Who created the task: the server role in team mode, the OS user on a file; `None` for
    /// tasks older than this column.
    pub created_by: Option<String>,
    /// Whom the task is for: a free-text name, validated like a tag.
    pub assignee: Option<String>,
    /// The Unicode lowercase of `assignee`, which filters compare.
    pub assignee_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::task_tag::Entity")]
    TaskTag,
    #[sea_orm(has_many = "super::task_project::Entity")]
    TaskProject,
}

impl Related<super::task_tag::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TaskTag.def()
    }
}

impl Related<super::task_project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TaskProject.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
