#!/usr/bin/env bash
# Build times of zec-api on this machine: the crate itself from clean (dependencies already
# built), and the rebuild after editing one spec page, in debug and release. Prints seconds.
# Usage: scripts/build-times.sh [PAGE]   (PAGE defaults to the AssociateEipAddress page)
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-spec/compute/zec/elastic-ip/associateeipaddress.md}

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

for profile in dev release; do
  flag=""; [ "$profile" = release ] && flag="--release"
  cargo build -q -p zec-api $flag >/dev/null 2>&1            # dependencies
  cargo clean -q -p zec-api $flag
  clean=$(seconds cargo build -p zec-api $flag)
  cp "$page" /tmp/zec-page-backup.md
  printf '\n' >> "$page"                                      # an edit that changes nothing
  edit=$(seconds cargo build -p zec-api $flag)
  cp /tmp/zec-page-backup.md "$page"
  cargo build -q -p zec-api $flag >/dev/null 2>&1
  echo "$profile: zec-api from clean ${clean}s; rebuild after editing one page ${edit}s"
done
lines=$(cargo run -q -p zec-codegen --example expand -- spec | wc -l)
echo "expanded code: $lines lines (prettyplease) for $(ls spec/compute/zec/*/*.md | wc -l) action pages"
