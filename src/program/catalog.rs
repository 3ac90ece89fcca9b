//! Every framework and programme the app knows: the editions embedded in the binary, plus files
//! in `<home>/criteria/frameworks/` and `<home>/criteria/programs/` that add or override by id.
//!
//! Loading is pure ([`Catalog::from_sources`]); [`Catalog::load`] and [`read_capped`] are the
//! only file reads, kept here so every caller gets the same overrides and the same size cap.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::framework::Framework;
use crate::framework::error::{DataError, JsonPath, Problem};
use crate::framework::load::{MAX_FILE_BYTES, load_framework};
use crate::program::Program;
use crate::program::load::load_program;

pub use crate::framework::load::content_hash;

/// A problem found while loading the catalogue; the document it concerns is skipped.
pub type Diagnostic = DataError;

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary, by file name.
    Embedded(&'static str),
    /// Read from a file (a home override).
    File(PathBuf),
}

/// A loaded, validated document with its content hash.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub doc: T,
    /// SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of the document.
    pub hash: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub frameworks: Vec<Loaded<Framework>>,
    pub programs: Vec<Loaded<Program>>,
}

/// The bytes of one criteria file and how to name it in errors.
#[derive(Debug, Clone)]
pub struct Source {
    /// As shown in errors: `criteria/frameworks/x.json` for home files.
    pub file: String,
    pub origin: Origin,
    pub bytes: Cow<'static, [u8]>,
}

/// The editions built into the binary: (file name, contents).
pub const EMBEDDED_FRAMEWORKS: &[(&str, &str)] = &[
    (
        "gbt19580-2012.json",
        include_str!("../../criteria/frameworks/gbt19580-2012.json"),
    ),
    (
        "db31t598.json",
        include_str!("../../criteria/frameworks/db31t598.json"),
    ),
];
/// Earlier editions kept so that reviews and sheets scored on them still open and verify: their
/// content hash stays known, while new reviews take the current edition of the id. A file here is
/// never edited: its bytes are its identity.
pub const EMBEDDED_SUPERSEDED: &[(&str, &str)] = &[
    // GB/T 19580-2012 before the 4.7 letters were corrected (r2 drops the lettered
    // 水平·趋势·对比·细分 points and splits 4.7.7 d into 道德 and 公益).
    (
        "gbt19580-2012-r1.json",
        include_str!("../../criteria/frameworks/superseded/gbt19580-2012-r1.json"),
    ),
    // The provisional DB31/T 598 before r2 (factors, bands and points rewritten for a person).
    (
        "db31t598-provisional-r1.json",
        include_str!("../../criteria/frameworks/superseded/db31t598-provisional-r1.json"),
    ),
];
pub const EMBEDDED_PROGRAMS: &[(&str, &str)] = &[(
    "jinshan-2023.json",
    include_str!("../../criteria/programs/jinshan-2023.json"),
)];

fn embedded_sources(list: &[(&'static str, &'static str)], dir: &str) -> Vec<Source> {
    list.iter()
        .map(|(name, text)| Source {
            file: format!("criteria/{dir}/{name}"),
            origin: Origin::Embedded(name),
            bytes: Cow::Borrowed(text.as_bytes()),
        })
        .collect()
}

/// The superseded editions and any problems loading them (the test suite keeps it empty).
fn load_superseded() -> (Vec<Loaded<Framework>>, Vec<Diagnostic>) {
    let mut editions = Vec::new();
    let mut problems = Vec::new();
    for s in embedded_sources(EMBEDDED_SUPERSEDED, "frameworks/superseded") {
        match load_framework(&s.file, &s.bytes) {
            Ok((doc, hash)) => editions.push(Loaded {
                doc,
                hash,
                origin: s.origin,
            }),
            Err(e) => problems.extend(e),
        }
    }
    (editions, problems)
}

