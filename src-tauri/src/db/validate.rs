//! Rules for what users type. Each returns the cleaned value or a `VALIDATION` error naming the
//! input field (camelCase, as the frontend sends it). The schema's CHECK constraints repeat the
//! limits, so a bug here cannot store a row that breaks them.

use crate::error::{AppError, AppResult};

pub const TITLE_MAX: usize = 500;
pub const PROJECT_NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const TAG_MAX: usize = 50;
pub const TAGS_PER_TASK_MAX: usize = 50;

/// A required one-line text: trimmed, non-empty, at most `max` characters, no control characters.
pub fn required_text(field: &'static str, label: &str, value: &str, max: usize) -> AppResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::validation(field, format!("{label} cannot be empty")));
    }
    // Counting stops past the limit, so a 10 MB title costs no more than a 501-character one.
    if trimmed.chars().nth(max).is_some() {
        return Err(AppError::validation(field, format!("{label} is too long (at most {max} characters)")));
    }
    reject_control_characters(field, label, trimmed, |_| false)?;
    Ok(trimmed.to_owned())
}

/// Control characters (NUL, escape, ...) are never typed on purpose and break display and
/// export; `allowed` lets a multi-line text keep its line breaks and tabs.
fn reject_control_characters(
    field: &'static str,
    label: &str,
    text: &str,
    allowed: impl Fn(char) -> bool,
) -> AppResult<()> {
    match text.chars().find(|&c| c.is_control() && !allowed(c)) {
        Some(c) => Err(AppError::validation(
            field,
            format!("{label} cannot contain the control character U+{:04X}", u32::from(c)),
        )),
        None => Ok(()),
    }
}

/// A patch field that may be left out or changed but not cleared: `null` is a validation error.
pub fn not_cleared<T>(field: &'static str, label: &str, value: Option<Option<T>>) -> AppResult<Option<T>> {
    match value {
        Some(None) => Err(AppError::validation(field, format!("{label} cannot be cleared"))),
        other => Ok(other.flatten()),
    }
}

/// An optional free text: blank counts as absent; otherwise kept exactly as typed.
pub fn description(value: Option<String>) -> AppResult<Option<String>> {
    let Some(text) = value.filter(|text| !text.trim().is_empty()) else {
        return Ok(None);
    };
    if text.chars().nth(DESCRIPTION_MAX).is_some() {
        return Err(AppError::validation(
            "description",
            format!("Description is too long (at most {DESCRIPTION_MAX} characters)"),
        ));
    }
    reject_control_characters("description", "Description", &text, |c| matches!(c, '\n' | '\r' | '\t'))?;
    Ok(Some(text))
}

/// `#rrggbb` in either case, stored lowercase.
pub fn color(value: Option<String>) -> AppResult<Option<String>> {
    let Some(text) = value else { return Ok(None) };
    let text = text.trim();
    let valid = text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !valid {
        return Err(AppError::validation("color", format!("Colour must look like #1a2b3c, not `{text}`")));
    }
    Ok(Some(text.to_ascii_lowercase()))
}

/// The key under which tag names are compared: Unicode lowercase of the trimmed name.
pub fn tag_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// An assignee: a name like a tag's (1–50 characters, trimmed, no control characters), and its key.
pub fn assignee(name: Option<String>) -> AppResult<Option<(String, String)>> {
    name.map(|name| {
        let name = required_text("assignee", "The assignee", &name, TAG_MAX)?;
        let key = tag_key(&name);
        Ok((name, key))
    })
    .transpose()
}

/// Trims tag names and merges those equal ignoring case, keeping the first spelling and order.
pub fn tags(names: Vec<String>) -> AppResult<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut unique = Vec::new();
    for name in names {
        let name = required_text("tags", "A tag", &name, TAG_MAX)?;
        if seen.insert(tag_key(&name)) {
            unique.push(name);
        }
    }
    if unique.len() > TAGS_PER_TASK_MAX {
        return Err(AppError::validation("tags", format!("A task can have at most {TAGS_PER_TASK_MAX} tags")));
    }
    Ok(unique)
}

