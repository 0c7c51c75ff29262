//! "Test connection": whether a database URL can be used, and in what state its schema is, told in
//! words a user can act on. Used by Settings → Database before the app switches to another
//! database.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, DbErr, Statement};

use super::connection::{DatabaseLocation, redact_in};
use crate::error::{AppError, AppResult};
use crate::models::{DatabaseCheck, SchemaState};

/// How long a check waits for a server before saying it cannot be reached.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects to the database at `url` (creating nothing), reads which migrations it has, and
/// closes the connection.
///
/// Errors: `VALIDATION` (field `url`) for a URL that is not a database URL; `DATABASE` with the
/// reason (the server cannot be reached, refused the password, wants TLS or has no such database;
/// the database was made by a newer Tasklane).
pub async fn check_database(url: &str) -> AppResult<DatabaseCheck> {
    let location = DatabaseLocation::from_url(url.trim())
        .map_err(|err| AppError::Validation { field: Some("url"), message: err.to_string() })?;
    let unusable = |message: String| AppError::Unusable { field: Some("url"), message };
    if location.backend() == DbBackend::Sqlite
        && let Some(path) = location.path.as_deref()
        && !path.exists()
    {
        return Ok(DatabaseCheck { url: location.redacted(), schema: SchemaState::Empty, server_version: None });
    }
    if location.backend() == DbBackend::Postgres {
        probe(&location).await.map_err(unusable)?;
    }
    let mut options = ConnectOptions::new(location.url.clone());
    options
        .max_connections(1)
        .min_connections(0)
        .connect_timeout(CHECK_TIMEOUT)
        .acquire_timeout(CHECK_TIMEOUT)
        .sqlx_logging(false);
    if location.backend() == DbBackend::Sqlite {
        options.map_sqlx_sqlite_opts(|opts| opts.read_only(true));
    }
    let db = Database::connect(options)
        .await
        .map_err(|err| unusable(redact_in(&explain(&err, &location), &location.url)))?;
    let checked = read_state(&db).await.map_err(|err| unusable(redact_in(&explain(&err, &location), &location.url)));
    let _ = db.close().await;
    let (schema, server_version) = checked?;
    if schema == SchemaState::Newer {
        return Err(unusable(
            "This database was set up by a newer version of Tasklane, so this version cannot use it. \
             Update Tasklane on this computer first."
                .to_owned(),
        ));
    }
    Ok(DatabaseCheck { url: location.redacted(), schema, server_version })
}

/// Whether anything answers at the server's address: the pool would retry a refused connection
/// until its timeout, and say only that it timed out.
async fn probe(location: &DatabaseLocation) -> Result<(), String> {
    let Ok(url) = url::Url::parse(&location.url) else { return Ok(()) };
    let Some(host) = url.host_str().filter(|host| !host.is_empty()) else { return Ok(()) }; // a Unix socket
    let port = url.port().unwrap_or(5432);
    let address = format!("{host}:{port}");
    match tokio::time::timeout(CHECK_TIMEOUT, tokio::net::TcpStream::connect(&address)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(err)) if err.kind() == std::io::ErrorKind::ConnectionRefused => {
            Err(format!("Nothing answers at {address}: the server is not running there, or a firewall is in the way."))
        }
        Ok(Err(err)) if err.to_string().contains("lookup") || err.to_string().contains("not known") => {
            Err(format!("The server name {host} cannot be found."))
        }
        Ok(Err(err)) => Err(format!("The server at {address} cannot be reached: {err}.")),
        Err(_) => Err(format!("The server at {address} did not answer within {} seconds.", CHECK_TIMEOUT.as_secs())),
    }
}

async fn read_state(db: &sea_orm::DatabaseConnection) -> Result<(SchemaState, Option<String>), DbErr> {
    let backend = db.get_database_backend();
    let server_version = match backend {
        DbBackend::Postgres => {
            let row = db.query_one_raw(Statement::from_string(backend, "SHOW server_version")).await?;
            row.map(|row| row.try_get_by_index::<String>(0)).transpose()?
        }
        _ => None,
    };
    let has_table = match backend {
        DbBackend::Postgres => {
            "SELECT count(*) FROM information_schema.tables \
                                WHERE table_schema = current_schema() AND table_name = 'seaql_migrations'"
        }
        _ => "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'seaql_migrations'",
    };
    let row = db.query_one_raw(Statement::from_string(backend, has_table)).await?;
    let tables: i64 = row.map(|row| row.try_get_by_index(0)).transpose()?.unwrap_or(0);
    if tables == 0 {
        return Ok((SchemaState::Empty, server_version));
    }
    let rows = db.query_all_raw(Statement::from_string(backend, "SELECT version FROM seaql_migrations")).await?;
    let applied: Vec<String> = rows.iter().map(|row| row.try_get_by_index(0)).collect::<Result<_, _>>()?;
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let schema = if applied.iter().any(|name| !known.contains(name)) {
        SchemaState::Newer
    } else if applied.len() < known.len() {
        SchemaState::Older
    } else {
        SchemaState::Current
    };
    Ok((schema, server_version))
}

/// A connection failure in words: what the server said, or what the network did.
fn explain(err: &DbErr, location: &DatabaseLocation) -> String {
    let text = err.to_string();
    let server = match url::Url::parse(&location.url) {
        Ok(url) => format!("{}:{}", url.host_str().unwrap_or("localhost"), url.port().unwrap_or(5432)),
        Err(_) => "the server".to_owned(),
    };
    let user = url::Url::parse(&location.url).ok().map(|url| url.username().to_owned()).unwrap_or_default();
    if text.contains("password authentication failed") || text.contains("28P01") {
        format!("The server refused the password for the user \"{user}\".")
    } else if text.contains("does not support TLS") || text.contains("TLS") && text.contains("not support") {
        format!("The server at {server} does not accept TLS connections, but the URL asks for them (sslmode).")
    } else if text.contains("no pg_hba.conf entry") && text.contains("no encryption") {
        format!("The server at {server} only accepts TLS connections: add ?sslmode=require to the URL.")
    } else if text.contains("no pg_hba.conf entry") {
        format!("The server at {server} does not let the user \"{user}\" connect from this computer.")
    } else if text.contains("does not exist") && text.contains("database") {
        format!("The server at {server} has no such database.")
    } else if text.contains("Connection refused") || text.contains("connection refused") {
        format!("Nothing answers at {server}: the server is not running there, or a firewall is in the way.")
    } else if text.contains("timed out") || text.contains("PoolTimedOut") {
        format!("The server at {server} did not answer within {} seconds.", CHECK_TIMEOUT.as_secs())
    } else if text.contains("failed to lookup address") || text.contains("Name or service not known") {
        format!("The server name in {server} cannot be found.")
    } else if location.backend() == DbBackend::Sqlite {
        format!("The file cannot be opened as a Tasklane database: {text}")
    } else {
        format!("The server at {server} cannot be used: {text}")
    }
}