/// Every framework edition built into the binary, current and superseded, loaded once. Any
/// catalogue falls back on them by hash: a review or sheet scored on an embedded edition still
/// opens and verifies after a home file replaced that edition (an office's official DB31/T 598
/// over the provisional one) and in a pinned test catalogue alike.
pub fn embedded_editions() -> &'static [Loaded<Framework>] {
    static EDITIONS: std::sync::LazyLock<Vec<Loaded<Framework>>> = std::sync::LazyLock::new(|| {
        let current = Catalog::from_sources(
            embedded_sources(EMBEDDED_FRAMEWORKS, "frameworks"),
            Vec::new(),
        )
        .0
        .frameworks;
        current.into_iter().chain(load_superseded().0).collect()
    });
    &EDITIONS
}

/// How the framework a review names (id and hash) stands in a catalogue.
#[derive(Debug, Clone, Copy)]
pub enum EditionMatch<'c> {
    /// Scored on the edition new reviews use.
    Current(&'c Loaded<Framework>),
    /// Scored on an earlier edition that is still known: the review opens on it, so every score
    /// and every cited requirement keeps its meaning. `current` is the edition new reviews use.
    Superseded {
        scored: &'c Loaded<Framework>,
        current: Option<&'c Loaded<Framework>>,
    },
    /// The hash is known to no edition: at best the review opens on the current edition of its
    /// id, where a cited requirement may be missing or mean something else.
    Unknown {
        current: Option<&'c Loaded<Framework>>,
    },
}

/// What to tell a person who opens a review scored on another edition (版本提示). Worded by
/// `i18n::criteria`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionNotice {
    pub framework: String,
    /// The hash the review was scored on.
    pub scored_hash: String,
    /// The hash of the edition new reviews use, if the id is still known.
    pub current_hash: Option<String>,
    /// Whether the scored edition is known, so the review opens on it unchanged.
    pub scored_known: bool,
}

impl<'c> EditionMatch<'c> {
    /// The edition to open the review on: the one it was scored on when known, else the current.
    pub fn framework(&self) -> Option<&'c Loaded<Framework>> {
        match *self {
            EditionMatch::Current(f) => Some(f),
            EditionMatch::Superseded { scored, .. } => Some(scored),
            EditionMatch::Unknown { current } => current,
        }
    }

    /// A notice unless the review is on the current edition.
    pub fn notice(&self, id: &str, scored_hash: &str) -> Option<EditionNotice> {
        let (current, scored_known) = match *self {
            EditionMatch::Current(_) => return None,
            EditionMatch::Superseded { current, .. } => (current, true),
            EditionMatch::Unknown { current } => (current, false),
        };
        Some(EditionNotice {
            framework: id.to_string(),
            scored_hash: scored_hash.to_string(),
            current_hash: current.map(|c| c.hash.clone()),
            scored_known,
        })
    }
}

/// Reads a file, refusing anything above [`MAX_FILE_BYTES`] without reading it all.
pub fn read_capped(path: &Path, file: &str) -> Result<Vec<u8>, Diagnostic> {
    let fail = |problem| DataError::new(file, None, JsonPath::root(), problem);
    let io = |e: std::io::Error| fail(Problem::Io(e.to_string()));
    let handle = std::fs::File::open(path).map_err(io)?;
    let meta = handle.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(fail(Problem::NotAFile));
    }
    let too_large = |size| {
        fail(Problem::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        })
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The `*.json` files of `<home>/criteria/<dir>`, in name order. A missing folder is no error.
pub fn home_sources(home: &Path, dir: &str) -> (Vec<Source>, Vec<Diagnostic>) {
    let folder = home.join("criteria").join(dir);
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (sources, problems),
        Err(e) => {
            let file = format!("criteria/{dir}");
            problems.push(DataError::new(
                &file,
                None,
                JsonPath::root(),
                Problem::Io(e.to_string()),
            ));
            return (sources, problems);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let file = format!("criteria/{dir}/{name}");
        match read_capped(&path, &file) {
            Ok(bytes) => sources.push(Source {
                file,
                origin: Origin::File(path.clone()),
                bytes: Cow::Owned(bytes),
            }),
            Err(e) => problems.push(e),
        }
    }
    (sources, problems)
}

