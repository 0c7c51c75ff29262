//! The seeded database: deterministic content (fixed seed, no `rand`), written with raw
//! multi-row INSERTs in one transaction, into a file opened by the app's own `db::open`.
//!
//! The seeded file can be cached: a working copy is taken for each run, so the rows a run
//! creates never leak into the next one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration as Span, SecondsFormat, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
use tasklane_lib::db::{self, DatabaseLocation};

/// The word the search scenario looks for; seeded into a small fraction of titles and descriptions.
pub const SEARCH_TERM: &str = "kumquat";

/// Bump when the generated content changes, so cached files are re-seeded.
const GENERATOR_VERSION: u32 = 1;

/// The shape of the seeded database.
#[derive(Clone, Copy, Debug)]
pub struct SeedSpec {
    pub tasks: usize,
    pub projects: usize,
    pub tags: usize,
    /// Tasks of the first project, spread evenly through the task order.
    pub big_project_tasks: usize,
    /// Tasks of the second project, for comparing a small list with the big one.
    pub small_project_tasks: usize,
    pub seed: u64,
}

impl SeedSpec {
    /// What `make bench` measures: 100,000 tasks, 50 projects (one of 10,000), 200 tags.
    pub const FULL: Self = Self {
        tasks: 100_000,
        projects: 50,
        tags: 200,
        big_project_tasks: 10_000,
        small_project_tasks: 100,
        seed: 2026,
    };
    /// A few hundred rows: enough for every scenario to do real work in a test.
    pub const SMOKE: Self =
        Self { tasks: 500, projects: 5, tags: 20, big_project_tasks: 50, small_project_tasks: 5, seed: 2026 };

    fn big_stride(&self) -> usize {
        self.tasks / self.big_project_tasks
    }

    fn small_stride(&self) -> usize {
        self.tasks / self.small_project_tasks
    }

    /// Task `i` belongs to the big project when `i % big_stride == 0` and to the small one when
    /// `i % small_stride == 1`; these never overlap and give exact counts only for such shapes.
    fn check(&self) {
        let (big, small) = (self.big_stride(), self.small_stride());
        assert!(self.projects >= 3, "the big, the small and at least one other project");
        assert!(big >= 2 && self.tasks.is_multiple_of(self.big_project_tasks), "big project: a fraction of the tasks");
        assert!(self.tasks.is_multiple_of(self.small_project_tasks), "small project: a fraction of the tasks");
        assert!(small.is_multiple_of(big), "the small project's stride must be a multiple of the big one's");
    }

    /// The cache file name: changes with the shape, the seed, the generator's version and the
    /// number of migrations, so a stale file is never reused.
    fn file_name(&self) -> String {
        let migrations = Migrator::migrations().len();
        format!(
            "tasklane-v{GENERATOR_VERSION}-{}t-{}p-{}g-{}b-{}s-seed{}-m{migrations}.db",
            self.tasks, self.projects, self.tags, self.big_project_tasks, self.small_project_tasks, self.seed
        )
    }
}

/// What the scenarios need to know about the seeded content (derived from the spec, not read back).
#[derive(Clone, Debug)]
pub struct Catalog {
    pub big_project: String,
    pub small_project: String,
    /// A project of neither size, which the create scenario adds tasks to.
    pub spare_project: String,
}

impl Catalog {
    pub fn of(spec: &SeedSpec) -> Self {
        let projects = seed_projects(spec);
        Self {
            big_project: projects[0].id.clone(),
            small_project: projects[1].id.clone(),
            spare_project: projects[2].id.clone(),
        }
    }
}

/// A fresh working copy of the seeded database in `work_dir`, seeding into `cache_dir` first when
/// the cached file is missing (or seeding straight into the copy when there is no cache).
/// The copy is opened once with `db::open` so any pending migration is applied before timing.
pub fn prepare(spec: &SeedSpec, cache_dir: Option<&Path>, work_dir: &Path) -> DatabaseLocation {
    spec.check();
    let work = work_dir.join("tasklane.db");
    match cache_dir {
        Some(cache_dir) => {
            let cached = cache_dir.join(spec.file_name());
            if !cached.exists() {
                std::fs::create_dir_all(cache_dir).expect("create the bench-data folder");
                let partial = cached.with_extension("partial");
                seed_file(spec, &partial);
                std::fs::rename(&partial, &cached).expect("publish the seeded file");
            }
            std::fs::copy(&cached, &work).expect("copy the seeded file");
        }
        None => seed_file(spec, &work),
    }
    let location = DatabaseLocation::file(&work);
    let db = tauri::async_runtime::block_on(db::open(&location)).expect("open the working copy");
    tauri::async_runtime::block_on(db.close()).expect("close the working copy");
    location
}

