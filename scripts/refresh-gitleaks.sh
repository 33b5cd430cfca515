#!/usr/bin/env bash
# Refreshes SEC001's credential formats from a gitleaks.toml (gitleaks' default rule set; MIT).
#   scripts/refresh-gitleaks.sh [PATH/TO/gitleaks.toml]   (default: ../shared/data/secrets/gitleaks/gitleaks.toml)
# Copies it to data/secrets/gitleaks.toml, lists the rule ids data/secrets/names.tsv does not name
# (the build fails until each has a row), then rebuilds and runs tests/secrets.rs. See docs/secrets.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-../shared/data/secrets/gitleaks/gitleaks.toml}
licence="$(dirname "$source")/LICENSE"
cp "$source" data/secrets/gitleaks.toml
if [ -f "$licence" ]; then cp "$licence" data/secrets/gitleaks.LICENSE; fi
missing=$(comm -23 <(sed -n "s/^id = \"\(.*\)\"$/\1/p" data/secrets/gitleaks.toml | sort) \
                   <(grep -v '^#' data/secrets/names.tsv | cut -f1 | sort) | grep -vx -e generic-api-key -e pkcs12-file || true)
if [ -n "$missing" ]; then
  echo "add a row (id<TAB>English<TAB>Korean) to data/secrets/names.tsv for:" >&2
  echo "$missing" >&2
  exit 1
fi
grep -m1 '^minVersion' data/secrets/gitleaks.toml
cargo test --release --test secrets
