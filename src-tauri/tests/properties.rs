//! Property tests against real SQLite (in memory):
//! - random edit sequences through `update_task`, checked step by step against [`Model`], a plain
//!   statement of the task rules written from the spec (it calls nothing in `validate`);
//! - random filters through `get_tasks`, checked against [`brute_force`] over the same tasks;
//! - random page walks in every sort, with tasks created and deleted between pages: every task
//!   that exists throughout comes exactly once, in order.
//!
//! `cargo test -p tasklane --test properties`. A failure names the step and the patch (or the
//! filter), and proptest then prints the smallest input it could shrink the case to.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::ops::Range;

use chrono::DateTime;
use common::{all_tasks, canonical_dump, memory_db, scalar_text};
use entity::{Id, TaskPriority, TaskStatus, Timestamp};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tasklane_lib::db::project_operations::{create_project, delete_project};
use tasklane_lib::db::task_operations::{create_task, delete_task, get_task, get_tasks, update_task};
use tasklane_lib::error::{AppError, ErrorCode};
use tasklane_lib::models::{NewProject, NewTask, PageRequest, TaskDto, TaskFilter, TaskPatch, TaskSort};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const STATUSES: [TaskStatus; 5] =
    [TaskStatus::Backlog, TaskStatus::Todo, TaskStatus::InProgress, TaskStatus::Blocked, TaskStatus::Done];
const PRIORITIES: [TaskPriority; 5] =
    [TaskPriority::None, TaskPriority::Low, TaskPriority::Medium, TaskPriority::High, TaskPriority::Urgent];

/// Tag spellings: several share a key (Unicode lowercase: `Äpfel`/`ÄPFEL`, the `Ǆ` digraphs),
/// some only look alike (`straße` and `STRASSE` are two tags).
const TAG_SPELLINGS: &[&str] = &[
    "rust", "Rust", "RUST", "äpfel", "Äpfel", "ÄPFEL", "home", "Home", "straße", "STRASSE", "Ǆemal", "ǅemal", "ǆemal",
    "🔥 hot", "🔥 HOT", "日本",
];
/// Put around titles and tags, which are trimmed (tabs and line breaks included).
const PADDING: &[&str] = &["", "", "", " ", "  ", "\t", "\n", "\u{3000}"];
/// Words of titles and descriptions: accents (precomposed and combining), emoji, RTL, and the
/// characters that are wildcards or the escape in SQL `LIKE`.
const WORDS: &[&str] = &[
    "Buy",
    "milk",
    "report",
    "Report",
    "REPORT",
    "café",
    "CAFÉ",
    "naïve",
    "Äpfel",
    "äpfel",
    "résumé",
    "Straße",
    "e\u{301}te\u{301}",
    "50%",
    "100%_done",
    "off_by_one",
    "x_y",
    "a\\b",
    "🚀",
    "👩‍💻",
    "שלום",
    "日本語",
];
/// Search texts that are not taken from the data.
const SEARCH_TEXTS: &[&str] =
    &["%", "_", "\\", "%_", "50%", "x_y", "a\\b", "ÄPFEL", "äPFEL", "CAFÉ", "é", "e\u{301}", "zzz", "", "   "];
/// Projects created in each case; a project index equal to this stands for an id that is no project.
const PROJECTS: usize = 3;

// ---------------------------------------------------------------------------------------------
// The model of one task's edits.

/// The task rules as the spec states them, independent of the app's code.
#[derive(Debug, Default)]
struct Model {
    /// Every tag stored so far: key (Unicode lowercase) → the spelling it was first stored with.
    /// Tags are never deleted, so a tag keeps that spelling whoever uses it later.
    tags: BTreeMap<String, String>,
    projects: Vec<Id>,
}

/// A task in the model; `tags` are keys, shown with the spelling the model remembers.
#[derive(Clone, Debug)]
struct ModelTask {
    title: String,
    description: Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    tags: BTreeSet<String>,
    project_ids: BTreeSet<Id>,
    due_at: Option<Timestamp>,
    position: i64,
    version: i64,
    assignee: Option<String>,
}

/// What a task looks like, minus the instants the model cannot know: of `completedAt` only
/// whether it is set (the instants are checked separately).
#[derive(Debug, PartialEq)]
struct TaskView {
    title: String,
    description: Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    tags: Vec<String>,
    project_ids: Vec<Id>,
    due_at: Option<Timestamp>,
    completed: bool,
    position: i64,
    version: i64,
    assignee: Option<String>,
}

impl TaskView {
    fn of(task: &TaskDto) -> Self {
        TaskView {
            title: task.title.clone(),
            description: task.description.clone(),
            status: task.status,
            priority: task.priority,
            tags: task.tags.clone(),
            project_ids: task.project_ids.clone(),
            due_at: task.due_at,
            completed: task.completed_at.is_some(),
            position: task.position,
            version: task.version,
            assignee: task.assignee.clone(),
        }
    }
}

const VALIDATION: ErrorCode = ErrorCode::Validation;
/// A new task goes this far after the last one (room for moves in the manual order), but never
/// past the largest position.
const NEW_TASK_GAP: i64 = 1024;
/// Positions reach JavaScript as numbers, exact up to 2^53 - 1 either side of zero.
const SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Unicode's control characters (general category Cc).
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// A one-line text: trimmed, then not empty, at most `max` characters, no control characters.
fn line(text: &str, max: usize) -> Result<String, ErrorCode> {
    let text = text.trim();
    let valid = !text.is_empty() && text.chars().count() <= max && !text.chars().any(is_control);
    if valid { Ok(text.to_owned()) } else { Err(VALIDATION) }
}

