//! The engine for JavaScript (the extension's service worker). Strings cross as JSON; every span
//! leaves in UTF-16 code units, which is what a JavaScript string indexes. Nothing else lives here.

use crate::json::{self, Offsets};
use crate::policy::PolicyLayer;
use crate::semantic::Semantic;
use crate::Engine;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Runs once, when the worker instantiates the module: from then on a panic writes its message and
/// where it happened to the console (`console.error`) before the instance traps, instead of leaving
/// only a bare "unreachable" RuntimeError to go on.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Panics with `message`, so that a test can see the panic reach the console with its message
/// (`tests/unit/panic-hook.test.mjs`). The extension never calls it.
#[doc(hidden)]
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}

/// Checks a policy's JSON text (comments allowed) without applying it: `{"ok": true, "policy":
/// <the fields as written, comments stripped>, "warnings": [error]}`
/// or `{"ok": false, "line", "column", "path", "message"}` (the options page reads, validates and
/// imports policies with it). A warning is a refused custom rule, in the same form as an error.
#[wasm_bindgen]
pub fn validate_policy(text: &str) -> String {
    match PolicyLayer::parse(text) {
        Ok(layer) => json!({"ok": true, "policy": layer.as_written(), "warnings": json::warnings(None, &layer)}).to_string(),
        Err(e) => json::rejected(None, &e).to_string(),
    }
}

/// Which of `paths` (a JSON array of dotted policy paths, e.g. `["organization.names",
/// "rules.CONF001"]`) the administrator's policy `admin` locks, by the engine's own rule: a JSON
/// array of those paths. The options page disables exactly these fields; an unreadable policy
/// locks nothing (the worker reports it).
#[wasm_bindgen]
pub fn locked_fields(admin: &str, paths: &str) -> String {
    let (Ok(policy), Ok(paths)) = (crate::policy::Policy::parse(admin), serde_json::from_str::<Vec<String>>(paths)) else {
        return "[]".to_owned();
    };
    json!(paths.iter().filter(|path| policy.is_locked(path)).collect::<Vec<_>>()).to_string()
}

/// A compiled policy, ready to check drafts and classify posts.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
    /// The semantic tier, once the worker has loaded its asset.
    semantic: Option<Semantic>,
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

#[wasm_bindgen]
impl Checker {
    /// A checker with the built-in defaults only (no organisation).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        Checker { engine: Engine::default(), semantic: None }
    }

    /// Layers the administrator's policy, the user's policy, the settings the user made outside it
    /// (a policy layer too, e.g. `{"crisis": {"active": true}}` from the popup) and the rules the
    /// user turned off. Returns `{"ok": true, "overridden": [paths], "locked": [the administrator's
    /// locked paths], "crisis_active": bool, "warnings": [{"layer", "line", "column", "path",
    /// "message"}: custom rules refused and not used]}`, or
    /// `{"ok": false, "layer": "admin"|"user"|"settings", "line", "column", "path", "message"}`
    /// with the policy in force unchanged.
    pub fn configure(&mut self, admin: Option<String>, user: Option<String>, settings: Option<String>, rules_off: Vec<String>) -> String {
        let (engine, outcome) = json::configure(admin.as_deref(), user.as_deref(), settings.as_deref(), &rules_off);
        if let Some(engine) = engine {
            self.engine = engine;
        }
        outcome
    }

    /// Loads the semantic tier: the encoder asset's bytes and its heads' JSON. Returns
    /// `{"ok": true}` or `{"ok": false, "message"}` (then the fast tier answers alone, as before).
    pub fn load_semantic(&mut self, asset: &[u8], heads: &str) -> String {
        match Semantic::from_bytes(asset, heads) {
            Ok(semantic) => {
                self.semantic = Some(semantic);
                json!({"ok": true}).to_string()
            }
            Err(message) => json!({"ok": false, "message": message}).to_string(),
        }
    }

    /// Whether the semantic tier is loaded.
    pub fn has_semantic(&self) -> bool {
        self.semantic.is_some()
    }

    /// Checks a draft with the fast tier. `request` is a [`json::DraftRequest`] as JSON. Returns
    /// the report as JSON, or `{"error": "…"}` for a request that cannot be read.
    pub fn check_draft(&self, text: &str, request: &str) -> String {
        json::check_draft(&self.engine, None, text, request, Offsets::Utf16)
    }

    /// [`Checker::check_draft`] with both tiers: the fast tier's report refined by the semantic
    /// tier (the fast tier's alone while the semantic tier is not loaded).
    pub fn check_draft_semantic(&self, text: &str, request: &str) -> String {
        json::check_draft(&self.engine, self.semantic.as_ref(), text, request, Offsets::Utf16)
    }

    /// The edit a fill-in prompt makes with the user's words (see [`json::fill_prompt`]); UTF-16 offsets.
    pub fn fill_prompt(&self, text: &str, request: &str) -> String {
        json::fill_prompt(text, request, Offsets::Utf16)
    }

    /// Classifies a batch of posts (`[{"id", "text", "author", "replies", "reposts", "likes",
    /// "views", "promoted"}]`) with the fast tier. Returns `[report]` in the same order, or
    /// `{"error": "…"}`.
    pub fn classify_posts(&self, posts: &str, lang: &str) -> String {
        json::classify_posts(&self.engine, None, posts, lang, Offsets::Utf16)
    }

    /// [`Checker::classify_posts`] with both tiers (the fast tier's alone while the semantic tier
    /// is not loaded).
    pub fn classify_posts_semantic(&self, posts: &str, lang: &str) -> String {
        json::classify_posts(&self.engine, self.semantic.as_ref(), posts, lang, Offsets::Utf16)
    }
}
