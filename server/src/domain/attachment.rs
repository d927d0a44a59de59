//! What a document attached to a message must be before the service keeps it (OWASP File
//! Upload): one of three types, its bytes what the type says, a PDF without encryption,
//! scripts, launch actions or embedded files, an image that decodes; the name is text to show,
//! never a path. The antivirus comes after these checks, the storage after the antivirus.

use super::limits::{check as check_window, wait_in_words, Exceeded, Recent, DAY};
use super::text::forbidden_in_line;
use api::Instant;
use catalogue::{t, Text};

/// The largest file kept, in bytes (`--attachment-max-bytes`).
pub const MAX_BYTES: usize = 3 * 1024 * 1024;
/// The most files one message carries (`--attachments-per-message`).
pub const PER_MESSAGE: usize = 3;
/// How long an upload waits for its message before the sweeper deletes it.
pub const ORPHAN_SECONDS: i64 = 24 * 3600;
/// Files uploaded for one contributor (by them or by an intermediary for them) in 24 hours:
/// more than any settled thread needs, few enough that nobody fills the database.
pub const UPLOADS_PER_DAY: i64 = 30;
/// Bytes of attachments one thread holds, sent and pending.
pub const THREAD_MAX_BYTES: i64 = 30 * 1024 * 1024;
/// The longest name shown, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The largest picture decoded, per side: a photographed receipt is far smaller, a
/// decompression bomb far larger.
const IMAGE_MAX_SIDE: u32 = 12_000;

/// The three types taken, by the wire's own enum: what a receipt, a statement or a photo of
/// one is.
pub use api::AttachmentType as Kind;

/// The type a `Content-Type` header declares (parameters and case ignored).
pub fn kind_of(content_type: &str) -> Option<Kind> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    Kind::ALL
        .iter()
        .copied()
        .find(|k| k.code().eq_ignore_ascii_case(essence))
}

/// Whether the first bytes are the type's signature.
fn signed_by(kind: Kind, bytes: &[u8]) -> bool {
    match kind {
        Kind::Pdf => bytes.starts_with(b"%PDF-"),
        Kind::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        Kind::Png => bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
    }
}

/// The name as the `X-Filename` header carries it (percent-encoded UTF-8), as it will be shown.
pub fn parse_name(header: &str) -> Result<String, Text> {
    let decoded = percent_encoding::percent_decode_str(header)
        .decode_utf8()
        .map_err(|_| t::attachment_name_unreadable())?;
    let name = decoded.trim();
    if name.is_empty() {
        return Err(t::attachment_name_empty());
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(t::attachment_name_too_long(NAME_MAX_CHARS));
    }
    if name.chars().any(forbidden_in_line) {
        return Err(t::attachment_name_forbidden());
    }
    // A name is shown, never used as a path: whatever looks like one is refused.
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(t::attachment_name_path());
    }
    Ok(name.to_string())
}

/// Why the bytes of a file were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The bytes are not of the type declared.
    NotThatType,
    /// A PDF protected by a password: nobody at the office could read it.
    Encrypted,
    /// A PDF that runs something: JavaScript, a launch action, an embedded file.
    Active,
    /// Not a readable file of its type.
    Unreadable,
}

impl Refusal {
    /// The code the API answers with.
    pub fn code(self) -> api::ErrorCode {
        match self {
            Refusal::NotThatType => api::ErrorCode::AttachmentWrongType,
            Refusal::Encrypted => api::ErrorCode::AttachmentEncrypted,
            Refusal::Active => api::ErrorCode::AttachmentActiveContent,
            Refusal::Unreadable => api::ErrorCode::AttachmentUnreadable,
        }
    }

    /// The sentence the person reads, naming the file.
    pub fn message(self, name: &str, kind: Kind) -> Text {
        match self {
            Refusal::NotThatType => t::attachment_not_that_type(name, kind.label()),
            Refusal::Encrypted => t::attachment_encrypted(name),
            Refusal::Active => t::attachment_active(name),
            Refusal::Unreadable => t::attachment_unreadable(name),
        }
    }
}

/// The limits set at start (`--attachment-max-bytes`, `--attachments-per-message`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub per_message: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: MAX_BYTES,
            per_message: PER_MESSAGE,
        }
    }
}

impl Limits {
    /// As the API says them (`CommunicationDetail.attachment_limits`), with their sentences.
    pub fn wire(self) -> api::AttachmentLimits {
        api::AttachmentLimits {
            max_bytes: self.max_bytes as u64,
            per_message: self.per_message as u32,
        }
    }
}

