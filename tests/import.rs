//! `gazette import`: captures become Markdown entries a person can edit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/captures")
}

fn import(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .current_dir(cwd)
        .arg("import")
        .args(args)
        .output()
        .unwrap()
}

fn site_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("captures")).unwrap();
    for f in files {
        std::fs::copy(fixtures().join(f), dir.path().join("captures").join(f)).unwrap();
    }
    dir
}

#[test]
fn writes_one_markdown_file_per_entry_at_its_page_path() {
    let site = site_with(&["blog_early.txt", "undated.txt"]);
    let out = import(site.path(), &["captures", "--out", "content"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = site
        .path()
        .join("content/2022/07/14/economy-minister-calls-for-talks-to-resume.md");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"Economy minister calls for talks to resume\"\n"),
        "{text}"
    );
    let (fm, body) = text[4..].split_once("+++\n").unwrap();
    let fm: gazette::entry::FrontMatter = toml::from_str(fm).unwrap();
    assert_eq!(fm.kind, Some(gazette::entry::Kind::Post));
    assert_eq!(
        fm.captured_from,
        vec!["captures/blog_early.txt"],
        "relative to the site root"
    );
    assert_eq!(fm.date.unwrap().as_text(), "2022-07-14T12:30:00-04:00");
    assert!(body.contains("Tamm said the government would not intervene"));
    let undated = site
        .path()
        .join("content/undated/harbour-seals-return-to-the-old-quays.md");
    let text = std::fs::read_to_string(undated).unwrap();
    assert!(text.contains("undated = true"), "{text}");
}

#[test]
fn suffixed_paths_keep_their_slug_in_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let a = "Talks resume in Tallinn\n\nThe union and the operator returned to talks on 3 March 2021, officials said.\n";
    let b = "Talks resume in Tallinn\n\nNegotiators met again on 3 March 2021 after a week of silence, the union said.\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let out = import(dir.path(), &["a.txt", "b.txt", "--out", "content"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second = std::fs::read_to_string(
        dir.path()
            .join("content/2021/03/03/talks-resume-in-tallinn-2.md"),
    )
    .unwrap();
    assert!(
        second.contains("slug = \"talks-resume-in-tallinn-2\""),
        "{second}"
    );
    let first = std::fs::read_to_string(
        dir.path()
            .join("content/2021/03/03/talks-resume-in-tallinn.md"),
    )
    .unwrap();
    assert!(!first.contains("slug ="), "{first}");
}

#[test]
fn reimport_skips_files_the_user_edited_unless_forced() {
    let site = site_with(&["article.txt", "blog_early.txt"]);
    let first = import(site.path(), &["captures", "--out", "content"]);
    assert!(first.status.success());
    let md = site
        .path()
        .join("content/2022/07/14/estonia-and-port-union-agree-to-mediation-as-strike-drags-on.md");
    let edited = std::fs::read_to_string(&md)
        .unwrap()
        .replace("Nobody wins", "No one wins");
    std::fs::write(&md, &edited).unwrap();

    let again = import(site.path(), &["captures", "--out", "content"]);
    assert!(again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("estonia-and-port-union-agree-to-mediation-as-strike-drags-on.md: skipped: edited since it was imported"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        edited,
        "the edit survives"
    );

    let forced = import(site.path(), &["captures", "--out", "content", "--force"]);
    assert!(forced.status.success());
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("Nobody wins")
    );
}

#[test]
fn reimport_overwrites_files_it_wrote_itself() {
    let site = site_with(&["undated.txt"]);
    assert!(
        import(site.path(), &["captures", "--out", "content"])
            .status
            .success()
    );
    let cap = site.path().join("captures/undated.txt");
    let text = std::fs::read_to_string(&cap)
        .unwrap()
        .replace("forty", "fifty");
    std::fs::write(&cap, text).unwrap();
    let out = import(site.path(), &["captures", "--out", "content"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("skipped"));
    let md = std::fs::read_to_string(
        site.path()
            .join("content/undated/harbour-seals-return-to-the-old-quays.md"),
    )
    .unwrap();
    assert!(md.contains("more than fifty animals"), "{md}");
}
