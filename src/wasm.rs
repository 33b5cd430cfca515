//! The engine for JavaScript (the extension's service worker). Strings cross as JSON; every span
//! leaves in UTF-16 code units, which is what a JavaScript string indexes. Nothing else lives here.

use crate::json::{self, DraftRequest, Offsets};
use crate::policy::{layer_all, PolicyError, PolicyLayer};
use crate::{Engine, Language, Post};
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Every rule's documentation, as a JSON array (the options page lists them).
#[wasm_bindgen]
pub fn rules() -> String {
    serde_json::Value::Array(crate::rules::all().iter().map(|r| json::rule_doc(r.doc())).collect()).to_string()
}

/// Checks a policy's JSON text (comments allowed) without applying it: `{"ok": true, "policy":
/// <the fields as written, comments stripped>, "warnings": [error]}`
/// or `{"ok": false, "line", "column", "path", "message"}` (the options page reads, validates and
/// imports policies with it). A warning is a refused custom rule, in the same form as an error.
#[wasm_bindgen]
pub fn validate_policy(text: &str) -> String {
    match PolicyLayer::parse(text) {
        Ok(layer) => json!({"ok": true, "policy": layer.as_written(), "warnings": warnings(None, &layer)}).to_string(),
        Err(e) => rejected(None, &e).to_string(),
    }
}

/// A policy error or warning as the extension reads it, with the layer it came from if given.
fn error_json(layer: Option<&str>, e: &PolicyError) -> serde_json::Value {
    let mut out = json!({"line": e.line, "column": e.column, "path": e.path, "message": e.message});
    if let Some(layer) = layer {
        out["layer"] = layer.into();
    }
    out
}

/// A policy that was not applied: `{"ok": false, …}`.
fn rejected(layer: Option<&str>, e: &PolicyError) -> serde_json::Value {
    let mut out = error_json(layer, e);
    out["ok"] = false.into();
    out
}

fn warnings(layer: Option<&str>, parsed: &PolicyLayer) -> Vec<serde_json::Value> {
    parsed.warnings.iter().map(|w| error_json(layer, w)).collect()
}

/// A compiled policy, ready to check drafts and classify posts.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
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
        Checker { engine: Engine::default() }
    }

    /// Layers the administrator's policy, the user's policy, the settings the user made outside it
    /// (a policy layer too, e.g. `{"crisis": {"active": true}}` from the popup) and the rules the
    /// user turned off. Returns `{"ok": true, "overridden": [paths], "locked": [the administrator's
    /// locked paths], "crisis_active": bool, "warnings": [{"layer", "line", "column", "path",
    /// "message"}: custom rules refused and not used]}`, or
    /// `{"ok": false, "layer": "admin"|"user"|"settings", "line", "column", "path", "message"}`
    /// with the policy in force unchanged.
    pub fn configure(&mut self, admin: Option<String>, user: Option<String>, settings: Option<String>, rules_off: Vec<String>) -> String {
        let parse = |name: &str, text: Option<String>| match text.filter(|t| !t.trim().is_empty()) {
            None => Ok(None),
            Some(text) => PolicyLayer::parse(&text).map(Some).map_err(|e| rejected(Some(name), &e)),
        };
        let layers = parse("admin", admin).and_then(|admin| Ok((admin, parse("user", user)?, parse("settings", settings)?)));
        let (admin, user, settings) = match layers {
            Ok(layers) => layers,
            Err(error) => return error.to_string(),
        };
        let off = PolicyLayer::rules_off(&rules_off);
        let users: Vec<&PolicyLayer> = user.iter().chain(settings.iter()).chain([&off]).collect();
        let layered = layer_all(admin.as_ref(), &users);
        let mut refused: Vec<_> = [("admin", &admin), ("user", &user), ("settings", &settings)]
            .into_iter()
            .filter_map(|(name, layer)| Some(warnings(Some(name), layer.as_ref()?)))
            .flatten()
            .collect();
        let locked = layered.policy.locked.clone();
        let crisis_active = layered.policy.crisis.active;
        self.engine = Engine::new(layered.policy);
        // Each layer's rules were accepted on their own; together, a user's rule may reuse an id
        // of the administrator's (the administrator's is kept).
        for refusal in self.engine.refused_custom_rules() {
            refused.push(json!({"layer": "user", "line": 0, "column": 0, "path": "custom_rules", "message": refusal.to_string()}));
        }
        let outcome = json!({"ok": true, "overridden": layered.overridden, "locked": locked, "crisis_active": crisis_active, "warnings": refused});
        outcome.to_string()
    }

    /// Checks a draft. `request` is a [`DraftRequest`] as JSON. Returns the report as JSON, or
    /// `{"error": "…"}` for a request that cannot be read.
    pub fn check_draft(&self, text: &str, request: &str) -> String {
        let request: DraftRequest = match serde_json::from_str(request) {
            Ok(request) => request,
            Err(e) => return json!({"error": format!("bad request: {e}")}).to_string(),
        };
        match request.context() {
            Ok(context) => {
                let report = self.engine.check_draft(text, &context);
                serde_json::to_string(&json::report(text, &report, request.lang, Offsets::Utf16)).expect("a report serialises")
            },
            Err(e) => json!({"error": e}).to_string(),
        }
    }

    /// Classifies a batch of posts (`[{"id", "text", "author", "replies", "reposts", "likes",
    /// "views", "promoted"}]`). Returns `[report]` in the same order, or `{"error": "…"}`.
    pub fn classify_posts(&self, posts: &str, lang: &str) -> String {
        let posts: Vec<Post> = match serde_json::from_str(posts) {
            Ok(posts) => posts,
            Err(e) => return json!({"error": format!("bad posts: {e}")}).to_string(),
        };
        let lang = if lang == "ko" { Language::Ko } else { Language::En };
        let reports = self.engine.classify_posts(&posts);
        let out: Vec<_> = posts.iter().zip(&reports).map(|(p, r)| json::post_report(&p.text, r, lang, Offsets::Utf16)).collect();
        serde_json::to_string(&out).expect("reports serialise")
    }
}
