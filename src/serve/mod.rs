//! `gazette serve`: a local preview that rebuilds on change.
//!
//! The pieces, each its own module:
//!
//! - [`http`]: the axum app serving the output folder, and nothing outside it;
//! - [`reload`]: live reload over Server-Sent Events, and the error overlay;
//! - [`watch`]: the file watcher, its filter and its debouncing.
//!
//! This module wires them: check the config, bind a port, build once, serve,
//! then hand every debounced batch of changes to a [`Rebuilder`]. How a
//! rebuild works is the rebuilder's business: [`FullRebuilder`] runs the
//! whole build; [`crate::rebuild::IncrementalRebuilder`], which `serve`
//! uses, rewrites only what a change touches.

pub mod http;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch as channel;

use crate::build::{self, BuildOptions};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use reload::LiveState;

/// How many ports after the asked one are tried when it is busy.
pub const PORT_TRIES: u16 = 20;

/// Where [`FullRebuilder`] builds, under the site root. Dot-folders are
/// never watched, so the build cannot trigger itself.
pub const SERVE_OUTPUT: &str = ".gazette/serve";

/// What `gazette serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to bind; loopback by default.
    pub interface: IpAddr,
    /// The port to try first.
    pub port: u16,
    /// Rebuild on change.
    pub watch: bool,
    /// Open a browser.
    pub open: bool,
}

/// What one rebuild did, for the terminal report and the browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildReport {
    /// The changed paths the rebuild was for (empty for a first build).
    pub changed: Vec<PathBuf>,
    /// Output files whose bytes changed.
    pub pages_rewritten: usize,
    /// Wall time of the rebuild.
    pub elapsed: Duration,
    /// Warnings to show, as `build` shows them.
    pub warnings: Diagnostics,
}

/// Something that can (re)build the site into [`Rebuilder::output_dir`].
///
/// On error, a rebuilder must leave the output folder as it was, so the
/// last good site keeps being served.
pub trait Rebuilder: Send + 'static {
    /// The folder the site is built into, and served from.
    fn output_dir(&self) -> &Path;
    /// Builds everything.
    fn build_all(&mut self) -> Result<RebuildReport, Diagnostics>;
    /// Rebuilds after a change. `changed` are the (filtered, debounced)
    /// paths that changed, relative or absolute; created, modified,
    /// deleted and renamed alike (both names of a rename). A folder means
    /// everything in it (files written into a new folder at once may have
    /// no events of their own). The site root
    /// itself in the list means anything may have changed (the watcher
    /// lost events). After a failed rebuild, the paths it was for are
    /// passed again with the next batch.
    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics>;
}

/// Rebuilds by running the whole build into `<root>/.gazette/serve`, with
/// `base_url` replaced by the local address (any subpath dropped) so every
/// link works locally. The build's writer leaves unchanged files alone.
#[derive(Debug, Clone)]
pub struct FullRebuilder {
    options: BuildOptions,
    output: PathBuf,
}

impl FullRebuilder {
    /// Builds the site at `root` for serving at `base_url`
    /// (`http://127.0.0.1:1111/`).
    pub fn new(root: &Path, base_url: &str) -> Self {
        let output = root.join(SERVE_OUTPUT);
        FullRebuilder {
            options: BuildOptions {
                root: root.to_path_buf(),
                output: Some(output.clone()),
                base_url: Some(base_url.to_string()),
                drafts: false,
                no_cache: false,
            },
            output,
        }
    }

    /// The options every build runs with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    fn run(&self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let r = build::build(&self.options)?;
        Ok(RebuildReport {
            changed: changed.to_vec(),
            pages_rewritten: r.written,
            elapsed: r.elapsed,
            warnings: r.warnings,
        })
    }
}

impl Rebuilder for FullRebuilder {
    fn output_dir(&self) -> &Path {
        &self.output
    }

    fn build_all(&mut self) -> Result<RebuildReport, Diagnostics> {
        self.run(&[])
    }

    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        self.run(changed)
    }
}

/// Something worth telling the person at the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServeEvent {
    /// The first build succeeded.
    Built(RebuildReport),
    /// The server is ready at this URL.
    Listening(String),
    /// A rebuild after a change succeeded.
    Rebuilt(RebuildReport),
    /// A build failed; the last good site is still served.
    BuildFailed {
        /// The changed paths the build was for (empty for the first build).
        changed: Vec<PathBuf>,
        /// What went wrong.
        diagnostics: Diagnostics,
    },
    /// The file watcher could not start; the server runs without it.
    WatchFailed(Diagnostic),
    /// The server stopped.
    Stopped,
}