/// Adds `loaded` to `list`: replaces an embedded document of the same id, refuses a second
/// file claiming an id another file already took.
fn place<T>(
    list: &mut Vec<Loaded<T>>,
    loaded: Loaded<T>,
    file: &str,
    id_of: fn(&T) -> &str,
    problems: &mut Vec<Diagnostic>,
) {
    let id = id_of(&loaded.doc).to_string();
    match list.iter_mut().find(|l| id_of(&l.doc) == id) {
        None => list.push(loaded),
        Some(l) => match &l.origin {
            Origin::Embedded(_) if matches!(loaded.origin, Origin::File(_)) => *l = loaded,
            other => {
                let other = match other {
                    Origin::Embedded(name) => format!("criteria/{name}"),
                    Origin::File(p) => p.display().to_string(),
                };
                problems.push(DataError::new(
                    file,
                    None,
                    JsonPath::root().key("id"),
                    Problem::DuplicateDocument { id, other },
                ));
            }
        },
    }
}

impl Catalog {
    /// The embedded editions only. The test suite checks they are valid; an invalid one is left
    /// out (see [`Catalog::embedded_checked`] for the reasons).
    pub fn embedded() -> Catalog {
        Catalog::embedded_checked().0
    }

    /// The embedded editions and any problems with them, superseded editions included.
    pub fn embedded_checked() -> (Catalog, Vec<Diagnostic>) {
        let (catalog, mut problems) = Catalog::from_sources(
            embedded_sources(EMBEDDED_FRAMEWORKS, "frameworks"),
            embedded_sources(EMBEDDED_PROGRAMS, "programs"),
        );
        problems.extend(load_superseded().1);
        (catalog, problems)
    }

    /// Embedded editions plus `<home>/criteria/{frameworks,programs}/*.json`. Invalid files are
    /// reported and skipped; the app goes on with what is valid.
    pub fn load(home: &Path) -> (Catalog, Vec<Diagnostic>) {
        let mut frameworks = embedded_sources(EMBEDDED_FRAMEWORKS, "frameworks");
        let mut programs = embedded_sources(EMBEDDED_PROGRAMS, "programs");
        let (f, mut problems) = home_sources(home, "frameworks");
        let (p, more) = home_sources(home, "programs");
        problems.extend(more);
        frameworks.extend(f);
        programs.extend(p);
        let (catalog, more) = Catalog::from_sources(frameworks, programs);
        problems.extend(more);
        (catalog, problems)
    }

    /// Loads frameworks first, so programmes are checked against the frameworks that loaded.
    /// Later sources override earlier embedded ones with the same id.
    pub fn from_sources(
        frameworks: Vec<Source>,
        programs: Vec<Source>,
    ) -> (Catalog, Vec<Diagnostic>) {
        let mut c = Catalog::default();
        let mut problems = Vec::new();
        for s in frameworks {
            match load_framework(&s.file, &s.bytes) {
                Ok((doc, hash)) => {
                    let loaded = Loaded {
                        doc,
                        hash,
                        origin: s.origin,
                    };
                    place(&mut c.frameworks, loaded, &s.file, |f| &f.id, &mut problems);
                }
                Err(e) => problems.extend(e),
            }
        }
        let ids: Vec<String> = c.frameworks.iter().map(|f| f.doc.id.clone()).collect();
        let exists = |id: &str| ids.iter().any(|known| known == id);
        for s in programs {
            match load_program(&s.file, &s.bytes, &exists) {
                Ok((doc, hash)) => {
                    let loaded = Loaded {
                        doc,
                        hash,
                        origin: s.origin,
                    };
                    place(&mut c.programs, loaded, &s.file, |p| &p.id, &mut problems);
                }
                Err(e) => problems.extend(e),
            }
        }
        (c, problems)
    }

    pub fn framework(&self, id: &str) -> Option<&Loaded<Framework>> {
        self.frameworks.iter().find(|f| f.doc.id == id)
    }

