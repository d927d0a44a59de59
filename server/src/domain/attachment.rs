//! What a document attached to a message must be before the service keeps it (OWASP File
//! Upload): one of three types, its bytes what the type says, a PDF without encryption,
//! scripts, launch actions or embedded files, an image that decodes; the name is text to show,
//! never a path. The antivirus comes after these checks, the storage after the antivirus.

use super::text::forbidden_in_line;

/// The largest file kept, in bytes (`--attachment-max-bytes`).
pub const MAX_BYTES: usize = 3 * 1024 * 1024;
/// The most files one message carries (`--attachments-per-message`).
pub const PER_MESSAGE: usize = 3;
/// How long an upload waits for its message before the sweeper deletes it.
pub const ORPHAN_SECONDS: i64 = 24 * 3600;
/// The longest name shown, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The largest picture decoded, per side: a photographed receipt is far smaller, a
/// decompression bomb far larger.
const IMAGE_MAX_SIDE: u32 = 12_000;

/// The three types taken: what a receipt, a statement or a photo of one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Pdf, Kind::Jpeg, Kind::Png];

    /// The type a `Content-Type` header declares (parameters and case ignored).
    pub fn from_content_type(raw: &str) -> Option<Kind> {
        let essence = raw.split(';').next().unwrap_or_default().trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.media_type().eq_ignore_ascii_case(essence))
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Jpeg => "JPG",
            Kind::Png => "PNG",
        }
    }

    /// Whether the first bytes are this type's signature.
    fn signed_by(self, bytes: &[u8]) -> bool {
        match self {
            Kind::Pdf => bytes.starts_with(b"%PDF-"),
            Kind::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Kind::Png => bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        }
    }
}

/// The types said to a person before they choose a file.
pub const TYPES_SENTENCE: &str = "Si possono allegare file PDF, JPG o PNG.";

/// The name as the `X-Filename` header carries it (percent-encoded UTF-8), as it will be shown.
pub fn parse_name(header: &str) -> Result<String, &'static str> {
    let decoded = percent_encoding::percent_decode_str(header)
        .decode_utf8()
        .map_err(|_| "Il nome del file non è leggibile: rinomina il file e riprova.")?;
    let name = decoded.trim();
    if name.is_empty() {
        return Err("Il file deve avere un nome.");
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(
            "Il nome del file può avere al massimo 100 caratteri: rinomina il file e riprova.",
        );
    }
    if name.chars().any(forbidden_in_line) {
        return Err("Il nome del file contiene caratteri non ammessi: rinomina il file e riprova.");
    }
    // A name is shown, never used as a path: whatever looks like one is refused.
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(
            "Il nome del file non può contenere «/», «\\» o «..»: rinomina il file e riprova.",
        );
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
    /// The sentence the person reads, naming the file.
    pub fn message(self, name: &str, kind: Kind) -> String {
        match self {
            Refusal::NotThatType => format!(
                "Il file «{name}» non è un {} valido. {TYPES_SENTENCE}",
                kind.label()
            ),
            Refusal::Encrypted => format!(
                "Il file «{name}» è protetto da password: allegane una copia senza protezione."
            ),
            Refusal::Active => format!(
                "Il file «{name}» contiene script, azioni automatiche o altri file: salvalo come PDF semplice (ad esempio con «Stampa in PDF») e riprova."
            ),
            Refusal::Unreadable => format!(
                "Il file «{name}» non si riesce ad aprire: potrebbe essere danneggiato."
            ),
        }
    }
}

/// Whether `bytes` may be kept as a file of `kind`.
pub fn check(kind: Kind, bytes: &[u8]) -> Result<(), Refusal> {
    if !kind.signed_by(bytes) {
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
        assert_eq!(
            Kind::from_content_type("Application/PDF; charset=binary"),
            Some(Kind::Pdf)
        );
        assert_eq!(Kind::from_content_type("image/gif"), None);
    }
}
