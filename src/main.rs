use clap::Parser;
use scorebook::cli::{self, Cli, Context};

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    let result = Context::from_args(&args.global).and_then(|ctx| match args.command {
        Some(command) => cli::run(command, &ctx),
        None => scorebook::tui::run(&ctx),
    });
    match result {
        Ok(code) => std::process::ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("scorebook: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