    /// The edition with this content hash: one of this catalogue, else any built-in edition.
    pub fn framework_by_hash(&self, hash: &str) -> Option<&Loaded<Framework>> {
        self.frameworks
            .iter()
            .find(|f| f.hash == hash)
            .or_else(|| embedded_editions().iter().find(|f| f.hash == hash))
    }

    /// The notice owed to a person opening a review scored on framework `id` with content hash
    /// `hash`, or `None` when that is the current edition.
    pub fn edition_notice(&self, id: &str, hash: &str) -> Option<EditionNotice> {
        self.edition_of(id, hash).notice(id, hash)
    }

    /// How a review scored on framework `id` with content hash `hash` stands here.
    pub fn edition_of(&self, id: &str, hash: &str) -> EditionMatch<'_> {
        let current = self.framework(id);
        match self.framework_by_hash(hash) {
            Some(f) if current.is_some_and(|c| c.hash == f.hash) => EditionMatch::Current(f),
            Some(f) if f.doc.id == id => EditionMatch::Superseded { scored: f, current },
            _ => EditionMatch::Unknown { current },
        }
    }

    pub fn program(&self, id: &str) -> Option<&Loaded<Program>> {
        self.programs.iter().find(|p| p.doc.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, sub: &str, name: &str, text: &str) {
        let d = dir.join("criteria").join(sub);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(name), text).unwrap();
    }

    #[test]
    fn embedded_catalog_loads_without_problems() {
        let (c, problems) = Catalog::embedded_checked();
        assert_eq!(problems, vec![], "embedded criteria are invalid");
        let f = c.framework("gbt19580-2012").unwrap();
        assert_eq!(f.hash.len(), 64);
        assert!(c.framework("db31t598").is_some());
        assert!(c.program("jinshan-2023").is_some());
        assert_eq!(
            c.framework_by_hash(&f.hash).unwrap().doc.id,
            "gbt19580-2012"
        );
    }

    #[test]
    fn home_files_override_by_id_and_bad_ones_are_skipped() {
        let home = tempfile::tempdir().unwrap();
        let (embedded, _) = Catalog::embedded_checked();
        let original = embedded.framework("db31t598").unwrap();
        let mut changed = original.doc.clone();
        changed.edition = "2099".into();
        write(
            home.path(),
            "frameworks",
            "a-override.json",
            &serde_json::to_string_pretty(&changed).unwrap(),
        );
        write(
            home.path(),
            "frameworks",
            "b-same-id.json",
            &serde_json::to_string(&changed).unwrap(),
        );
        write(
            home.path(),
            "frameworks",
            "c-broken.json",
            "{\n  \"format\": 1,\n",
        );
        write(home.path(), "frameworks", "notes.txt", "not criteria");
        let mut program = embedded.program("jinshan-2023").unwrap().doc.clone();
        program.id = "other-2024".into();
        program.tracks[0].framework = "missing".into();
        write(
            home.path(),
            "programs",
            "other.json",
            &serde_json::to_string_pretty(&program).unwrap(),
        );

        let (c, problems) = Catalog::load(home.path());
        let f = c.framework("db31t598").unwrap();
        assert_eq!(f.doc.edition, "2099");
        assert!(matches!(f.origin, Origin::File(_)));
        assert_ne!(f.hash, original.hash);
        assert_eq!(c.frameworks.len(), embedded.frameworks.len());
        assert!(c.program("other-2024").is_none());
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(
            text[0].starts_with(
                "criteria/frameworks/b-same-id.json: $.id: id \"db31t598\" is also defined by"
            ),
            "{text:#?}"
        );
        assert!(
            text[1].starts_with(
                "criteria/frameworks/c-broken.json:2: $.format: invalid type: integer `1`"
            ),
            "{text:#?}"
        );
        assert!(
            text[2].starts_with("criteria/programs/other.json:"),
            "{text:#?}"
        );
        assert!(
            text[2].contains("$.tracks[0].framework: no framework with id \"missing\" is known"),
            "{text:#?}"
        );
    }
}
