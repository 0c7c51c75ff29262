//! `cargo run -p migration -- up | down | status | fresh | refresh | reset`
//! against the database named by `DATABASE_URL` (e.g. `sqlite:/tmp/x.db?mode=rwc`).

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
