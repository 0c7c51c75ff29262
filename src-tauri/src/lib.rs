//! Tasklane's backend: the data layer (`db`), the IPC contract types (`models`) and the errors
//! both return (`error`).

pub mod db;
pub mod error;
pub mod models;
