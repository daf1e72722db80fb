//! The `mdbook-training` command: build, check and serve training books, and mdBook's
//! preprocessor protocol when called without a subcommand.

mod cli;

use clap::{CommandFactory, Parser, Subcommand};
use mdbook_training::build::BuildOptions;
use mdbook_training::preprocessors::{self, training::TrainingPreprocessor};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mdbook-training",
    version,
    about = "Interactive training modules from mdBook books"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tells mdBook whether a renderer is supported (exit 0) or not (exit 1).
    Supports { renderer: String },
    /// Builds the site into DIR (default: the book's build-dir); a failed build leaves DIR as it was.
    Build {
        /// The book's folder, holding book.toml.
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Where to put the site.
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
        /// Build only these translations (po/LANG.po) beside the source; all of them by default.
        #[arg(long = "lang", value_name = "LANG")]
        languages: Vec<String>,
        /// Print only warnings and errors.
        #[arg(long, short)]
        quiet: bool,
        /// Replace DIR even when it holds files that mdbook-training did not build.
        #[arg(long)]
        force: bool,
    },
    /// Runs every check of a build and writes nothing; exit 0 when clean.
    Check {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Instead, check a built site: every internal link and anchor, in every edition.
        #[arg(long, value_name = "DIR")]
        site: Option<PathBuf>,
    },
    /// Writes a new working module into DIR (empty or new), or adds what mdbook-training needs
    /// to the book in DIR; run twice, it changes nothing.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write a library of modules (library.toml and a first module) instead.
        #[arg(long)]
        library: bool,
    },
    /// Turns a Meta-Wiki draft page, as text copied from the wiki, into a book.
    Import {
        /// The draft's text.
        draft: PathBuf,
        /// The book folder to create or update.
        #[arg(long, value_name = "BOOK")]
        into: PathBuf,
        /// Overwrite files the author changed since the last import.
        #[arg(long)]
        force: bool,
        /// Discussion page address for book.toml (`{id}` and `{title}` are replaced).
        #[arg(long, value_name = "URL")]
        discussion_url: Option<String>,
    },
    /// Previews the site on 127.0.0.1, rebuilding and reloading when a source changes.
    Serve {
        #[arg(default_value = ".")]
        book: PathBuf,
        #[arg(long, short, default_value_t = 3000)]
        port: u16,
        /// Preview only these translations (po/LANG.po) beside the source; all of them by default.
        #[arg(long = "lang", value_name = "LANG")]
        languages: Vec<String>,
    },
    /// Prints the size of each edition's search index, raw and gzipped, against mdBook's own.
    SearchSize {
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Translation: the message template, merging it into translations, their status.
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Packages for learning platforms, made from the same sources as the site.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Subcommand)]
enum ExportCommand {
    /// One SCORM package (a zip) per edition: NAME-LANG-scorm12.zip or -scorm2004.zip.
    Scorm {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// The SCORM version: 1.2 (every platform takes it) or 2004.
        #[arg(long, value_name = "VERSION", default_value = "1.2")]
        scorm: String,
        /// Package only these translations (po/LANG.po) beside the source; all by default.
        #[arg(long = "lang", value_name = "LANG")]
        languages: Vec<String>,
        /// Where the packages go (default: the book's export/ folder).
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
    },
    /// One Open edX course (a .tar.gz for Studio's import) per edition: NAME-LANG-olx.tar.gz.
    Olx {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Export only these translations (po/LANG.po) beside the source; all by default.
        #[arg(long = "lang", value_name = "LANG")]
        languages: Vec<String>,
        /// Where the courses go (default: the book's export/ folder).
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Writes po/messages.pot: every message of the book and the interface.
    Extract {
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Merges the template into every po/LANG.po, keeping translations; changed ones become fuzzy.
    Update {
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Per language: translated, fuzzy and untranslated messages, as counts and percent.
    Status {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        // mdBook sends its JSON through a pipe; a person at a terminal gets the help instead.
        None if std::io::stdin().is_terminal() => {
            let _ = Cli::command().print_help();
            return ExitCode::from(2);
        }
        None => return preprocessors::handle_preprocessing(&TrainingPreprocessor::for_mdbook()),
        Some(Command::Supports { renderer }) => {
            return preprocessors::supports(&TrainingPreprocessor::default(), &renderer);
        }
        Some(Command::Build {
            book,
            dest,
            languages,
            quiet,
            force,
        }) => cli::build::run(
            &book,
            &BuildOptions {
                dest,
                languages,
                force,
            },
            quiet,
        ),
        Some(Command::Check {
            site: Some(site), ..
        }) => cli::check::run_site(&site),
        Some(Command::Check { book, site: None }) => cli::check::run(&book),
        Some(Command::Init {
            dir,
            library: false,
        }) => cli::init::run(&dir),
        Some(Command::Init { dir, library: true }) => cli::init::run_library(&dir),
        Some(Command::Import {
            draft,
            into,
            force,
            discussion_url,
        }) => cli::import::run(&draft, &into, force, discussion_url),
        Some(Command::Serve {
            book,
            port,
            languages,
        }) => cli::serve::run(&book, port, &languages),
        Some(Command::SearchSize { book }) => cli::search_size::run(&book),
        Some(Command::I18n(I18nCommand::Extract { book })) => {
            cli::i18n::on_each_module(&book, cli::i18n::extract)
        }
        Some(Command::I18n(I18nCommand::Update { book })) => {
            cli::i18n::on_each_module(&book, cli::i18n::update)
        }
        Some(Command::I18n(I18nCommand::Status { book, json })) => {
            cli::i18n::status_report(&book, json)
        }
        Some(Command::Export(ExportCommand::Scorm {
            book,
            scorm,
            languages,
            dest,
        })) => cli::export::run_scorm(&book, &scorm, languages, dest),
        Some(Command::Export(ExportCommand::Olx {
            book,
            languages,
            dest,
        })) => cli::export::run_olx(&book, languages, dest),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
