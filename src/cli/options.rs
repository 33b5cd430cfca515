//! Options shared by `check`, `scan` and `eval`, and the engine they build from the policies.

use crate::{BadInput, Result, value, enum_value, read_file};
use riskhint::semantic::Semantic;
use riskhint::{layer, Date, Engine, Language, Platform, PolicyLayer, Role, Severity};

/// Options shared by check and scan.
#[derive(Default)]
pub(crate) struct Options {
    pub(crate) policy: Option<String>,
    pub(crate) admin_policy: Option<String>,
    pub(crate) role: Role,
    pub(crate) now: Option<Date>,
    pub(crate) reply_to: Option<String>,
    pub(crate) platform: Platform,
    pub(crate) lang: Option<Language>,
    pub(crate) json: bool,
    pub(crate) fail_on: Option<Severity>,
    pub(crate) file: Option<String>,
    /// `--tier fast`: rules and n-gram models only, as before the semantic tier.
    pub(crate) fast_only: bool,
    /// The encoder asset, when not the one ./build.sh writes.
    pub(crate) encoder: Option<String>,
}

pub(crate) fn parse_options(mut args: lexopt::Parser) -> Result<Options> {
    use lexopt::Arg::{Long, Value};
    let mut o = Options::default();
    while let Some(arg) = args.next()? {
        match arg {
            Long("policy") => o.policy = Some(value(&mut args)?),
            Long("admin-policy") => o.admin_policy = Some(value(&mut args)?),
            Long("role") => o.role = enum_value(&mut args, "role")?,
            Long("now") => {
                let text = value(&mut args)?;
                o.now = Some(Date::parse(&text).ok_or(BadInput(format!("--now {text:?} is not a date (YYYY-MM-DD)")))?);
            }
            Long("reply-to") => o.reply_to = Some(value(&mut args)?),
            Long("platform") => o.platform = enum_value(&mut args, "platform")?,
            Long("lang") => o.lang = Some(enum_value(&mut args, "language")?),
            Long("json") => o.json = true,
            Long("tier") => o.fast_only = tier(&mut args)?,
            Long("encoder") => o.encoder = Some(value(&mut args)?),
            Long("fail-on") => {
                o.fail_on = Some(match value(&mut args)?.as_str() {
                    "block" => Severity::Block,
                    "warn" => Severity::Warn,
                    other => return Err(BadInput(format!("--fail-on takes block or warn, not {other:?}"))),
                })
            }
            Value(file) if o.file.is_none() => o.file = Some(file.to_string_lossy().to_string()),
            other => return Err(other.unexpected().into()),
        }
    }
    Ok(o)
}

/// Reads and layers the administrator's and the user's policy; errors name the file, line and field.
pub(crate) fn engine(o: &Options) -> Result<Engine> {
    let load = |path: &Option<String>| -> Result<Option<PolicyLayer>> {
        let Some(path) = path else { return Ok(None) };
        let text = read_file(path)?;
        let layer = PolicyLayer::parse(&text).map_err(|e| BadInput(format!("invalid policy {path}: {e}")))?;
        for warning in &layer.warnings {
            eprintln!("riskhint: warning: policy {path}: {warning}");
        }
        Ok(Some(layer))
    };
    let (admin, user) = (load(&o.admin_policy)?, load(&o.policy)?);
    let layered = layer(admin.as_ref(), user.as_ref());
    for path in &layered.overridden {
        eprintln!("riskhint: note: {path} is locked by the administrator's policy; your value is not used");
    }
    Ok(Engine::from_layered(layered))
}

pub(crate) fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64)
}

/// `--tier fast` or `--tier both`: whether only the fast tier runs.
pub(crate) fn tier(args: &mut lexopt::Parser) -> Result<bool> {
    match value(args)?.as_str() {
        "fast" => Ok(true),
        "both" => Ok(false),
        other => Err(BadInput(format!("--tier takes fast or both, not {other:?}"))),
    }
}

/// The heads trained on the asset `./build.sh` writes (models/semantic/heads.json).
const HEADS: &str = include_str!("../../models/semantic/heads.json");

/// The semantic tier, unless `--tier fast` or its asset is missing (then a note says the fast
/// tier answers alone, and the command goes on).
pub(crate) fn semantic(fast_only: bool, encoder: Option<&str>) -> Option<Semantic> {
    semantic_with_asset(fast_only, encoder).map(|(semantic, _)| semantic)
}

/// [`semantic`] and the asset's bytes.
pub(crate) fn semantic_with_asset(fast_only: bool, encoder: Option<&str>) -> Option<(Semantic, Vec<u8>)> {
    if fast_only {
        return None;
    }
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/target/semantic/encoder.bin").to_string();
    let path = encoder.map(str::to_string).or_else(|| std::env::var("RISKHINT_ENCODER").ok()).unwrap_or(default);
    let loaded = std::fs::read(&path)
        .map_err(|e| format!("cannot read {path}: {e} (./build.sh writes it)"))
        .and_then(|bytes| Ok((Semantic::from_bytes(&bytes, HEADS)?, bytes)));
    match loaded {
        Ok(both) => Some(both),
        Err(e) => {
            eprintln!("riskhint: note: the semantic tier is off ({e}); the fast tier answers alone");
            None
        }
    }
}
