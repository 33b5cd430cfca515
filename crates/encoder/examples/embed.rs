//! Prints the embedding of each line of stdin, tab-separated (for comparing with another engine):
//! `cargo run --release -p riskhint-encoder --example embed -- MODEL.bin < texts.txt`
use std::io::BufRead;

fn main() {
    let path = std::env::args().nth(1).expect("usage: embed MODEL.bin < texts");
    let encoder = riskhint_encoder::Encoder::from_bytes(&std::fs::read(path).expect("readable model")).expect("a model");
    for line in std::io::stdin().lock().lines() {
        let e = encoder.embed(&line.expect("UTF-8 text"));
        println!("{}", e.iter().map(|v| format!("{v:.6}")).collect::<Vec<_>>().join("\t"));
    }
}
