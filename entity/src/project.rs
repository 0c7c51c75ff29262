use sea_orm::entity::prelude::*;

use crate::{Id, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    /// `#rrggbb`, lowercase.
    pub color: Option<String>,
    pub position: i64,
    pub archived: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Raised by one on every change; patches name the version they were made from.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::task_project::Entity")]
    TaskProject,
}

impl Related<super::task_project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TaskProject.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
