include!("src/commands/list.rs");

/// The app's own commands, declared once in `src/commands/list.rs`: each gets an `allow-<name>`
/// permission, and the capability files can grant nothing else of the app's.
const COMMANDS: &[&str] = with_command_names!(command_names_of);

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
