//! Fixture databases: one per released schema, `tests/fixtures/schema-v<N>.sqlite`, built from the
//! seed `schema-v<N>.sql` on top of the first N migrations. Shared by the tests and by
//! `cargo run -p migration --example make_fixture -- <N>`, which writes the committed file.

use std::path::{Path, PathBuf};

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DbErr, Statement, Value};

/// `applied_at` of every migration in a fixture (2026-11-21T00:00:00Z), so rebuilding one gives the same rows.
const APPLIED_AT: i64 = 1_795_219_200;

/// The folder of the fixtures and their seeds.
pub fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture database in [`folder`] (`*.sqlite`), sorted by name.
pub fn databases() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sqlite"))
        .collect();
    found.sort();
    found
}

/// The schema version a fixture or seed is at: the `N` of `schema-v<N>.sqlite`.
pub fn version_of(path: &Path) -> u32 {
    let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
    stem.strip_prefix("schema-v")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{} is not named schema-v<N>", path.display()))
}

/// Builds the fixture of schema `version` at `out` (replacing it): the first `version` migrations,
/// then the seed `schema-v<version>.sql`, compacted by `VACUUM INTO`.
pub async fn build(version: u32, out: &Path) -> Result<(), DbErr> {
    let seed_path = folder().join(format!("schema-v{version}.sql"));
    let seed = std::fs::read_to_string(&seed_path)
        .map_err(|err| DbErr::Custom(format!("cannot read {}: {err}", seed_path.display())))?;
    let scratch = tempfile::tempdir().map_err(|err| DbErr::Custom(err.to_string()))?;
    let db = Database::connect(format!("sqlite://{}?mode=rwc", scratch.path().join("fixture.db").display())).await?;

    Migrator::up(&db, Some(version)).await?;
    let applied = Migrator::get_applied_migrations(&db).await?.len();
    if applied != version as usize {
        return Err(DbErr::Custom(format!("schema v{version} needs {version} migrations, there are {applied}")));
    }
    db.execute_unprepared(&format!("UPDATE seaql_migrations SET applied_at = {APPLIED_AT}")).await?;
    db.execute_unprepared(&seed).await?;

    if out.exists() {
        std::fs::remove_file(out).map_err(|err| DbErr::Custom(format!("cannot replace {}: {err}", out.display())))?;
    }
    let target = Value::from(out.to_string_lossy().into_owned());
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), "VACUUM INTO ?", [target])).await?;
    db.close().await
}
