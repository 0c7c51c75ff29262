use sea_orm::entity::prelude::*;

use crate::{Id, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tags")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Id,
    /// The name as first typed (trimmed).
    pub name: String,
    /// The Unicode lowercase of `name`; unique, so `Rust` and `rust` are one tag.
    #[sea_orm(unique)]
    pub name_key: String,
    pub created_at: Timestamp,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::task_tag::Entity")]
    TaskTag,
}

impl Related<super::task_tag::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TaskTag.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
