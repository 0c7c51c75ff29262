//! User preferences, stored one row per key in `settings`.

use entity::{Timestamp, setting};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionSession, TransactionTrait};

use super::begin_write;
use crate::error::AppResult;
use crate::models::{Settings, SettingsPatch, Theme};

const THEME: &str = "theme";
const NOTIFICATIONS: &str = "notifications";

/// The preferences; keys never set take their default. A stored value this version does not
/// understand (written by hand or by a newer version) is logged and read as the default.
pub async fn get_settings<C: ConnectionTrait>(db: &C) -> AppResult<Settings> {
    let mut settings = Settings::default();
    for row in setting::Entity::find().all(db).await? {
        match row.key.as_str() {
            THEME => match parse_theme(&row.value) {
                Some(theme) => settings.theme = theme,
                None => log::warn!("ignoring unknown theme `{}` in settings", row.value),
            },
            NOTIFICATIONS => match row.value.as_str() {
                "true" => settings.notifications = true,
                "false" => settings.notifications = false,
                other => log::warn!("ignoring unknown notifications value `{other}` in settings"),
            },
            other => log::debug!("ignoring unknown setting `{other}`"),
        }
    }
    Ok(settings)
}

/// Stores the keys present in `patch` in one transaction and returns the resulting preferences.
/// Only known keys exist in [`SettingsPatch`], and their values are typed, so the patch itself is
/// the validation.
pub async fn update_settings<C>(db: &C, patch: SettingsPatch) -> AppResult<Settings>
where
    C: ConnectionTrait + TransactionTrait,
{
    let now = Timestamp::now();
    let mut rows = Vec::new();
    if let Some(theme) = patch.theme {
        rows.push(row(THEME, theme_text(theme), now));
    }
    if let Some(notifications) = patch.notifications {
        rows.push(row(NOTIFICATIONS, if notifications { "true" } else { "false" }, now));
    }

    let txn = begin_write(db).await?;
    if !rows.is_empty() {
        setting::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(setting::Column::Key)
                    .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    let settings = get_settings(&txn).await?;
    txn.commit().await?;
    Ok(settings)
}

fn row(key: &str, value: &str, now: Timestamp) -> setting::ActiveModel {
    setting::ActiveModel { key: Set(key.to_owned()), value: Set(value.to_owned()), updated_at: Set(now) }
}

fn theme_text(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::System => "system",
    }
}

fn parse_theme(text: &str) -> Option<Theme> {
    [Theme::Light, Theme::Dark, Theme::System].into_iter().find(|theme| theme_text(*theme) == text)
}