/// The largest position a user can give: positions reach JavaScript as numbers, exact only up to
/// 2^53 - 1, and new rows go at `MAX(position) + 1`, which must not overflow.
pub const POSITION_LIMIT: i64 = (1 << 53) - 1;

/// A manual-order position within ±[`POSITION_LIMIT`].
pub fn position(field: &'static str, value: i64) -> AppResult<i64> {
    if !(-POSITION_LIMIT..=POSITION_LIMIT).contains(&value) {
        return Err(AppError::validation(
            field,
            format!("Position must be between -{POSITION_LIMIT} and {POSITION_LIMIT}"),
        ));
    }
    Ok(value)
}

/// Makes `%`, `_` and `\` in user text match themselves in a `LIKE ... ESCAPE '\'` pattern.
pub fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Removes repeated ids, keeping the first occurrence.
pub fn unique_ids<T: Eq + std::hash::Hash + Copy>(ids: Vec<T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn required_text_is_trimmed_and_bounded_in_characters_not_bytes() {
        assert_eq!(required_text("title", "Title", "  Buy milk ", 500).unwrap(), "Buy milk");
        assert_eq!(required_text("title", "Title", &"é".repeat(500), 500).unwrap().chars().count(), 500);
        let err = required_text("title", "Title", &"é".repeat(501), 500).unwrap_err();
        assert_eq!(err.payload().field.as_deref(), Some("title"));
        assert_eq!(required_text("title", "Title", " \t\n", 500).unwrap_err().code(), ErrorCode::Validation);
    }

    #[test]
    fn color_accepts_hex_in_either_case_and_stores_lowercase() {
        assert_eq!(color(Some("#A1b2C3".into())).unwrap().as_deref(), Some("#a1b2c3"));
        for bad in ["red", "#12345", "#1234567", "#12345g", "123456#"] {
            assert_eq!(color(Some(bad.into())).unwrap_err().payload().field.as_deref(), Some("color"), "{bad}");
        }
    }

    #[test]
    fn tags_merge_case_insensitively_keeping_the_first_spelling() {
        let merged = tags(vec!["Rust".into(), " rust ".into(), "ÄRGER".into(), "ärger".into(), "Home".into()]);
        assert_eq!(merged.unwrap(), vec!["Rust", "ÄRGER", "Home"]);
        assert_eq!(tags(vec!["ok".into(), "  ".into()]).unwrap_err().code(), ErrorCode::Validation);
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_stay_in_descriptions() {
        for bad in ["a\0b", "bell\u{7}", "esc\u{1b}[31m", "tab\tinside", "two\nlines", "del\u{7f}"] {
            let err = required_text("title", "Title", bad, 500).unwrap_err();
            assert_eq!(err.payload().field.as_deref(), Some("title"), "{bad:?}");
        }
        assert_eq!(description(Some("line 1\r\n\tline 2".into())).unwrap().as_deref(), Some("line 1\r\n\tline 2"));
        assert_eq!(description(Some("nul\0".into())).unwrap_err().code(), ErrorCode::Validation);
    }

    #[test]
    fn positions_stay_within_what_javascript_and_the_next_insert_can_hold() {
        assert_eq!(position("position", POSITION_LIMIT).unwrap(), POSITION_LIMIT);
        assert_eq!(position("position", -POSITION_LIMIT).unwrap(), -POSITION_LIMIT);
        for bad in [POSITION_LIMIT + 1, -POSITION_LIMIT - 1, i64::MAX, i64::MIN] {
            assert_eq!(position("position", bad).unwrap_err().payload().field.as_deref(), Some("position"));
        }
    }

    #[test]
    fn like_wildcards_in_user_text_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
    }

    #[test]
    fn blank_description_counts_as_absent() {
        assert_eq!(description(Some("   ".into())).unwrap(), None);
        assert_eq!(description(Some(" keep  spacing ".into())).unwrap().as_deref(), Some(" keep  spacing "));
    }
}