/// What is already held where a new file would go, counted under the contributor's and the
/// thread's locks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Held {
    /// The uploader's files in the thread not yet sent with a message.
    pub pending: usize,
    /// Bytes of every attachment of the thread, sent or pending.
    pub thread_bytes: i64,
    /// Files uploaded for the thread's contributor in the last 24 hours (their side only).
    pub contributor_today: Recent,
}

/// Why there is no room for one more file.
#[derive(Debug, PartialEq, Eq)]
pub enum NoRoom {
    /// The message would carry more files than allowed (409).
    Message(Text),
    /// The thread would hold more bytes than allowed (409).
    Thread(Text),
    /// The contributor's files of the day (429).
    Day(Exceeded),
}

/// Whether one more file of `size` bytes fits: the message's count, the thread's bytes, and,
/// for the contributor's side (`counted`), the files of the day.
pub fn room(
    limits: Limits,
    held: Held,
    size: i64,
    counted: bool,
    now: Instant,
    language: api::Language,
) -> Result<(), NoRoom> {
    if held.pending >= limits.per_message {
        return Err(NoRoom::Message(t::attachment_message_full(
            limits.per_message,
        )));
    }
    if held.thread_bytes + size > THREAD_MAX_BYTES {
        return Err(NoRoom::Thread(t::attachment_thread_full(
            super::speech::size(language, held.thread_bytes.max(0) as u64),
        )));
    }
    if counted {
        check_window(held.contributor_today, UPLOADS_PER_DAY, DAY, now).map_err(|wait| {
            NoRoom::Day(Exceeded {
                code: api::ErrorCode::TooManyUploads,
                message: t::attachment_day_full(UPLOADS_PER_DAY, wait_in_words(wait)),
                retry_after: wait,
            })
        })?;
    }
    Ok(())
}

/// Whether `bytes` may be kept as a file of `kind`.
pub fn check(kind: Kind, bytes: &[u8]) -> Result<(), Refusal> {
    if !signed_by(kind, bytes) {
        return Err(Refusal::NotThatType);
    }
    match kind {
        Kind::Pdf => check_pdf(bytes),
        Kind::Jpeg => check_image(bytes, image::ImageFormat::Jpeg),
        Kind::Png => check_image(bytes, image::ImageFormat::Png),
    }
}

fn check_pdf(bytes: &[u8]) -> Result<(), Refusal> {
    let encrypted_hint = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if encrypted_hint => return Err(Refusal::Encrypted),
        Err(_) => return Err(Refusal::Unreadable),
    };
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(Refusal::Encrypted);
    }
    if doc.trailer.iter().any(|(_, o)| active(o, 0)) || doc.objects.values().any(|o| active(o, 0)) {
        return Err(Refusal::Active);
    }
    Ok(())
}

/// Whether an object, or anything written inside it, runs something when the file is opened.
fn active(object: &lopdf::Object, depth: u8) -> bool {
    use lopdf::Object;
    // Objects nest only as deep as someone writes them: past this, refuse rather than recurse.
    if depth > 32 {
        return true;
    }
    let dictionary = |d: &lopdf::Dictionary| {
        let name_is = |key: &[u8], values: &[&[u8]]| {
            d.get(key)
                .ok()
                .and_then(|o| o.as_name().ok())
                .is_some_and(|n| values.contains(&n))
        };
        d.iter().any(|(key, _)| {
            matches!(
                key.as_slice(),
                b"JS" | b"JavaScript" | b"EmbeddedFiles" | b"EmbeddedFile" | b"RichMedia" | b"XFA"
            )
        }) || name_is(
            b"S",
            &[b"JavaScript", b"Launch", b"ImportData", b"RichMediaExecute"],
        ) || name_is(b"Type", &[b"EmbeddedFile"])
            || d.iter().any(|(_, o)| active(o, depth + 1))
    };
    match object {
        Object::Dictionary(d) => dictionary(d),
        Object::Stream(s) => dictionary(&s.dict),
        Object::Array(items) => items.iter().any(|o| active(o, depth + 1)),
        _ => false,
    }
}

