//! `cassetto-server`: serves the app and the JSON API.

use clap::Parser;
use server::config::{Command, Config, KeysAction};
use server::jose::Keys;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    keep_big_blocks_out_of_the_heap();
    server::telemetry::init();
    let config = Config::parse();
    if let Some(Command::OidcKeys { action }) = &config.command {
        return keys(action);
    }
    match server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the server stopped");
            eprintln!("Errore: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Each password check (argon2) works in a 19 MiB block. glibc's malloc raises its mmap
/// threshold after the first such block is freed, so later ones come from the heaps of the
/// threads that checked them and stay resident there: a flood of logins left the server at a
/// few hundred MB. A fixed threshold keeps every block over 1 MiB in its own mapping, returned to
/// the system when freed.
fn keep_big_blocks_out_of_the_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before any other thread runs
    // allocations that depend on it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// `oidc-keys generate|public --dir DIR`.
fn keys(action: &KeysAction) -> std::process::ExitCode {
    let done = match action {
        KeysAction::Generate { dir } => Keys::generate(dir).map(|()| {
            eprintln!(
                "Chiavi create in {}: consegna al Trust Anchor l'output di `oidc-keys public`.",
                dir.display()
            );
        }),
        KeysAction::Public { dir } => {
            Keys::load(dir).map(|keys| println!("{}", keys.federation_jwks()))
        }
    };
    match done {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Errore: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
