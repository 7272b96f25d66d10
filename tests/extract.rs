//! `gazette extract --json`, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/captures")
}

fn extract(cwd: &Path, files: &[&str]) -> (serde_json::Value, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .current_dir(cwd)
        .arg("extract")
        .arg("--json")
        .args(files)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn prints_one_json_object_per_entry_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["blog_early.txt", "blog_dump.txt", "article.txt"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let (json, stderr, ok) = extract(
        dir.path(),
        &["blog_early.txt", "blog_dump.txt", "article.txt"],
    );
    assert!(ok, "{stderr}");
    let entries = json.as_array().expect("a JSON array");
    assert_eq!(entries.len(), 4);
    for e in entries {
        for field in [
            "title",
            "date",
            "updated",
            "kind",
            "story",
            "outlet",
            "url",
            "authors",
            "actors",
            "places",
            "captured_from",
            "captions",
            "path",
            "body",
        ] {
            assert!(e.get(field).is_some(), "missing {field} in {e}");
        }
    }
    let post = entries
        .iter()
        .find(|e| e["title"] == "Economy minister calls for talks to resume")
        .unwrap();
    assert_eq!(post["date"], "2022-07-14T12:30:00-04:00");
    assert_eq!(post["kind"], "post");
    assert_eq!(
        post["path"],
        "2022/07/14/economy-minister-calls-for-talks-to-resume"
    );
    assert_eq!(
        post["captured_from"],
        serde_json::json!(["blog_early.txt", "blog_dump.txt"])
    );
    let article = entries.iter().find(|e| e["kind"] == "article").unwrap();
    assert_eq!(article["date"], "2022-07-14", "a day alone is a plain date");
}

#[test]
fn files_outside_the_current_folder_are_named_by_their_bare_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures().join("undated.txt");
    let (json, stderr, ok) = extract(dir.path(), &[file.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert_eq!(json[0]["captured_from"], serde_json::json!(["undated.txt"]));
    assert_eq!(json[0]["date"], serde_json::Value::Null);
    assert_eq!(
        json[0]["path"],
        "undated/harbour-seals-return-to-the-old-quays"
    );
    assert!(
        stderr.contains("undated.txt: warning: no date found"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, ok) = extract(dir.path(), &["nope.txt"]);
    assert!(!ok);
    assert!(stderr.contains("nope.txt: cannot read file"), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("article.txt"),
        dir.path().join("article.txt"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .current_dir(dir.path())
        .args(["extract", "--json", "article.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before the pass is done, as `| head -c0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_the_output_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("article.txt"),
        dir.path().join("article.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .current_dir(dir.path())
        .args(["extract", "--json", "article.txt"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("standard output: cannot write the entries"),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
