//! gazette: a static site generator for news archives.
//!
//! The pipeline, one module per stage, each returning a new value:
//!
//! ```text
//! content/*.txt --source--> SourceFile --ingest--> Entry ---+
//! content/*.md  --source--> SourceFile --load----> Entry ---+--paths--> (Entry, path)
//! (Entry, path)* --site--> Site --render--> Page* --write--> public/ (atomically)
//! ```
//!
//! [`build::build`] runs the whole pipeline; [`serve`] reruns the parts a
//! change touches.
#![warn(clippy::print_stdout)]

pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod diag;
pub mod entry;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod init;
pub mod load;
pub mod markdown;
pub mod paths;
pub mod rebuild;
pub mod render;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme;
pub mod write;
