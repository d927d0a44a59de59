//! The antivirus against a real clamd (`scripts/clamd.sh`, run by `make test`, starts one with
//! a database that knows the EICAR test file): EICAR is found, a clean PDF passes, a clamd that
//! is not there is an error and never a clean file.

use server::antivirus::{scan, Clamd, ScanError, Verdict};
use std::time::Duration;

/// The EICAR test file: harmless, and every antivirus reports it.
const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

#[tokio::test]
async fn clamd_finds_eicar_passes_a_clean_file_and_its_absence_is_an_error() {
    let Some(socket) = std::env::var("CLAMD_TEST_SOCKET")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        eprintln!("CLAMD_TEST_SOCKET unset: run through scripts/clamd.sh (make test)");
        return;
    };
    let clamd = Clamd::Socket(socket.into());
    let within = Duration::from_secs(10);
    match scan(&clamd, EICAR, within).await.unwrap() {
        Verdict::Infected(name) => assert!(!name.is_empty()),
        Verdict::Clean => panic!("EICAR passed"),
    }
    // Larger than one chunk, so the stream is sent in several.
    let mut clean = b"%PDF-1.4\n".to_vec();
    clean.extend(std::iter::repeat_n(b'a', 200_000));
    assert_eq!(scan(&clamd, &clean, within).await.unwrap(), Verdict::Clean);

    let gone = Clamd::Socket("/nonexistent/clamd.sock".into());
    assert!(matches!(
        scan(&gone, EICAR, within).await,
        Err(ScanError::Unreachable(_))
    ));
    let closed = Clamd::Address("127.0.0.1:9".into());
    assert!(scan(&closed, EICAR, within).await.is_err());
}
