//! SeaORM models of the Tasklane database.
//!
//! One module per table, plus the value types the tables store ([`Id`], [`Timestamp`]) and the
//! enums that columns are constrained to ([`TaskStatus`], [`TaskPriority`]). No behaviour lives
//! here: validation and transactions belong to `src-tauri/src/db/`.

pub mod enums;
pub mod project;
pub mod setting;
pub mod tag;
pub mod task;
pub mod task_project;
pub mod task_tag;
mod values;

pub use enums::{TaskPriority, TaskStatus};
pub use values::{Id, Timestamp};