/// Receives [`ServeEvent`]s; called from the server's threads.
pub type Reporter = Arc<dyn Fn(&ServeEvent) + Send + Sync>;

/// The terminal lines for an event, with paths shown relative to `root`.
pub fn describe(event: &ServeEvent, root: &Path) -> String {
    match event {
        ServeEvent::Built(r) => format!(
            "{}built the site: {} file{} written in {} ms",
            warnings_text(&r.warnings),
            r.pages_rewritten,
            plural(r.pages_rewritten),
            r.elapsed.as_millis()
        ),
        ServeEvent::Listening(url) => {
            format!("serving the site at {url} (press Ctrl-C to stop)")
        }
        ServeEvent::Rebuilt(r) => format!(
            "{}rebuilt after changes to {}: {} page{} rewritten in {} ms",
            warnings_text(&r.warnings),
            changed_text(&r.changed, root),
            r.pages_rewritten,
            plural(r.pages_rewritten),
            r.elapsed.as_millis()
        ),
        ServeEvent::BuildFailed {
            changed,
            diagnostics,
        } => {
            let n = diagnostics.errors().count();
            let after = if changed.is_empty() {
                String::new()
            } else {
                format!(" after changes to {}", changed_text(changed, root))
            };
            format!(
                "{diagnostics}error: {n} problem{} found{after}; still serving the last good site",
                plural(n)
            )
        }
        ServeEvent::WatchFailed(d) => format!("{d}\nwarning: not watching for changes"),
        ServeEvent::Stopped => "stopped".to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn warnings_text(w: &Diagnostics) -> String {
    w.0.iter().map(|d| format!("{d}\n")).collect()
}

/// `content/a.md, site.toml and 3 more`, relative to the root.
fn changed_text(changed: &[PathBuf], root: &Path) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = changed
        .iter()
        .take(SHOWN)
        .map(|p| match p.strip_prefix(root) {
            Ok(rel) if rel.as_os_str().is_empty() => "the whole site".to_string(),
            Ok(rel) => rel.display().to_string(),
            Err(_) => p.display().to_string(),
        })
        .collect();
    let mut s = names.join(", ");
    if changed.len() > SHOWN {
        s.push_str(&format!(" and {} more", changed.len() - SHOWN));
    }
    s
}

/// A reporter printing [`describe`]'s lines to stderr.
pub fn stderr_reporter(root: &Path) -> Reporter {
    let root = root.to_path_buf();
    Arc::new(move |event| eprintln!("{}", describe(event, &root)))
}

/// How a [`Server`] runs.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The site root: watched, and paths are reported relative to it.
    pub root: PathBuf,
    /// Watch the root and rebuild on change.
    pub watch: bool,
    /// Further files to watch, relative to the root (the corrections file).
    pub watch_files: Vec<PathBuf>,
    /// Stop on Ctrl-C (the command does; tests stop the server themselves).
    pub ctrl_c: bool,
}

impl ServerOptions {
    /// Serves `root` without watching, stopped by [`Server::shutdown`].
    pub fn new(root: &Path) -> Self {
        ServerOptions {
            root: root.to_path_buf(),
            watch: false,
            watch_files: Vec::new(),
            ctrl_c: false,
        }
    }
}

/// A running preview server.
pub struct Server {
    url: String,
    addr: SocketAddr,
    stop: Arc<channel::Sender<bool>>,
    http: Option<JoinHandle<()>>,
    watcher: Option<watch::Watcher>,
    rebuilds: Option<mpsc::Sender<Vec<PathBuf>>>,
    rebuilder: Option<JoinHandle<()>>,
    reporter: Reporter,
}

