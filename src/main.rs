//! The `gazette` command: parses arguments, calls the library, prints.
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Builds allocate many short-lived strings across threads; mimalloc serves
/// them with less work and less contention than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use gazette::diag::Diagnostics;

/// A static site generator for news archives.
#[derive(Parser)]
#[command(name = "gazette", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (atomically: a failed build changes nothing).
    Build {
        /// The site root, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Ignore the build cache in .gazette/cache/: render and compare every page.
        #[arg(long)]
        no_cache: bool,
    },
    /// Check config, front matter, templates and internal links; write nothing.
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a starter site into DIR.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Run the content pass over raw captures and print the entries.
    Extract {
        /// Capture files, processed together.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print a JSON array (the only format for now).
        #[arg(long)]
        json: bool,
    },
    /// Turn raw captures into Markdown entries you can edit.
    Import {
        /// Capture files or folders.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The folder to write entries into (usually content/).
        #[arg(long)]
        out: PathBuf,
        /// Overwrite entries even if they were edited since the last import.
        #[arg(long)]
        force: bool,
    },
    /// Serve the site locally, rebuilding on change with --watch.
    Serve {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Rebuild and reload the browser when files change.
        #[arg(long)]
        watch: bool,
        /// The address to bind.
        #[arg(long, default_value = "127.0.0.1")]
        interface: IpAddr,
        /// The port to try first; the next free one is taken if it is busy.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(warnings) => {
            report(&warnings);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags);
            let n = diags.errors().count();
            eprintln!("error: {n} problem{} found", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}

/// Prints diagnostics to stderr, warnings and errors alike.
fn report(diags: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for d in &diags.0 {
        let _ = writeln!(err, "{d}");
    }
}

fn run(command: Command) -> Result<Diagnostics, Diagnostics> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_cache,
        } => {
            let opts = gazette::build::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                no_cache,
            };
            let r = gazette::build::build(&opts)?;
            report(&r.warnings);
            if std::env::var_os("GAZETTE_TIMINGS").is_some() {
                for (phase, t) in &r.timings {
                    eprintln!("  {phase}: {} ms", t.as_millis());
                }
            }
            eprintln!(
                "built {} pages ({} files changed) in {} ms",
                r.pages,
                r.written,
                r.elapsed.as_millis()
            );
            Ok(Diagnostics::new())
        }
        Command::Check { root } => {
            let warnings = gazette::check::check(&root)?;
            eprintln!("no errors found");
            Ok(warnings)
        }
        Command::Init { dir } => {
            gazette::init::init(&dir)?;
            eprintln!(
                "created a site in {}; run `gazette build --root {}`",
                dir.display(),
                dir.display()
            );
            Ok(Diagnostics::new())
        }
        Command::Extract { files, json: _ } => {
            let (json, warnings) = gazette::extract::extract_json(&files)?;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{json}").and_then(|()| out.flush()) {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    let mut diags = Diagnostics::new();
                    diags.push(
                        gazette::diag::Diagnostic::error("cannot write the entries")
                            .at("standard output")
                            .cause_chain(&e),
                    );
                    Err(diags)
                }
                _ => Ok(warnings),
            }
        }
        Command::Import { inputs, out, force } => {
            let r = gazette::import::import(&inputs, &out, force)?;
            for p in &r.skipped {
                eprintln!(
                    "{}: skipped: edited since it was imported (use --force to overwrite)",
                    p.display()
                );
            }
            eprintln!(
                "imported {} entries into {}",
                r.written.len(),
                out.display()
            );
            Ok(r.warnings)
        }
        Command::Serve {
            root,
            watch,
            interface,
            port,
            open,
        } => {
            let opts = gazette::serve::ServeOptions {
                root,
                interface,
                port,
                watch,
                open,
            };
            gazette::serve::serve(&opts)?;
            Ok(Diagnostics::new())
        }
    }
}