fn check_image(bytes: &[u8], format: image::ImageFormat) -> Result<(), Refusal> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(IMAGE_MAX_SIDE);
    limits.max_image_height = Some(IMAGE_MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map(|_| ()).map_err(|_| Refusal::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object, Stream};

    /// A one-page PDF; `catalog_extra` is written into its catalogue, `encrypt` adds an
    /// encryption dictionary to the trailer.
    fn pdf(catalog_extra: Option<(&str, Object)>, encrypt: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if let Some((key, value)) = catalog_extra {
            catalog.set(key, value);
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        if encrypt {
            let e = doc.add_object(dictionary! { "Filter" => "Standard", "V" => 1, "R" => 2 });
            doc.trailer.set("Encrypt", e);
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(4, 3)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(4, 3)
            .write_to(
                &mut std::io::Cursor::new(&mut out),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        out
    }

    #[test]
    fn a_plain_pdf_and_real_pictures_are_kept() {
        assert_eq!(check(Kind::Pdf, &pdf(None, false)), Ok(()));
        assert_eq!(check(Kind::Png, &png()), Ok(()));
        assert_eq!(check(Kind::Jpeg, &jpeg()), Ok(()));
    }

    #[test]
    fn bytes_of_another_type_are_refused_whatever_the_header_says() {
        assert_eq!(check(Kind::Pdf, &png()), Err(Refusal::NotThatType));
        assert_eq!(check(Kind::Png, &jpeg()), Err(Refusal::NotThatType));
        assert_eq!(
            check(Kind::Jpeg, b"MZ\x90\x00 an executable"),
            Err(Refusal::NotThatType)
        );
        let mut broken = png();
        broken.truncate(20);
        assert_eq!(check(Kind::Png, &broken), Err(Refusal::Unreadable));
        assert_eq!(
            check(Kind::Pdf, b"%PDF-1.7 and nothing else"),
            Err(Refusal::Unreadable)
        );
    }

    #[test]
    fn a_pdf_that_runs_something_or_hides_a_file_or_a_password_is_refused() {
        let script =
            dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") };
        assert_eq!(
            check(Kind::Pdf, &pdf(Some(("OpenAction", script.into())), false)),
            Err(Refusal::Active)
        );
        let launch = dictionary! { "S" => "Launch", "F" => Object::string_literal("cmd.exe") };
        assert_eq!(
            check(Kind::Pdf, &pdf(Some(("OpenAction", launch.into())), false)),
            Err(Refusal::Active)
        );
        let names =
            dictionary! { "EmbeddedFiles" => dictionary! { "Names" => Vec::<Object>::new() } };
        assert_eq!(
            check(Kind::Pdf, &pdf(Some(("Names", names.into())), false)),
            Err(Refusal::Active)
        );
        assert_eq!(check(Kind::Pdf, &pdf(None, true)), Err(Refusal::Encrypted));
    }

    #[test]
    fn a_fourth_file_a_full_thread_and_a_busy_day_find_no_room() {
        let limits = Limits::default();
        let now = Instant(1_000_000);
        let held = |pending, thread_bytes, n| Held {
            pending,
            thread_bytes,
            contributor_today: Recent {
                n,
                oldest: Some(now - 3600),
            },
        };
        assert_eq!(
            room(limits, held(2, 0, 29), 1000, true, now, api::Language::It),
            Ok(())
        );
        assert!(matches!(
            room(limits, held(3, 0, 0), 1000, true, now, api::Language::It),
            Err(NoRoom::Message(_))
        ));
        assert!(matches!(
            room(
                limits,
                held(0, THREAD_MAX_BYTES - 999, 0),
                1000,
                true,
                now,
                api::Language::It
            ),
            Err(NoRoom::Thread(_))
        ));
        match room(
            limits,
            held(0, 0, UPLOADS_PER_DAY),
            1000,
            true,
            now,
            api::Language::It,
        ) {
            Err(NoRoom::Day(e)) => assert_eq!(e.retry_after, DAY - 3600),
            other => panic!("{other:?}"),
        }
        // The office's answers are not counted against the contributor's day.
        assert_eq!(
            room(
                limits,
                held(0, 0, UPLOADS_PER_DAY),
                1000,
                false,
                now,
                api::Language::It
            ),
            Ok(())
        );
    }

    #[test]
    fn a_name_is_text_to_show_never_a_path() {
        assert_eq!(
            parse_name("quietanza%20F24%20%E2%80%93%202023.pdf").as_deref(),
            Ok("quietanza F24 – 2023.pdf")
        );
        assert!(parse_name("..%2F..%2Fetc%2Fpasswd").is_err());
        assert!(parse_name("C:%5Cfoto.jpg").is_err());
        assert!(
            parse_name("fattura%E2%80%AEfdp.exe").is_err(),
            "a right-to-left override"
        );
        assert!(parse_name("a%0Ab.pdf").is_err());
        assert!(parse_name("%FF%FE").is_err(), "not UTF-8");
        assert!(parse_name("%20%20").is_err());
        assert!(parse_name(&"a".repeat(101)).is_err());
        assert_eq!(kind_of("Application/PDF; charset=binary"), Some(Kind::Pdf));
        assert_eq!(kind_of("image/gif"), None);
    }
}