/// A description: blank means none; otherwise kept as typed, at most 10,000 characters, and
/// line breaks and tabs are the only control characters allowed.
fn note(text: Option<&str>) -> Result<Option<String>, ErrorCode> {
    match text {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text)
            if text.chars().count() > 10_000
                || text.chars().any(|c| is_control(c) && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Err(VALIDATION)
        }
        Some(text) => Ok(Some(text.to_owned())),
    }
}

/// Tag names as (key, first spelling), one per key, at most 50 tags of at most 50 characters.
fn tag_names(names: &[String]) -> Result<Vec<(String, String)>, ErrorCode> {
    let mut unique: Vec<(String, String)> = Vec::new();
    for name in names {
        let name = line(name, 50)?;
        let key = name.to_lowercase();
        if !unique.iter().any(|(seen, _)| *seen == key) {
            unique.push((key, name));
        }
    }
    if unique.len() > 50 { Err(VALIDATION) } else { Ok(unique) }
}

/// A patch field that may be left out or set but not cleared.
fn not_null<T: Clone>(field: &Option<Option<T>>) -> Result<Option<T>, ErrorCode> {
    match field {
        Some(None) => Err(VALIDATION),
        other => Ok(other.clone().flatten()),
    }
}

impl Model {
    /// Stores the tags not seen before; returns the keys.
    fn remember(&mut self, tags: Vec<(String, String)>) -> BTreeSet<String> {
        tags.into_iter()
            .map(|(key, name)| {
                self.tags.entry(key.clone()).or_insert(name);
                key
            })
            .collect()
    }

    fn create(&mut self, input: &NewTask, position: i64) -> Result<ModelTask, ErrorCode> {
        let title = line(&input.title, 500)?;
        let description = note(input.description.as_deref())?;
        let tags = tag_names(input.tags.as_deref().unwrap_or_default())?;
        let project_ids: BTreeSet<Id> = input.project_ids.iter().flatten().copied().collect();
        if project_ids.iter().any(|id| !self.projects.contains(id)) {
            return Err(ErrorCode::NotFound);
        }
        Ok(ModelTask {
            title,
            description,
            status: input.status.unwrap_or(TaskStatus::Todo),
            priority: input.priority.unwrap_or(TaskPriority::None),
            tags: self.remember(tags),
            project_ids,
            due_at: input.due_at,
            position,
            version: 1,
            assignee: input.assignee.as_deref().map(|name| line(name, 50)).transpose()?,
        })
    }

    /// Input rules first (whatever the version), then the version, then the projects; nothing
    /// changes unless all hold.
    fn apply(&mut self, task: &mut ModelTask, patch: &TaskPatch) -> Result<(), ErrorCode> {
        let title = not_null(&patch.title)?.map(|title| line(&title, 500)).transpose()?;
        let description = patch.description.as_ref().map(|text| note(text.as_deref())).transpose()?;
        let status = not_null(&patch.status)?;
        let priority = not_null(&patch.priority)?;
        let position = not_null(&patch.position)?;
        if position.is_some_and(|position| !(-SAFE_INTEGER..=SAFE_INTEGER).contains(&position)) {
            return Err(VALIDATION);
        }
        let tags = patch.tags.as_ref().map(|names| tag_names(names.as_deref().unwrap_or_default())).transpose()?;
        let assignee =
            patch.assignee.as_ref().map(|name| name.as_deref().map(|name| line(name, 50)).transpose()).transpose()?;
        if patch.expected_version != task.version {
            return Err(ErrorCode::Conflict);
        }
        let project_ids = patch.project_ids.as_ref().map(|ids| ids.iter().flatten().copied().collect::<BTreeSet<_>>());
        if project_ids.iter().flatten().any(|id| !self.projects.contains(id)) {
            return Err(ErrorCode::NotFound);
        }
        task.title = title.unwrap_or(task.title.clone());
        task.description = description.unwrap_or(task.description.clone());
        task.status = status.unwrap_or(task.status);
        task.priority = priority.unwrap_or(task.priority);
        task.position = position.unwrap_or(task.position);
        task.due_at = patch.due_at.unwrap_or(task.due_at);
        task.project_ids = project_ids.unwrap_or(task.project_ids.clone());
        if let Some(tags) = tags {
            task.tags = self.remember(tags);
        }
        if let Some(assignee) = assignee {
            // A name already in use keeps its spelling: here the only holder is the task itself.
            let same_person =
                |name: &String| task.assignee.as_ref().is_some_and(|held| held.to_lowercase() == name.to_lowercase());
            task.assignee = match assignee {
                Some(name) if same_person(&name) => task.assignee.clone(),
                other => other,
            };
        }
        task.version += 1;
        Ok(())
    }

