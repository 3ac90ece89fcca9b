use clap::FromArgMatches;
use scorebook::cli::{self, Cli, help};

fn main() -> std::process::ExitCode {
    // Read while the process has one thread: see `scorebook::clock`.
    scorebook::clock::capture_local_offset();
    // The language is known before parsing so that --help and errors already speak it.
    // The one place argv is read (clippy.toml).
    #[allow(clippy::disallowed_methods)]
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = help::localised_command(help::lang_from_args(&raw)).get_matches_from(raw);
    let args = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result = args.global.context().and_then(|ctx| match args.command {
        Some(cli::Command::Consensus(a)) => scorebook::tui::consensus::run(&a.dir, &ctx),
        Some(command) => cli::run(command, &ctx),
        None => scorebook::tui::run(&ctx),
    });
    match result {
        Ok(code) => std::process::ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            // An error may quote a name from a file: never let it drive the terminal.
            eprintln!(
                "scorebook: {}",
                scorebook::display::shown_block(&format!("{e:#}"))
            );
            std::process::ExitCode::from(2)
        }
    }
}
