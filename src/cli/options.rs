//! Options shared by `check`, `scan` and `eval`, and the engine they build from the policies.

use crate::{BadInput, Result, value, enum_value, read_file};
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
