//! `cassetto-server`: serves the app and the JSON API.

use clap::Parser;
use server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::telemetry::init();
    let config = Config::parse();
    match server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the server stopped");
            eprintln!("Errore: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
