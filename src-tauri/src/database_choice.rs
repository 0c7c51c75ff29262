//! Which database the app opens, as chosen in Settings → Database: a small JSON file in the app's
//! config folder (`database.json`, `{"url": "postgres://…"}`), read at start-up. No file means the
//! local SQLite file. `TASKLANE_DB_URL` wins over it (tests, a second profile).
//!
//! The URL may hold a password, so the file is written readable by its owner only (0600 on Unix),
//! by way of a temporary file and a rename, so it is never half-written. (A password could live in
//! the OS keyring or `~/.pgpass` instead; see docs/TEAM.md.)

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name inside the app config folder.
pub const FILE_NAME: &str = "database.json";

/// Where the choice is kept (managed state, so tests can point it at a temp folder).
#[derive(Clone, Debug)]
pub struct ChoiceFile(pub PathBuf);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    url: String,
}

impl ChoiceFile {
    /// The URL chosen, or `None` when none was (or the file is gone).
    pub fn read(&self) -> Result<Option<String>, String> {
        match std::fs::read(&self.0) {
            Ok(bytes) => serde_json::from_slice::<Choice>(&bytes)
                .map(|choice| Some(choice.url))
                .map_err(|err| format!("{} is not a database choice: {err}", self.0.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(format!("cannot read {}: {err}", self.0.display())),
        }
    }

    /// Keeps `url` as the database to open from the next start; `None` goes back to the local file.
    pub fn write(&self, url: Option<&str>) -> std::io::Result<()> {
        let Some(url) = url else {
            return match std::fs::remove_file(&self.0) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            };
        };
        if let Some(folder) = self.0.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let partial = partial_path(&self.0);
        let text = serde_json::to_vec_pretty(&Choice { url: url.to_owned() }).map_err(std::io::Error::other)?;
        write_private(&partial, &text)?;
        std::fs::rename(&partial, &self.0)
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".tmp");
    PathBuf::from(partial)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_round_trips_privately_and_clearing_it_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = ChoiceFile(dir.path().join("config").join(FILE_NAME));
        assert_eq!(file.read().unwrap(), None);
        file.write(Some("postgres://alice:pw@db.example.org/tasklane")).unwrap();
        assert_eq!(file.read().unwrap().as_deref(), Some("postgres://alice:pw@db.example.org/tasklane"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file.0).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only its owner may read a file that can hold a password");
        }
        file.write(None).unwrap();
        assert!(!file.0.exists());
        file.write(None).unwrap();
        std::fs::write(&file.0, "{\"url\": 3}").unwrap();
        assert!(file.read().is_err());
    }
}