impl Server {
    /// Builds the site once, then serves it on `listener` and rebuilds on
    /// change. When the first build fails, the error is returned, unless
    /// watching: then the server starts anyway and shows the error overlay
    /// until a change fixes the build.
    pub fn start<R: Rebuilder>(
        mut rebuilder: R,
        listener: TcpListener,
        opts: ServerOptions,
        reporter: Reporter,
    ) -> Result<Server, Diagnostics> {
        let addr = listener
            .local_addr()
            .map_err(|e| Diagnostic::error("cannot read the bound address").cause_chain(&e))?;
        let url = local_url(addr);
        let instance = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let output = rebuilder.output_dir().to_path_buf();
        // Watch before the first build, so a save during it is not lost:
        // its batch waits in the channel for the rebuild loop.
        let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
        let mut watcher = None;
        if opts.watch {
            match start_watcher(&opts, &output, tx.clone()) {
                Ok(w) => watcher = Some(w),
                Err(d) => reporter(&ServeEvent::WatchFailed(d)),
            }
        }
        let mut builds = 0;
        let mut state = LiveState::new(instance, builds);
        let mut pending = Vec::new();
        match catch_panics(|| rebuilder.build_all()) {
            Ok(report) => {
                builds += 1;
                state = LiveState::new(instance, builds);
                reporter(&ServeEvent::Built(report));
            }
            Err(diags) if opts.watch => {
                state.error = Some(Arc::from(reload::overlay_html(&diags)));
                reporter(&ServeEvent::BuildFailed {
                    changed: Vec::new(),
                    diagnostics: diags,
                });
                // The next change, whatever it is, rebuilds everything.
                pending.push(opts.root.clone());
            }
            Err(diags) => return Err(diags),
        }
        let (live_tx, live_rx) = channel::channel(state);
        let (stop_tx, stop_rx) = channel::channel(false);
        let stop_tx = Arc::new(stop_tx);

        let app = http::router(http::AppState {
            output: output.clone(),
            live: live_rx,
            shutdown: stop_rx,
        });
        let http = spawn_http(listener, app, stop_tx.clone(), opts.ctrl_c)?;

        let loop_state = RebuildLoop {
            instance,
            builds,
            pending,
            live: live_tx,
            reporter: reporter.clone(),
        };
        let rebuild_thread = std::thread::Builder::new()
            .name("gazette-rebuild".into())
            .spawn(move || loop_state.run(rebuilder, &rx))
            .map_err(|e| Diagnostic::error("cannot start the rebuild thread").cause_chain(&e))?;

        let server = Server {
            url,
            addr,
            stop: stop_tx,
            http: Some(http),
            watcher,
            rebuilds: Some(tx),
            rebuilder: Some(rebuild_thread),
            reporter: reporter.clone(),
        };
        reporter(&ServeEvent::Listening(server.url.clone()));
        Ok(server)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open, with a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Asks for a rebuild as if the watcher had seen `changed` change.
    pub fn request_rebuild(&self, changed: Vec<PathBuf>) {
        if let Some(tx) = &self.rebuilds {
            let _ = tx.send(changed);
        }
    }

    /// Blocks until the server stops (Ctrl-C, when enabled), then cleans up.
    pub fn wait(mut self) {
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        self.stop_all();
    }

    /// Stops serving and watching, lets a running rebuild finish, and
    /// returns when everything has stopped.
    pub fn shutdown(mut self) {
        self.stop_all();
    }

    fn stop_all(&mut self) {
        self.stop.send_replace(true);
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        // The watcher holds a sender of rebuild requests: stop it first so
        // the rebuild loop sees every sender gone.
        if let Some(w) = self.watcher.take() {
            w.stop();
        }
        self.rebuilds.take();
        if let Some(r) = self.rebuilder.take() {
            let _ = r.join();
            (self.reporter)(&ServeEvent::Stopped);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_all();
    }
}

fn start_watcher(
    opts: &ServerOptions,
    output: &Path,
    tx: mpsc::Sender<Vec<PathBuf>>,
) -> Result<watch::Watcher, Diagnostic> {
    // notify reports paths under the path it was given: give it the
    // canonical root and judge paths against that.
    let root = opts.root.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot watch {}", opts.root.display())).cause_chain(&e)
    })?;
    let mut filter = watch::WatchFilter::new(&root);
    for f in &opts.watch_files {
        filter = filter.watch_file(f);
    }
    filter = filter.ignore(output.canonicalize().unwrap_or_else(|_| root.join(output)));
    watch::spawn(filter, move |batch| {
        let _ = tx.send(batch);
    })
}

/// Runs axum on its own thread and runtime until `stop` turns true or,
/// with `ctrl_c`, until Ctrl-C.
fn spawn_http(
    listener: TcpListener,
    app: axum::Router,
    stop: Arc<channel::Sender<bool>>,
    ctrl_c: bool,
) -> Result<JoinHandle<()>, Diagnostics> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("gazette-http")
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error("cannot start the HTTP server").cause_chain(&e))?;
    let listener = {
        let _in_runtime = runtime.enter();
        listener
            .set_nonblocking(true)
            .and_then(|()| tokio::net::TcpListener::from_std(listener))
            .map_err(|e| Diagnostic::error("cannot start the HTTP server").cause_chain(&e))?
    };
    let thread = std::thread::Builder::new()
        .name("gazette-serve".into())
        .spawn(move || {
            runtime.block_on(async move {
                let mut stopped = stop.subscribe();
                let mut stopped2 = stop.subscribe();
                let server = axum::serve(listener, app).with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                });
                let task = tokio::spawn(async move { server.await });
                tokio::select! {
                    _ = stopped2.wait_for(|s| *s) => {}
                    _ = ctrl_c_signal(ctrl_c) => {}
                }
                // Ends the event streams, so graceful shutdown need not
                // wait for browsers to hang up; bounded all the same.
                stop.send_replace(true);
                let _ = tokio::time::timeout(Duration::from_secs(3), task).await;
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        })
        .map_err(|e| Diagnostic::error("cannot start the HTTP server").cause_chain(&e))?;
    Ok(thread)
}

