//! The settings operations against real SQLite.

mod common;

use common::{count_rows, file_db, memory_db};
use sea_orm::ConnectionTrait;
use serde_json::json;
use tasklane_lib::db::settings_operations::{get_settings, update_settings};
use tasklane_lib::models::{Settings, SettingsPatch, Theme};

fn patch(value: serde_json::Value) -> SettingsPatch {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn settings_default_to_system_theme_with_notifications_on() {
    let db = memory_db().await;
    assert_eq!(get_settings(&db).await.unwrap(), Settings { theme: Theme::System, notifications: true });
    assert_eq!(
        serde_json::to_value(get_settings(&db).await.unwrap()).unwrap(),
        json!({ "theme": "system", "notifications": true })
    );
}

#[tokio::test]
async fn a_partial_patch_changes_only_its_keys_and_persists_across_reopen() {
    let (dir, db) = file_db().await;
    update_settings(&db, patch(json!({ "notifications": false }))).await.unwrap();
    let after = update_settings(&db, patch(json!({ "theme": "dark" }))).await.unwrap();
    assert_eq!(after, Settings { theme: Theme::Dark, notifications: false });
    assert_eq!(count_rows(&db, "settings").await, 2);
    db.close().await.unwrap();

    let reopened = dir.reopen().await;
    assert_eq!(get_settings(&reopened).await.unwrap(), after);
}

#[test]
fn unknown_keys_and_values_are_rejected_when_the_patch_is_read() {
    for body in [json!({ "theme": "purple" }), json!({ "fontSize": 12 }), json!({ "notifications": "yes" })] {
        assert!(serde_json::from_value::<SettingsPatch>(body.clone()).is_err(), "{body}");
    }
}

#[tokio::test]
async fn a_value_written_by_another_tool_falls_back_to_the_default() {
    let db = memory_db().await;
    db.execute_unprepared("INSERT INTO settings VALUES ('theme', 'neon', '2026-01-01T00:00:00.000Z')").await.unwrap();
    assert_eq!(get_settings(&db).await.unwrap().theme, Theme::System);
}
