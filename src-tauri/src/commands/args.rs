//! The arguments of a command, read from the whole IPC payload so that every rejection is typed.
//!
//! Tauri deserializes each argument on its own and answers a malformed one with a plain string
//! ("invalid args `input` for command ..."), which the frontend cannot tell from a crash. A
//! handler instead takes one [`Args<T>`], where `T` is a struct of all its arguments that refuses
//! unknown keys; a payload that does not fit `T` becomes a `VALIDATION` error whose `field` is the
//! JSON path of the offending value (`input.priority`, `patch.theme`, `input.tags[3]`).

use serde::de::DeserializeOwned;
use tauri::Runtime;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};

use crate::error::AppError;

/// All the arguments of a command, deserialized from the payload object as one `T`.
#[derive(Debug)]
pub struct Args<T>(pub T);

/// For commands that take no arguments: any key sent is a mistake the caller should hear about.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Args<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let parsed = match command.message.payload() {
            InvokeBody::Json(value) => parse(value),
            InvokeBody::Raw(_) => Err(AppError::InvalidArgument {
                field: None,
                message: format!("{} takes JSON arguments, not bytes", command.name),
            }),
        };
        // Serializing the error logs it, as for every error a command returns.
        parsed.map(Args).map_err(InvokeError::from)
    }
}

/// Reads `T` from a payload; the error names the JSON path of the first value that does not fit.
pub fn parse<T: DeserializeOwned>(payload: &serde_json::Value) -> Result<T, AppError> {
    // Serde would read a struct from an array too (by position); the contract has named keys only.
    if !payload.is_object() {
        return Err(AppError::InvalidArgument {
            field: None,
            message: "The arguments are malformed: they must be a JSON object of named values".to_owned(),
        });
    }
    serde_path_to_error::deserialize(payload).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        let field = match missing_field(&inner) {
            Some(name) if path == "." => name.to_owned(),
            Some(name) => format!("{path}.{name}"),
            None if path == "." => String::new(),
            None => path,
        };
        let message = if field.is_empty() {
            format!("The arguments are malformed: {inner}")
        } else {
            format!("`{field}` is malformed: {inner}")
        };
        AppError::InvalidArgument { field: (!field.is_empty()).then_some(field), message }
    })
}

/// The key named by serde's "missing field `x`" message: the path points at its parent.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorCode;
    use crate::models::{NewTask, SettingsPatch, TaskPatch};

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Update {
        #[allow(dead_code)]
        id: entity::Id,
        #[allow(dead_code)]
        patch: TaskPatch,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Create {
        #[allow(dead_code)]
        input: NewTask,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Settings {
        #[allow(dead_code)]
        patch: SettingsPatch,
    }

    fn field_of<T: DeserializeOwned + std::fmt::Debug>(payload: serde_json::Value) -> Option<String> {
        let err = parse::<T>(&payload).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{err}");
        err.payload().field
    }

    #[test]
    fn unknown_enum_values_name_their_path() {
        assert_eq!(
            field_of::<Create>(json!({ "input": { "title": "t", "priority": "bogus" } })).unwrap(),
            "input.priority"
        );
        assert_eq!(field_of::<Settings>(json!({ "patch": { "theme": "purple" } })).unwrap(), "patch.theme");
    }

    #[test]
    fn wrong_types_inside_lists_name_the_index() {
        assert_eq!(
            field_of::<Create>(json!({ "input": { "title": "t", "tags": ["a", 5] } })).unwrap(),
            "input.tags[1]"
        );
    }

    #[test]
    fn missing_keys_name_the_missing_key() {
        assert_eq!(field_of::<Create>(json!({})).unwrap(), "input");
        assert_eq!(field_of::<Create>(json!({ "input": {} })).unwrap(), "input.title");
        assert_eq!(field_of::<Update>(json!({ "patch": { "expectedVersion": 1 } })).unwrap(), "id");
        assert_eq!(
            field_of::<Update>(json!({ "id": entity::Id::new(), "patch": {} })).unwrap(),
            "patch.expectedVersion"
        );
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_parent_path() {
        assert_eq!(
            field_of::<Update>(json!({ "id": entity::Id::new(), "patch": { "due_at": null } })).unwrap(),
            "patch.due_at"
        );
        assert_eq!(field_of::<Update>(json!({ "id": entity::Id::new(), "patch": {}, "extra": 1 })).unwrap(), "extra");
    }

    #[test]
    fn a_payload_that_is_not_an_object_has_no_field() {
        let err = parse::<Create>(&json!([1, 2])).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert_eq!(err.payload().field, None);
        assert!(err.payload().message.starts_with("The arguments are malformed"), "{}", err.payload().message);
    }
}
