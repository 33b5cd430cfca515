//! Engines shared by the integration tests: the shipped example policy, the same in crisis mode,
//! and no policy at all.

use riskhint::{Engine, Policy};
use std::path::Path;
use std::sync::OnceLock;

/// The commented example policy shipped in examples/.
pub fn example_policy() -> Policy {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hanbit-policy.jsonc");
    Policy::parse(&std::fs::read_to_string(path).unwrap()).expect("the shipped example policy is valid")
}

pub struct Engines {
    pub hanbit: Engine,
    /// The example with crisis mode on: topics "battery fire"/"배터리 화재", link https://hanbit.example/notice.
    pub crisis: Engine,
    pub none: Engine,
}

/// Built once per test binary.
pub fn engines() -> &'static Engines {
    static ENGINES: OnceLock<Engines> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let policy = example_policy();
        let mut crisis = policy.clone();
        crisis.crisis = serde_json::from_str(
            r#"{"active": true, "topics": ["battery fire", "배터리 화재"], "official_links": ["https://hanbit.example/notice"]}"#,
        )
        .unwrap();
        Engines { hanbit: Engine::new(policy), crisis: Engine::new(crisis), none: Engine::default() }
    })
}