    fn view(&self, task: &ModelTask) -> TaskView {
        TaskView {
            title: task.title.clone(),
            description: task.description.clone(),
            status: task.status,
            priority: task.priority,
            tags: task.tags.iter().map(|key| self.tags[key].clone()).collect(),
            project_ids: task.project_ids.iter().copied().collect(),
            due_at: task.due_at,
            completed: task.status == TaskStatus::Done,
            position: task.position,
            version: task.version,
            assignee: task.assignee.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generators.

/// One patch field: left out, `null`, or a value.
#[derive(Clone, Debug)]
enum Change<T> {
    Keep,
    Clear,
    Set(T),
}

impl<T> Change<T> {
    fn into_field(self) -> Option<Option<T>> {
        match self {
            Change::Keep => None,
            Change::Clear => Some(None),
            Change::Set(value) => Some(Some(value)),
        }
    }
}

/// `null_weight` is low for the fields where `null` is a validation error, so that most steps
/// succeed and the sequence goes somewhere.
fn change<T: Clone + std::fmt::Debug + 'static>(
    null_weight: u32,
    value: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Change<T>> {
    prop_oneof![6 => Just(Change::Keep), null_weight => Just(Change::Clear), 4 => value.prop_map(Change::Set)]
}

fn padded(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (select(PADDING), text, select(PADDING)).prop_map(|(before, text, after)| format!("{before}{text}{after}"))
}

fn words(count: Range<usize>) -> impl Strategy<Value = String> {
    vec(select(WORDS), count).prop_map(|words| words.join(" "))
}

fn owned(texts: Vec<String>) -> impl Strategy<Value = String> {
    select(texts)
}

/// Mostly valid titles, and the edge cases on both sides of each rule.
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => padded(words(1..5)),
        2 => "\\PC{1,30}",
        1 => owned(vec!["é".repeat(500), format!(" {} ", "👍".repeat(500)), "x\u{85}".into()]),
        1 => owned(vec!["".into(), " \t\n".into(), "x".repeat(501), "é".repeat(501), "bell\u{7}".into(),
                        "tab\tinside".into(), "nul\0".into(), "nel\u{85}x".into()]),
    ]
}

fn description() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (words(0..8), select(vec!["", "\n", "\r\n", "\t"]), words(0..4))
            .prop_map(|(first, sep, rest)| format!(" {first}{sep}{rest}")),
        1 => owned(vec![" \n\t ".into(), "\u{85}".into(), "é".repeat(10_000)]),
        1 => owned(vec!["ab".repeat(5_000) + "c", "esc\u{1b}[31m".into(), "nul\0".into(), "x\u{85}".into()]),
    ]
}

/// A tag from the pool, mostly as spelled there, sometimes with the (Unicode) case of some
/// letters changed: `ß` may become `SS`, `ǅ` `ǆ`.
fn tag() -> impl Strategy<Value = String> {
    let recased = (select(TAG_SPELLINGS), vec(any::<bool>(), 1..4)).prop_map(|(name, flips)| {
        name.chars()
            .zip(flips.iter().cycle())
            .map(|(c, &flip)| match flip {
                true if c.is_lowercase() => c.to_uppercase().collect::<String>(),
                true => c.to_lowercase().collect(),
                false => c.to_string(),
            })
            .collect::<String>()
    });
    padded(prop_oneof![3 => select(TAG_SPELLINGS).prop_map(str::to_owned), 1 => recased])
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    let bad = owned(vec!["".into(), "  ".into(), "\t".into(), "bell\u{7}".into(), "x".repeat(51), "ü".repeat(51)]);
    prop_oneof![
        12 => vec(tag(), 0..6),
        1 => (vec(tag(), 0..3), bad).prop_map(|(mut tags, bad)| { tags.insert(tags.len() / 2, bad); tags }),
        1 => (45usize..=55).prop_map(|count| (0..count).map(|i| format!("t{i}")).collect()),
        1 => Just(vec!["ü".repeat(50), format!(" {} ", "Ü".repeat(50))]),
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // Years 0001 to 9999: every instant RFC 3339 can write.
    (-62_135_596_800_000i64..253_402_300_800_000)
        .prop_map(|millis| Timestamp::from(DateTime::from_timestamp_millis(millis).unwrap()))
}

/// Small positions (ties with the neighbour), the whole `i64` range and the edges of the allowed
/// one. (Before positions were bounded, a task at `i64::MAX` made every later create fail.)
fn position() -> impl Strategy<Value = i64> {
    let edges = vec![i64::MIN, -SAFE_INTEGER - 1, -SAFE_INTEGER, SAFE_INTEGER, SAFE_INTEGER + 1, i64::MAX];
    prop_oneof![4 => -3i64..50, 1 => any::<i64>(), 1 => select(edges)]
}

/// A patch as generated: projects are indices into the case's projects (`PROJECTS`: no project),
/// the version is an offset from the task's current one (0: up to date).
#[derive(Clone, Debug)]
struct PatchSpec {
    stale_by: i64,
    title: Change<String>,
    description: Change<String>,
    status: Change<TaskStatus>,
    priority: Change<TaskPriority>,
    tags: Change<Vec<String>>,
    projects: Change<Vec<usize>>,
    due_at: Change<Timestamp>,
    position: Change<i64>,
    assignee: Change<String>,
}

impl PatchSpec {
    fn to_patch(&self, version: i64, projects: &[Id], unknown: Id) -> TaskPatch {
        let ids =
            |indices: Vec<usize>| indices.into_iter().map(|i| projects.get(i).copied().unwrap_or(unknown)).collect();
        let projects = match self.projects.clone() {
            Change::Set(indices) => Change::Set(ids(indices)),
            Change::Clear => Change::Clear,
            Change::Keep => Change::Keep,
        };
        TaskPatch {
            expected_version: version + self.stale_by,
            title: self.title.clone().into_field(),
            description: self.description.clone().into_field(),
            status: self.status.clone().into_field(),
            priority: self.priority.clone().into_field(),
            tags: self.tags.clone().into_field(),
            project_ids: projects.into_field(),
            due_at: self.due_at.clone().into_field(),
            position: self.position.clone().into_field(),
            assignee: self.assignee.clone().into_field(),
        }
    }
}

fn patch_spec() -> impl Strategy<Value = PatchSpec> {
    let project_index = prop_oneof![12 => 0..PROJECTS, 1 => Just(PROJECTS)];
    (
        prop_oneof![10 => Just(0i64), 1 => select(vec![-2i64, -1, 1, 3])],
        change(1, title()),
        change(3, description()),
        change(1, select(STATUSES.to_vec())),
        change(1, select(PRIORITIES.to_vec())),
        change(2, tags()),
        change(2, vec(project_index, 0..5)),
        change(2, timestamp()),
        change(1, position()),
        change(2, tag()),
    )
        .prop_map(
            |(stale_by, title, description, status, priority, tags, projects, due_at, position, assignee)| PatchSpec {
                stale_by,
                title,
                description,
                status,
                priority,
                tags,
                projects,
                due_at,
                position,
                assignee,
            },
        )
}

/// The task the edits start from, and the tags of another task created before it (so that some
/// tags already exist with another spelling).
#[derive(Clone, Debug)]
struct StartSpec {
    neighbour_tags: Vec<String>,
    title: String,
    description: Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    tags: Vec<String>,
    projects: Vec<usize>,
    due_at: Option<Timestamp>,
}

fn start_spec() -> impl Strategy<Value = StartSpec> {
    (
        vec(tag(), 0..5),
        padded(words(1..5)),
        proptest::option::of(words(0..8)),
        select(STATUSES.to_vec()),
        select(PRIORITIES.to_vec()),
        vec(tag(), 0..5),
        vec(0..PROJECTS, 0..4),
        proptest::option::of(timestamp()),
    )
        .prop_map(|(neighbour_tags, title, description, status, priority, tags, projects, due_at)| StartSpec {
            neighbour_tags,
            title,
            description,
            status,
            priority,
            tags,
            projects,
            due_at,
        })
}

// ---------------------------------------------------------------------------------------------
// Property 1: patches against the model.

/// `cases` per property; `PROPTEST_CASES` overrides it for a longer run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

fn block_on(test: impl Future<Output = Result<(), TestCaseError>>) -> Result<(), TestCaseError> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(test)
}