async fn ctrl_c_signal(enabled: bool) {
    if enabled && tokio::signal::ctrl_c().await.is_ok() {
        return;
    }
    std::future::pending::<()>().await;
}

/// Owns the rebuilder on its own thread: one rebuild at a time, batches
/// that arrive meanwhile merged into the next.
struct RebuildLoop {
    instance: u64,
    builds: u64,
    /// Paths of failed rebuilds, passed again with the next batch.
    pending: Vec<PathBuf>,
    live: channel::Sender<LiveState>,
    reporter: Reporter,
}

impl RebuildLoop {
    fn run<R: Rebuilder>(mut self, mut rebuilder: R, rx: &mpsc::Receiver<Vec<PathBuf>>) {
        // After a panic the rebuilder's own state is suspect: start over.
        let mut full = false;
        while let Ok(batch) = rx.recv() {
            let mut changed = std::mem::take(&mut self.pending);
            for p in batch.into_iter().chain(rx.try_iter().flatten()) {
                if !changed.contains(&p) {
                    changed.push(p);
                }
            }
            let result = if full {
                catch_panics(|| rebuilder.build_all()).map(|mut r| {
                    r.changed = changed.clone();
                    r
                })
            } else {
                catch_panics(|| rebuilder.rebuild(&changed))
            };
            full = false;
            match result {
                // The terminal hears first, then the browsers.
                Ok(report) => {
                    (self.reporter)(&ServeEvent::Rebuilt(report));
                    self.builds += 1;
                    self.live
                        .send_replace(LiveState::new(self.instance, self.builds));
                }
                Err(diagnostics) => {
                    full = diagnostics.0.iter().any(|d| d.message.starts_with(PANIC));
                    let overlay: Arc<str> = Arc::from(reload::overlay_html(&diagnostics));
                    (self.reporter)(&ServeEvent::BuildFailed {
                        changed: changed.clone(),
                        diagnostics,
                    });
                    self.live.send_modify(|s| s.error = Some(overlay));
                    self.pending = changed;
                }
            }
        }
    }
}

const PANIC: &str = "the rebuild crashed";

/// Runs a build, turning a panic (a bug, never bad input) into a
/// diagnostic so the server stays up.
fn catch_panics(
    f: impl FnOnce() -> Result<RebuildReport, Diagnostics>,
) -> Result<RebuildReport, Diagnostics> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Diagnostic::error(format!("{PANIC}: {what}"))
            .cause("this is a bug in gazette; the next change rebuilds everything")
            .into())
    })
}

/// Binds `interface:port`, or the next free port of the following
/// `tries - 1` when it is busy. Port 0 lets the system pick.
pub fn bind(interface: IpAddr, port: u16, tries: u16) -> Result<TcpListener, Diagnostic> {
    let mut last = None;
    let tries = if port == 0 { 1 } else { tries.max(1) };
    for p in (0..tries).map_while(|i| port.checked_add(i)) {
        match TcpListener::bind((interface, p)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some((p, e)),
        }
    }
    let mut d = Diagnostic::error(format!(
        "cannot listen on {interface}: ports {port} to {} are all busy or not allowed",
        port.saturating_add(tries - 1)
    ));
    if let Some((p, e)) = last {
        d = d.cause(format!("port {p}: {e}"));
    }
    Err(d.cause("pick another with --port"))
}

/// The URL to open for a bound address; an unspecified address (`0.0.0.0`)
/// is reached through loopback.
pub fn local_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
    }
}

/// Opens `url` in the default browser, best effort: a missing opener is
/// not an error worth stopping for.
pub fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Ok(mut child) = cmd.spawn() {
        // Reap it in the background so it leaves no zombie.
        std::thread::spawn(move || child.wait());
    }
}

