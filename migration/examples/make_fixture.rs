//! Writes the fixture database of a released schema: `cargo run -p migration --example make_fixture -- <N>`
//! builds `tests/fixtures/schema-v<N>.sqlite` from the first N migrations and the seed
//! `tests/fixtures/schema-v<N>.sql`. Not part of the test run; the `fixtures_match_their_seeds`
//! test checks that the committed file still matches what this writes.

#[path = "../tests/common/fixture.rs"]
#[allow(dead_code)] // the tests use the rest
mod fixture;

#[tokio::main]
async fn main() {
    let version = std::env::args().nth(1).and_then(|arg| arg.parse::<u32>().ok());
    let Some(version) = version else {
        eprintln!("usage: cargo run -p migration --example make_fixture -- <schema version, e.g. 5>");
        std::process::exit(2);
    };
    let out = fixture::folder().join(format!("schema-v{version}.sqlite"));
    if let Err(err) = fixture::build(version, &out).await {
        eprintln!("cannot build {}: {err}", out.display());
        std::process::exit(1);
    }
    let size = std::fs::metadata(&out).map(|meta| meta.len()).unwrap_or(0);
    println!("wrote {} ({size} bytes)", out.display());
}