async fn create_projects(db: &DatabaseConnection) -> Vec<Id> {
    let mut ids = Vec::new();
    for i in 0..PROJECTS {
        let input = NewProject { name: format!("Project {i}"), ..Default::default() };
        ids.push(create_project(db, input).await.unwrap().id);
    }
    ids
}

/// The stored tags in key order, as the model's registry lists them.
async fn stored_tag_names(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT name FROM tags ORDER BY name_key"))
        .await
        .unwrap();
    rows.iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect()
}

async fn patches_follow_the_model(start: StartSpec, patches: Vec<PatchSpec>) -> Result<(), TestCaseError> {
    let db = memory_db().await;
    let mut model = Model { projects: create_projects(&db).await, ..Model::default() };
    let unknown = Id::new();

    let neighbour_input =
        NewTask { title: "Neighbour".into(), tags: Some(start.neighbour_tags.clone()), ..Default::default() };
    let neighbour = create_task(&db, neighbour_input.clone()).await.unwrap();
    let expected = model.create(&neighbour_input, NEW_TASK_GAP).expect("the neighbour is valid");
    prop_assert_eq!(TaskView::of(&neighbour), model.view(&expected), "creating the neighbour");

    let input = NewTask {
        title: start.title.clone(),
        description: start.description.clone(),
        status: Some(start.status),
        priority: Some(start.priority),
        tags: Some(start.tags.clone()),
        project_ids: Some(start.projects.iter().map(|&i| model.projects[i]).collect()),
        due_at: start.due_at,
        ..Default::default()
    };
    let mut current = create_task(&db, input.clone()).await.unwrap();
    let mut expected = model.create(&input, 2 * NEW_TASK_GAP).expect("the starting task is valid");
    prop_assert_eq!(TaskView::of(&current), model.view(&expected), "creating the task");
    prop_assert_eq!(stored_tag_names(&db).await, model.tags.values().cloned().collect::<Vec<_>>());

    for (step, spec) in patches.iter().enumerate() {
        let patch = spec.to_patch(current.version, &model.projects, unknown);
        let context = format!("step {step}: {spec:#?}\nfrom: {current:#?}");
        let dump_before = canonical_dump(&db).await;
        let got = update_task(&db, current.id, patch.clone()).await;
        let mut next = expected.clone();
        let want = model.apply(&mut next, &patch).map(|()| model.view(&next));
        prop_assert_eq!(got.as_ref().map(TaskView::of).map_err(AppError::code), want, "{}", context);
        let stored = get_task(&db, current.id).await.unwrap();
        match got {
            Ok(updated) => {
                prop_assert_eq!(&stored, &updated, "get_task differs from what update_task returned; {}", context);
                prop_assert_eq!((updated.id, updated.created_at), (current.id, current.created_at), "{}", context);
                prop_assert!(updated.updated_at >= current.updated_at, "updatedAt went back; {}", context);
                if updated.status == TaskStatus::Done {
                    let completed = updated.completed_at.unwrap();
                    if current.status == TaskStatus::Done {
                        prop_assert_eq!(
                            Some(completed),
                            current.completed_at,
                            "staying done moved completedAt; {}",
                            context
                        );
                    } else {
                        prop_assert!(
                            current.updated_at <= completed && completed <= updated.updated_at,
                            "completedAt {:?} is not the time of the change; {}",
                            completed,
                            context
                        );
                    }
                }
                expected = next;
                current = updated;
            }
            Err(err) => {
                prop_assert_eq!(
                    canonical_dump(&db).await,
                    dump_before,
                    "a rejected patch changed the database; {}",
                    context
                );
                prop_assert_eq!(&stored, &current, "{}", context);
                if err.code() == ErrorCode::Conflict {
                    // As the client receives it.
                    let sent = serde_json::to_value(err.payload()).unwrap()["current"].take();
                    prop_assert_eq!(
                        sent,
                        serde_json::to_value(&current).unwrap(),
                        "CONFLICT without the current task; {}",
                        context
                    );
                }
            }
        }
        prop_assert_eq!(
            stored_tag_names(&db).await,
            model.tags.values().cloned().collect::<Vec<_>>(),
            "tags; {}",
            context
        );
    }
    prop_assert_eq!(&get_task(&db, neighbour.id).await.unwrap(), &neighbour, "editing one task changed another");
    let later = create_task(&db, NewTask { title: "Later".into(), ..Default::default() }).await;
    let last = Some((neighbour.position.max(current.position) + NEW_TASK_GAP).min(SAFE_INTEGER));
    prop_assert_eq!(
        later.as_ref().map(|task| Some(task.position)).map_err(AppError::code),
        Ok(last),
        "a task created after the edits goes last"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn patch_sequences_match_the_model(start in start_spec(), patches in vec(patch_spec(), 1..=8)) {
        block_on(patches_follow_the_model(start, patches))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Property 2: filters against a brute-force filter.

#[derive(Clone, Debug)]
struct TaskSpec {
    title: String,
    description: Option<String>,
    status: TaskStatus,
    priority: TaskPriority,
    projects: Vec<usize>,
    tags: Vec<String>,
    /// Moved here after creation, so that positions tie and the later keys of the order count.
    position: Option<i64>,
    /// One of a few days (see [`day`]), so that due dates tie too.
    due: Option<u8>,
}

/// Due dates and date bounds come from a handful of days, so that they tie and fall on bounds.
fn day(n: u8) -> Timestamp {
    format!("2026-12-{:02}T09:00:00Z", 1 + n).parse().unwrap()
}

const DAYS: u8 = 5;

fn task_spec() -> impl Strategy<Value = TaskSpec> {
    (
        words(1..4),
        proptest::option::of(words(0..6)),
        select(STATUSES.to_vec()),
        select(PRIORITIES.to_vec()),
        vec(0..PROJECTS, 0..=3),
        vec(tag(), 0..4),
        proptest::option::weighted(0.3, 0i64..4),
        proptest::option::weighted(0.6, 0..DAYS),
    )
        .prop_map(|(title, description, status, priority, projects, tags, position, due)| TaskSpec {
            title,
            description,
            status,
            priority,
            projects,
            tags,
            position,
            due,
        })
}

/// What to search for: a piece of a task's title or description with the case of some ASCII
/// letters changed (or of every letter, when `upper`), or a fixed text.
#[derive(Clone, Debug)]
enum SearchSpec {
    Piece {
        task: Index,
        in_description: bool,
        start: Index,
        len: usize,
        flips: Vec<bool>,
        upper: bool,
        pad: &'static str,
    },
    Text(&'static str),
}

impl SearchSpec {
    fn text(&self, tasks: &[TaskDto]) -> String {
        match self {
            SearchSpec::Text(text) => (*text).to_owned(),
            SearchSpec::Piece { task, in_description, start, len, flips, upper, pad } => {
                let task = task.get(tasks);
                let source = match &task.description {
                    Some(description) if *in_description => description,
                    _ => &task.title,
                };
                let chars: Vec<char> = source.chars().collect();
                let piece: String = chars[start.index(chars.len())..]
                    .iter()
                    .take(*len)
                    .zip(flips.iter().cycle())
                    .map(|(&c, &flip)| match flip {
                        true if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
                        true => c.to_ascii_lowercase(),
                        false => c,
                    })
                    .collect();
                let piece = if *upper { piece.to_uppercase() } else { piece };
                format!("{pad}{piece}{pad}")
            }
        }
    }
}

#[derive(Clone, Debug)]
struct FilterSpec {
    projects: Option<Vec<usize>>,
    inbox: Option<bool>,
    statuses: Option<Vec<TaskStatus>>,
    priorities: Option<Vec<TaskPriority>>,
    tags: Option<Vec<String>>,
    search: Option<SearchSpec>,
    include_done: Option<bool>,
    due_before: Option<u8>,
    due_after: Option<u8>,
    sort: Option<TaskSort>,
    descending: Option<bool>,
}

impl FilterSpec {
    fn to_filter(&self, tasks: &[TaskDto], projects: &[Id], unknown: Id) -> TaskFilter {
        TaskFilter {
            project_ids: self
                .projects
                .as_ref()
                .map(|indices| indices.iter().map(|&i| projects.get(i).copied().unwrap_or(unknown)).collect()),
            inbox: self.inbox,
            statuses: self.statuses.clone(),
            priorities: self.priorities.clone(),
            tags: self.tags.clone(),
            search: self.search.as_ref().map(|search| search.text(tasks)),
            assignee: None,
            include_done: self.include_done,
            due_before: self.due_before.map(day),
            due_after: self.due_after.map(day),
            sort: self.sort,
            descending: self.descending,
        }
    }
}

const SORTS: [TaskSort; 6] =
    [TaskSort::Manual, TaskSort::Due, TaskSort::Priority, TaskSort::Created, TaskSort::Updated, TaskSort::Title];

/// A tag to filter by: a tag as tasks get them, in upper or lower case (Unicode), or no tag at all.
fn tag_query() -> impl Strategy<Value = String> {
    let case_changed = (tag(), 0..3u8).prop_map(|(name, case)| match case {
        0 => name,
        1 => name.to_uppercase(),
        _ => name.to_lowercase(),
    });
    prop_oneof![9 => case_changed, 1 => Just("Nope".to_owned())]
}

fn search_spec() -> impl Strategy<Value = SearchSpec> {
    let piece = (
        any::<Index>(),
        any::<bool>(),
        any::<Index>(),
        1usize..10,
        vec(any::<bool>(), 1..4),
        proptest::bool::weighted(0.15),
        select(PADDING),
    )
        .prop_map(|(task, in_description, start, len, flips, upper, pad)| SearchSpec::Piece {
            task,
            in_description,
            start,
            len,
            flips,
            upper,
            pad,
        });
    prop_oneof![4 => piece, 1 => select(SEARCH_TEXTS).prop_map(SearchSpec::Text)]
}

fn sometimes<S: Strategy>(value: S) -> impl Strategy<Value = Option<S::Value>> {
    proptest::option::weighted(0.35, value)
}

fn filter_spec() -> impl Strategy<Value = FilterSpec> {
    (
        sometimes(vec(0..=PROJECTS, 0..3)),
        sometimes(any::<bool>()),
        sometimes(vec(select(STATUSES.to_vec()), 0..3)),
        sometimes(vec(select(PRIORITIES.to_vec()), 0..3)),
        sometimes(vec(tag_query(), 0..3)),
        proptest::option::weighted(0.5, search_spec()),
        (
            proptest::option::weighted(0.6, any::<bool>()),
            sometimes(0..DAYS + 1),
            sometimes(0..DAYS + 1),
            proptest::option::weighted(0.7, select(SORTS.to_vec())),
            sometimes(any::<bool>()),
        ),
    )
        .prop_map(
            |(
                projects,
                inbox,
                statuses,
                priorities,
                tags,
                search,
                (include_done, due_before, due_after, sort, descending),
            )| {
                FilterSpec {
                    projects,
                    inbox,
                    statuses,
                    priorities,
                    tags,
                    search,
                    include_done,
                    due_before,
                    due_after,
                    sort,
                    descending,
                }
            },
        )
}

/// The filter rules applied to each task in turn: every criterion present must hold, within a list
/// any value matches, and an empty list does not constrain. Done tasks only when `includeDone` is
/// true or `statuses` lists some status. Due bounds: before is strict, after inclusive, a task
/// without a due date matches neither. Tags compare by Unicode lowercase. Search: see
/// [`search_matches`]. Order: the sort's key (manual = position then creation time; no due date
/// last in both directions; priority by rank; title ignoring ASCII case), then the id; descending
/// reverses all but "no due date last".
fn brute_force(tasks: &[TaskDto], filter: &TaskFilter) -> Vec<TaskDto> {
    fn any_of<T>(wanted: &Option<Vec<T>>, holds: impl Fn(&T) -> bool) -> bool {
        match wanted {
            Some(values) if !values.is_empty() => values.iter().any(holds),
            _ => true,
        }
    }
    let search = filter.search.as_deref().unwrap_or_default();
    let mut hits: Vec<TaskDto> = tasks
        .iter()
        .filter(|task| {
            any_of(&filter.project_ids, |id| task.project_ids.contains(id))
                && (filter.inbox != Some(true) || task.project_ids.is_empty())
                && any_of(&filter.statuses, |status| *status == task.status)
                && any_of(&filter.priorities, |priority| *priority == task.priority)
                && any_of(&filter.tags, |name| {
                    task.tags.iter().any(|tag| tag.to_lowercase() == name.trim().to_lowercase())
                })
                && search_matches(search, task)
                && (task.status != TaskStatus::Done
                    || filter.include_done == Some(true)
                    || filter.statuses.as_ref().is_some_and(|statuses| !statuses.is_empty()))
                && filter.due_before.is_none_or(|before| task.due_at.is_some_and(|due| due < before))
                && filter.due_after.is_none_or(|after| task.due_at.is_some_and(|due| due >= after))
        })
        .cloned()
        .collect();
    let rank = |priority: TaskPriority| PRIORITIES.iter().position(|p| *p == priority).unwrap();
    let key = |a: &TaskDto, b: &TaskDto| match filter.sort.unwrap_or_default() {
        TaskSort::Manual => a.position.cmp(&b.position).then(a.created_at.to_string().cmp(&b.created_at.to_string())),
        TaskSort::Due => a.due_at.map(|d| d.to_string()).cmp(&b.due_at.map(|d| d.to_string())),
        TaskSort::Priority => rank(a.priority).cmp(&rank(b.priority)),
        TaskSort::Created => a.created_at.to_string().cmp(&b.created_at.to_string()),
        TaskSort::Updated => a.updated_at.to_string().cmp(&b.updated_at.to_string()),
        TaskSort::Title => a.title.to_ascii_lowercase().cmp(&b.title.to_ascii_lowercase()),
    };
    hits.sort_by(|a, b| {
        let undated_last = if filter.sort == Some(TaskSort::Due) {
            a.due_at.is_none().cmp(&b.due_at.is_none())
        } else {
            std::cmp::Ordering::Equal
        };
        let rest = key(a, b).then(a.id.to_string().cmp(&b.id.to_string()));
        undated_last.then(if filter.descending == Some(true) { rest.reverse() } else { rest })
    });
    hits
}

/// The words of a text as the search sees them: decomposed (NFD), combining marks dropped,
/// lowercased, and split at every character that is not a letter or digit.
fn words_of(text: &str) -> Vec<String> {
    let folded: String = text.nfd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase).collect();
    folded.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(String::from).collect()
}

/// The search rules, written from the spec: every whitespace-separated term of the text must
/// match in the title, the description or the tag names, where a term's words must appear in a
/// row, the last one as a prefix ("foo-ba" matches "foo bar"). Terms without a word are left out;
/// a text with no word at all is looked for literally in the title or description, ignoring
/// ASCII case only (SQLite's `LIKE`), with no wildcards. An empty text matches everything.
fn search_matches(search: &str, task: &TaskDto) -> bool {
    let search = search.trim();
    if search.is_empty() {
        return true;
    }
    let terms: Vec<Vec<String>> = search.split_whitespace().map(words_of).filter(|words| !words.is_empty()).collect();
    if terms.is_empty() {
        let needle = search.to_ascii_lowercase();
        let contains = |text: &str| text.to_ascii_lowercase().contains(&needle);
        return contains(&task.title) || task.description.as_deref().is_some_and(contains);
    }
    let fields = [
        words_of(&task.title),
        words_of(task.description.as_deref().unwrap_or_default()),
        words_of(&task.tags.join(" ")),
    ];
    terms.iter().all(|term| {
        let (last, first) = term.split_last().unwrap();
        fields.iter().any(|field| {
            field
                .windows(term.len())
                .any(|run| run[..first.len()] == *first && run[first.len()].starts_with(last.as_str()))
        })
    })
}

/// One line per task, for a failure message that can be read.
fn summary(tasks: &[TaskDto]) -> Vec<String> {
    tasks
        .iter()
        .map(|task| {
            format!(
                "#{} {:?} | {:?} | {:?}/{:?} tags {:?} in {} projects",
                task.position,
                task.title,
                task.description,
                task.status,
                task.priority,
                task.tags,
                task.project_ids.len()
            )
        })
        .collect()
}

async fn create_from_spec(db: &DatabaseConnection, spec: &TaskSpec, projects: &[Id]) -> TaskDto {
    let input = NewTask {
        title: spec.title.clone(),
        description: spec.description.clone(),
        status: Some(spec.status),
        priority: Some(spec.priority),
        tags: Some(spec.tags.clone()),
        project_ids: Some(spec.projects.iter().map(|&i| projects[i]).collect()),
        due_at: spec.due.map(day),
        ..Default::default()
    };
    let task = create_task(db, input).await.unwrap();
    match spec.position {
        Some(position) => {
            let patch =
                TaskPatch { expected_version: task.version, position: Some(Some(position)), ..Default::default() };
            update_task(db, task.id, patch).await.unwrap()
        }
        None => task,
    }
}

async fn filters_match_brute_force(data: Vec<TaskSpec>, filters: Vec<FilterSpec>) -> Result<(), TestCaseError> {
    let db = memory_db().await;
    let projects = create_projects(&db).await;
    let unknown = Id::new();
    let mut tasks = Vec::new();
    for spec in &data {
        tasks.push(create_from_spec(&db, spec, &projects).await);
    }
    for spec in &filters {
        let filter = spec.to_filter(&tasks, &projects, unknown);
        let got = all_tasks(&db, filter.clone()).await.unwrap();
        let want = brute_force(&tasks, &filter);
        prop_assert_eq!(summary(&got), summary(&want), "{:#?}", filter);
        prop_assert_eq!(got, want, "{:#?}", filter);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn filters_match_a_brute_force_filter(data in vec(task_spec(), 20..80), filters in vec(filter_spec(), 1..12)) {
        block_on(filters_match_brute_force(data, filters))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Page walks.

/// What happens between two pages.
#[derive(Clone, Debug)]
enum Between {
    Create(TaskSpec),
    Delete(Index),
    /// A new title: moves the task in the title and updated orders.
    Retitle(Index, String),
}

fn between() -> impl Strategy<Value = Between> {
    prop_oneof![
        task_spec().prop_map(Between::Create),
        any::<Index>().prop_map(Between::Delete),
        (any::<Index>(), words(1..3)).prop_map(|(task, title)| Between::Retitle(task, title)),
    ]
}

/// Walks the pages of `filter` with the given page sizes, changing tasks between pages, and
/// checks the keyset promise: every task that exists throughout, unchanged, comes exactly once
/// and in the order of the final list; only a changed task may come twice (its sort key moved
/// behind the cursor) or be missed (moved ahead of it).
async fn pages_walk_once(
    data: Vec<TaskSpec>,
    spec: FilterSpec,
    steps: Vec<(u32, Vec<Between>)>,
) -> Result<(), TestCaseError> {
    let db = memory_db().await;
    let projects = create_projects(&db).await;
    let mut live = Vec::new();
    for spec in &data {
        live.push(create_from_spec(&db, spec, &projects).await);
    }
    let filter = spec.to_filter(&live, &projects, Id::new());
    let initial: BTreeSet<Id> = live.iter().map(|task| task.id).collect();
    let mut changed = BTreeSet::new();
    let mut written = false;
    let mut seen = Vec::new();
    let mut after = None;
    let mut total_before = None;
    let mut steps = steps.into_iter();
    loop {
        let (limit, changes) = steps.next().unwrap_or((7, Vec::new()));
        let page = get_tasks(&db, filter.clone(), PageRequest { limit: Some(limit), after: after.take() }).await;
        let page = page.map_err(|err| TestCaseError::fail(format!("{err:?} for {filter:#?}")))?;
        prop_assert!(page.tasks.len() <= limit as usize);
        prop_assert!(page.next.is_none() || page.tasks.len() == limit as usize, "a short page is the last");
        if !written {
            prop_assert!(total_before.is_none_or(|total| total == page.total), "total moves only with changes");
        }
        if total_before.is_none() {
            let want = brute_force(&live, &filter).len() as u64;
            prop_assert_eq!(page.total, want, "the total is the size of the filtered set ({:#?})", filter);
        }
        total_before = Some(page.total);
        seen.extend(page.tasks.iter().map(|task| task.id));
        let Some(next) = page.next else { break };
        after = Some(next);
        prop_assert!(seen.len() <= 4 * (data.len() + 64), "the walk ends");
        written |= !changes.is_empty();
        for change in changes {
            match change {
                Between::Create(spec) => live.push(create_from_spec(&db, &spec, &projects).await),
                Between::Delete(index) if !live.is_empty() => {
                    let task = live.remove(index.index(live.len()));
                    delete_task(&db, task.id).await.unwrap();
                    changed.insert(task.id);
                }
                Between::Retitle(index, title) if !live.is_empty() => {
                    let at = index.index(live.len());
                    let task = &mut live[at];
                    let patch =
                        TaskPatch { expected_version: task.version, title: Some(Some(title)), ..Default::default() };
                    *task = update_task(&db, task.id, patch).await.unwrap();
                    changed.insert(task.id);
                }
                Between::Delete(_) | Between::Retitle(..) => {}
            }
        }
    }
    // Tasks created during the walk may land before or after the cursor: no promise about them.
    let created_before: BTreeSet<Id> = initial.difference(&changed).copied().collect();
    let current = all_tasks(&db, TaskFilter { include_done: Some(true), ..TaskFilter::default() }).await.unwrap();
    let want: Vec<Id> =
        brute_force(&current, &filter).iter().map(|task| task.id).filter(|id| created_before.contains(id)).collect();
    let got: Vec<Id> = seen.iter().copied().filter(|id| created_before.contains(id)).collect();
    prop_assert_eq!(got, want, "unchanged tasks: once each, in order ({:#?})", filter);
    let mut counts = BTreeMap::new();
    for id in &seen {
        *counts.entry(*id).or_insert(0) += 1;
    }
    for (id, count) in counts {
        prop_assert!(count == 1 || changed.contains(&id), "only a changed task may come twice");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn walking_the_pages_returns_each_unchanged_task_once(
        data in vec(task_spec(), 5..50),
        filter in filter_spec(),
        steps in vec((1u32..8, vec(between(), 0..3)), 0..12),
    ) {
        block_on(pages_walk_once(data, filter, steps))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Kept counts.

/// A write that moves task counts.
#[derive(Clone, Debug)]
enum CountedWrite {
    Create(TaskSpec),
    SetStatus(Index, TaskStatus),
    SetProjects(Index, Vec<usize>),
    DeleteTask(Index),
    DeleteProject(usize),
}

fn counted_write() -> impl Strategy<Value = CountedWrite> {
    prop_oneof![
        3 => task_spec().prop_map(CountedWrite::Create),
        3 => (any::<Index>(), select(STATUSES.to_vec())).prop_map(|(task, status)| CountedWrite::SetStatus(task, status)),
        2 => (any::<Index>(), vec(0..PROJECTS, 0..=3)).prop_map(|(task, projects)| CountedWrite::SetProjects(task, projects)),
        2 => any::<Index>().prop_map(CountedWrite::DeleteTask),
        1 => (0..PROJECTS).prop_map(CountedWrite::DeleteProject),
    ]
}

/// The counts the triggers keep, next to the same counts computed from the rows.
async fn kept_and_recounted(db: &DatabaseConnection) -> (String, String) {
    // Plain SQL both engines read alike: `id:count:open` per project, then the totals.
    let kept = scalar_text(
        db,
        "SELECT coalesce((SELECT string_agg(id || ':' || task_count || ':' || open_task_count, ',' ORDER BY id)
                          FROM projects), '')
                || '|' || (SELECT task_count || ':' || open_task_count FROM task_totals)",
    )
    .await;
    let recounted = scalar_text(
        db,
        "SELECT coalesce((SELECT string_agg(id || ':' || n || ':' || open, ',' ORDER BY id) FROM
                             (SELECT p.id, COUNT(t.id) AS n, COUNT(t.id) FILTER (WHERE t.status <> 'done') AS open
                              FROM projects p LEFT JOIN task_projects tp ON tp.project_id = p.id
                              LEFT JOIN tasks t ON t.id = tp.task_id GROUP BY p.id) AS counted), '')
                || '|' || (SELECT COUNT(*) || ':' || COUNT(*) FILTER (WHERE status <> 'done') FROM tasks)",
    )
    .await;
    (kept, recounted)
}

async fn kept_counts_follow_every_write(data: Vec<TaskSpec>, writes: Vec<CountedWrite>) -> Result<(), TestCaseError> {
    let db = memory_db().await;
    let mut projects = create_projects(&db).await;
    let mut live = Vec::new();
    for spec in &data {
        live.push(create_from_spec(&db, spec, &projects).await);
    }
    for (step, write) in writes.into_iter().enumerate() {
        match &write {
            CountedWrite::Create(spec) => {
                let existing: Vec<usize> = spec.projects.iter().copied().filter(|&i| i < projects.len()).collect();
                live.push(create_from_spec(&db, &TaskSpec { projects: existing, ..spec.clone() }, &projects).await);
            }
            CountedWrite::SetStatus(index, status) if !live.is_empty() => {
                let at = index.index(live.len());
                let patch =
                    TaskPatch { expected_version: live[at].version, status: Some(Some(*status)), ..Default::default() };
                live[at] = update_task(&db, live[at].id, patch).await.unwrap();
            }
            CountedWrite::SetProjects(index, chosen) if !live.is_empty() => {
                let at = index.index(live.len());
                let ids = chosen.iter().filter_map(|&i| projects.get(i).copied()).collect();
                let patch = TaskPatch {
                    expected_version: live[at].version,
                    project_ids: Some(Some(ids)),
                    ..Default::default()
                };
                live[at] = update_task(&db, live[at].id, patch).await.unwrap();
            }
            CountedWrite::DeleteTask(index) if !live.is_empty() => {
                let task = live.remove(index.index(live.len()));
                delete_task(&db, task.id).await.unwrap();
            }
            CountedWrite::DeleteProject(i) if *i < projects.len() => {
                let id = projects.remove(*i);
                delete_project(&db, id).await.unwrap();
                for task in &mut live {
                    *task = get_task(&db, task.id).await.unwrap();
                }
            }
            _ => continue,
        }
        let (kept, recounted) = kept_and_recounted(&db).await;
        prop_assert_eq!(kept, recounted, "after step {}: {:?}", step, write);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn kept_task_counts_equal_a_recount_after_every_write(
        data in vec(task_spec(), 0..20),
        writes in vec(counted_write(), 1..25),
    ) {
        block_on(kept_counts_follow_every_write(data, writes))?;
    }
}