/// Serves the site until Ctrl-C: checks the config, binds a port, builds
/// once into `.gazette/serve` with the local address as `base_url`, then
/// serves and, with `watch`, rebuilds on change.
pub fn serve(opts: &ServeOptions) -> Result<(), Diagnostics> {
    let root = opts.root.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot open the site root {}", opts.root.display()))
            .cause_chain(&e)
    })?;
    let config = Config::load(&root).map_err(Diagnostics)?;
    let listener = bind(opts.interface, opts.port, PORT_TRIES)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("cannot read the bound address").cause_chain(&e))?;
    let rebuilder = crate::rebuild::IncrementalRebuilder::for_serve(&root, &local_url(addr));
    let server_opts = ServerOptions {
        root: root.clone(),
        watch: opts.watch,
        watch_files: config.corrections.iter().map(PathBuf::from).collect(),
        ctrl_c: true,
    };
    let server = Server::start(rebuilder, listener, server_opts, stderr_reporter(&root))?;
    if opts.open {
        open_browser(server.url());
    }
    server.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_rebuilder_serves_the_local_address_from_a_private_folder() {
        let r = FullRebuilder::new(Path::new("/site"), "http://127.0.0.1:1112/");
        assert_eq!(r.output_dir(), Path::new("/site/.gazette/serve"));
        let o = r.options();
        assert_eq!(o.root, Path::new("/site"));
        assert_eq!(o.output.as_deref(), Some(Path::new("/site/.gazette/serve")));
        assert_eq!(o.base_url.as_deref(), Some("http://127.0.0.1:1112/"));
    }

    #[test]
    fn local_urls_reach_the_bound_port() {
        let at = |s: &str| local_url(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(at("0.0.0.0:8080"), "http://127.0.0.1:8080/");
        assert_eq!(at("[::1]:1111"), "http://[::1]:1111/");
        assert_eq!(at("[::]:1111"), "http://[::1]:1111/");
    }

    #[test]
    fn takes_the_next_port_when_the_first_is_busy() {
        let busy = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port();
        let Ok(l) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port, 20) else {
            // Every port after it taken too: vanishingly rare, and not what
            // this test is about.
            return;
        };
        let got = l.local_addr().unwrap().port();
        assert_ne!(got, port);
        assert!(got > port && got < port.saturating_add(20), "{got}");
    }

    #[test]
    fn says_which_ports_were_busy() {
        let busy = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port();
        let e = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port, 1).unwrap_err();
        let s = e.to_string();
        assert!(
            s.starts_with(&format!(
                "cannot listen on 127.0.0.1: ports {port} to {port} are all busy"
            )),
            "{s}"
        );
        assert!(s.contains(&format!("caused by: port {port}: ")), "{s}");
    }

    #[test]
    fn reports_each_rebuild_with_changes_pages_and_time() {
        let root = Path::new("/site");
        let r = RebuildReport {
            changed: vec![
                root.join("content/a.md"),
                "content/b.md".into(),
                root.join("site.toml"),
                root.join("static/x.css"),
                root.join("static/y.css"),
            ],
            pages_rewritten: 1,
            elapsed: Duration::from_millis(42),
            warnings: Diagnostics::new(),
        };
        assert_eq!(
            describe(&ServeEvent::Rebuilt(r), root),
            "rebuilt after changes to content/a.md, content/b.md, site.toml and 2 more: \
             1 page rewritten in 42 ms"
        );
        let whole = RebuildReport {
            changed: vec![root.to_path_buf()],
            pages_rewritten: 7,
            ..RebuildReport::default()
        };
        assert_eq!(
            describe(&ServeEvent::Rebuilt(whole), root),
            "rebuilt after changes to the whole site: 7 pages rewritten in 0 ms"
        );
    }

    #[test]
    fn reports_failures_as_build_prints_them() {
        let diags: Diagnostics = Diagnostic::error("missing field `title`")
            .at("content/a.md")
            .line_col(1, 1)
            .into();
        let e = ServeEvent::BuildFailed {
            changed: vec!["/site/content/a.md".into()],
            diagnostics: diags,
        };
        assert_eq!(
            describe(&e, Path::new("/site")),
            "content/a.md:1:1: missing field `title`\n\
             error: 1 problem found after changes to content/a.md; still serving the last good site"
        );
    }

    #[test]
    fn a_panicking_build_becomes_a_diagnostic() {
        let r = catch_panics(|| panic!("index out of bounds"));
        let d = r.unwrap_err();
        assert!(
            d.0[0]
                .to_string()
                .starts_with("the rebuild crashed: index out of bounds"),
            "{d}"
        );
    }
}