/// Creates the schema with `db::open`, writes every row in one transaction, and closes the
/// database so the WAL is checkpointed into the file (which can then be copied alone).
fn seed_file(spec: &SeedSpec, path: &Path) {
    for leftover in [path.to_owned(), with_suffix(path, "-wal"), with_suffix(path, "-shm")] {
        let _ = std::fs::remove_file(leftover);
    }
    tauri::async_runtime::block_on(async {
        let db = db::open(&DatabaseLocation::file(path)).await.expect("create the schema");
        let mut conn = db.get_sqlite_connection_pool().acquire().await.expect("a pooled connection");
        let mut tx = conn.begin().await.expect("begin the seeding transaction");
        write_rows(spec, &mut tx).await;
        tx.commit().await.expect("commit the seed");
        drop(conn);
        db.close().await.expect("close the seeded database");
    });
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Rows per multi-row INSERT: 500 × 10 task columns stays far below SQLite's 32,766 variables.
const BATCH: usize = 500;

async fn write_rows(spec: &SeedSpec, conn: &mut SqliteConnection) {
    let projects = seed_projects(spec);
    let tags = seed_tags(spec);
    let project_columns = "projects (id, name, description, color, position, archived, created_at, updated_at)";
    insert(conn, project_columns, &projects, |row, p| {
        row.push_bind(&p.id).push_bind(&p.name).push_bind(None::<String>).push_bind(&p.color);
        row.push_bind(p.position).push_bind(0_i64).push_bind(&p.created_at).push_bind(&p.created_at);
    })
    .await;
    insert(conn, "tags (id, name, name_key, created_at)", &tags, |row, t| {
        row.push_bind(&t.id).push_bind(&t.name).push_bind(t.name.to_lowercase()).push_bind(&t.created_at);
    })
    .await;

    let tasks = seed_tasks(spec);
    insert(
        conn,
        "tasks (id, title, description, status, priority, due_at, completed_at, position, created_at, updated_at)",
        &tasks,
        |row, t| {
            row.push_bind(&t.id).push_bind(&t.title).push_bind(&t.description).push_bind(t.status);
            row.push_bind(t.priority).push_bind(&t.due_at).push_bind(&t.completed_at).push_bind(t.position);
            row.push_bind(&t.created_at).push_bind(&t.updated_at);
        },
    )
    .await;
    let project_links: Vec<(&str, &str)> =
        tasks.iter().map(|t| (t.id.as_str(), projects[t.project].id.as_str())).collect();
    insert(conn, "task_projects (task_id, project_id)", &project_links, |row, (task, project)| {
        row.push_bind(*task).push_bind(*project);
    })
    .await;
    let tag_links: Vec<(&str, &str)> =
        tasks.iter().flat_map(|t| t.tags.iter().map(|&tag| (t.id.as_str(), tags[tag].id.as_str()))).collect();
    insert(conn, "task_tags (task_id, tag_id)", &tag_links, |row, (task, tag)| {
        row.push_bind(*task).push_bind(*tag);
    })
    .await;
}

type Row<'b> = sea_orm::sqlx::query_builder::Separated<'b, Sqlite, &'static str>;

/// `INSERT INTO <table_and_columns> VALUES (...), (...)`, [`BATCH`] rows per statement.
async fn insert<T>(conn: &mut SqliteConnection, table_and_columns: &str, rows: &[T], bind: impl Fn(&mut Row<'_>, &T)) {
    for chunk in rows.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table_and_columns} "));
        query.push_values(chunk, |mut row, item| bind(&mut row, item));
        query.build().execute(&mut *conn).await.unwrap_or_else(|err| panic!("seed {table_and_columns}: {err}"));
    }
}

// --- deterministic content ------------------------------------------------------------------

/// A 64-bit linear congruential generator with a SplitMix-style output mix: fixed seed, same
/// sequence on every machine.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A version-4 UUID in the app's text form (lowercase, hyphenated, 36 characters).
    pub fn uuid(&mut self) -> String {
        let bytes = ((u128::from(self.next_u64()) << 64) | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
    }
}

const VERBS: &[&str] = &["Review", "Draft", "Fix", "Plan", "Call", "Write", "Update", "Check", "Order", "Clean"];
const NOUNS: &[&str] =
    &["report", "invoice", "garden", "release", "budget", "slides", "roadmap", "kitchen", "backup", "letter"];
const ADJECTIVES: &[&str] = &["urgent", "quick", "careful", "weekly", "overdue", "small", "shared", "tricky"];
const STATUSES: &[&str] = &["backlog", "todo", "in_progress", "blocked", "done"];
const PRIORITIES: &[&str] = &["none", "low", "medium", "high", "urgent"];

