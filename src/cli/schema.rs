//! `riskhint schema`: the JSON Schema of the policy.

use crate::Result;
use riskhint::Policy;
use serde_json::json;

pub(crate) fn schema() -> Result<u8> {
    let mut schema = schemars::schema_for!(Policy);
    // The policy's schema leaves the rule codes to the engine, which knows them.
    let levels = json!({ "enum": ["off", "info", "warn", "block"] });
    let codes: serde_json::Map<String, serde_json::Value> = riskhint::rules::all().iter().map(|r| (r.doc().code.to_string(), levels.clone())).collect();
    if let Some(rules) = schema.as_object_mut().and_then(|s| s.get_mut("properties")).and_then(|p| p.get_mut("rules")).and_then(|r| r.as_object_mut()) {
        rules.insert("properties".into(), codes.into());
    }
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(0)
}
