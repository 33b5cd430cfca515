//! riskhint's engine with its own bindings (`Checker`: JSON strings in and out, linked in from
//! the riskhint crate) and, with the `values` feature, a second set (`ValueChecker`) whose
//! requests and reports cross as JavaScript values through serde-wasm-bindgen. Built only by
//! scripts/bench/serde-wasm-bindgen.sh, to measure one against the other.

// Links riskhint, and with it the `#[wasm_bindgen]` exports of its src/wasm.rs.
pub use riskhint;

#[cfg(feature = "values")]
mod values {
    use riskhint::json::{self, DraftRequest, Offsets};
    use riskhint::{Engine, Language, Post};
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    /// Options, maps and integers as `JSON.parse` would give them, so the JavaScript that reads a
    /// report sees the same shape either way.
    const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

    /// The engine with a user policy, answering in JavaScript values.
    #[wasm_bindgen]
    pub struct ValueChecker {
        engine: Engine,
    }

    #[wasm_bindgen]
    impl ValueChecker {
        #[wasm_bindgen(constructor)]
        pub fn new(user_policy: &str) -> Result<ValueChecker, JsValue> {
            match json::configure(None, Some(user_policy), None, &[]) {
                (Some(engine), _) => Ok(ValueChecker { engine }),
                (None, outcome) => Err(JsValue::from_str(&outcome)),
            }
        }

        /// `Checker.check_draft`, with the request and the report as objects.
        pub fn check_draft(&self, text: &str, request: JsValue) -> Result<JsValue, JsValue> {
            let request: DraftRequest = serde_wasm_bindgen::from_value(request)?;
            let context = request.context().map_err(|e| JsValue::from_str(&e))?;
            let checked = self.engine.check_draft(text, &context);
            Ok(json::report(text, &checked, request.lang, Offsets::Utf16).serialize(&SERIALIZER)?)
        }

        /// `Checker.classify_posts`, with the posts and the reports as arrays of objects.
        pub fn classify_posts(&self, posts: JsValue, lang: &str) -> Result<JsValue, JsValue> {
            let posts: Vec<Post> = serde_wasm_bindgen::from_value(posts)?;
            let lang = if lang == "ko" { Language::Ko } else { Language::En };
            let reports = self.engine.classify_posts(&posts);
            let out: Vec<_> = posts.iter().zip(&reports).map(|(p, r)| json::post_report(&p.text, r, lang, Offsets::Utf16)).collect();
            Ok(out.serialize(&SERIALIZER)?)
        }
    }
}