fn epoch() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T08:00:00Z").unwrap().with_timezone(&Utc)
}

/// The app's one timestamp form: `2026-11-21T09:30:00.000Z`.
fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

struct SeedProject {
    id: String,
    name: String,
    color: String,
    position: i64,
    created_at: String,
}

fn seed_projects(spec: &SeedSpec) -> Vec<SeedProject> {
    let mut rng = Lcg::new(spec.seed ^ 0x5052_4f4a);
    (0..spec.projects)
        .map(|i| SeedProject {
            id: rng.uuid(),
            name: match i {
                0 => "Big project".to_owned(),
                1 => "Small project".to_owned(),
                _ => format!("Project {i}"),
            },
            color: format!("#{:06x}", rng.next_u64() & 0xff_ffff),
            position: i as i64 + 1,
            created_at: stamp(epoch() + Span::minutes(i as i64)),
        })
        .collect()
}

struct SeedTag {
    id: String,
    name: String,
    created_at: String,
}

/// Unique names; every third starts with a capital, so `name_key` differs from `name`.
fn seed_tags(spec: &SeedSpec) -> Vec<SeedTag> {
    let mut rng = Lcg::new(spec.seed ^ 0x5441_4753);
    (0..spec.tags)
        .map(|i| {
            let word = ADJECTIVES[i % ADJECTIVES.len()];
            let name = if i % 3 == 0 {
                format!("{}{}-{i}", word[..1].to_uppercase(), &word[1..])
            } else {
                format!("{word}-{i}")
            };
            SeedTag { id: rng.uuid(), name, created_at: stamp(epoch() + Span::seconds(i as i64)) }
        })
        .collect()
}

struct SeedTask {
    id: String,
    title: String,
    description: Option<String>,
    status: &'static str,
    priority: &'static str,
    due_at: Option<String>,
    completed_at: Option<String>,
    position: i64,
    created_at: String,
    updated_at: String,
    project: usize,
    tags: Vec<usize>,
}

fn seed_tasks(spec: &SeedSpec) -> Vec<SeedTask> {
    let mut rng = Lcg::new(spec.seed ^ 0x5441_534b);
    (0..spec.tasks).map(|i| seed_task(spec, i, &mut rng)).collect()
}

fn seed_task(spec: &SeedSpec, i: usize, rng: &mut Lcg) -> SeedTask {
    let noun = NOUNS[rng.below(NOUNS.len())];
    let mut title = format!("{} {noun} {}", VERBS[rng.below(VERBS.len())], i + 1);
    if rng.below(250) == 0 {
        title.push_str(&format!(" with {SEARCH_TERM}"));
    }
    let description = (rng.below(3) == 0).then(|| {
        let extra = if rng.below(150) == 0 { format!(", see {SEARCH_TERM} notes") } else { String::new() };
        let (first, second) = (ADJECTIVES[rng.below(ADJECTIVES.len())], ADJECTIVES[rng.below(ADJECTIVES.len())]);
        format!("Notes about the {noun}: {first} and {second}{extra}.")
    });
    let created = epoch() + Span::seconds(53 * i as i64) + Span::milliseconds((i % 1000) as i64);
    let updated = created + Span::seconds(rng.below(10 * 24 * 3600) as i64);
    let status = STATUSES[rng.below(STATUSES.len())];
    let tag_count = rng.below(4);
    SeedTask {
        id: rng.uuid(),
        title,
        description,
        status,
        priority: PRIORITIES[rng.below(PRIORITIES.len())],
        due_at: (rng.below(5) < 2).then(|| stamp(created + Span::days(1 + rng.below(60) as i64))),
        completed_at: (status == "done").then(|| stamp(updated)),
        position: i as i64 + 1,
        created_at: stamp(created),
        updated_at: stamp(updated),
        project: project_of(spec, i, rng),
        tags: distinct(rng, tag_count, spec.tags),
    }
}

fn project_of(spec: &SeedSpec, i: usize, rng: &mut Lcg) -> usize {
    if i.is_multiple_of(spec.big_stride()) {
        0
    } else if i % spec.small_stride() == 1 {
        1
    } else {
        2 + rng.below(spec.projects - 2)
    }
}

/// `count` distinct numbers in `0..n`.
fn distinct(rng: &mut Lcg, count: usize, n: usize) -> Vec<usize> {
    let mut chosen = Vec::with_capacity(count);
    while chosen.len() < count.min(n) {
        let candidate = rng.below(n);
        if !chosen.contains(&candidate) {
            chosen.push(candidate);
        }
    }
    chosen
}
