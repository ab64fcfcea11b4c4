#!/usr/bin/env bash
# Compile time of zec-api next to another generated cloud SDK crate from crates.io, in one run,
# per action (operation). Both crates are built from clean with their dependencies already
# built, in debug and release. Default: aws-sdk-iam (about 180 operations).
#
# Usage: scripts/compare-build-times.sh            (OTHER=aws-sdk-ecs scripts/... for another)
set -euo pipefail
cd "$(dirname "$0")/.."
other=${OTHER:-aws-sdk-iam}
version=${OTHER_VERSION:-1}
dir=target/compare-$other

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "compare-build"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$other = "$version"

[workspace]
TOML
echo 'fn main() {}' > "$dir/src/main.rs"

actions=$(grep -l '^## 2\. Input Parameters' spec/compute/zec/*/*.md | wc -l)
manifest=$(cd "$dir" && cargo metadata --format-version 1 2>/dev/null \
  | python3 -c "import json,sys; m=json.load(sys.stdin); print(next(p['manifest_path'] for p in m['packages'] if p['name']=='$other'))")
operations=$(find "$(dirname "$manifest")/src/operation" -mindepth 1 -maxdepth 1 -type d | wc -l)

printf '%-14s %8s %12s %14s %12s %14s\n' crate units "debug s" "ms per unit" "release s" "ms per unit"
for crate in zec-api "$other"; do
  row=()
  for profile in dev release; do
    flag=""; [ "$profile" = release ] && flag="--release"
    if [ "$crate" = zec-api ]; then
      cargo build -q -p zec-api $flag >/dev/null 2>&1
      cargo clean -q -p zec-api $flag
      row+=("$(seconds cargo build -p zec-api $flag)")
    else
      (cd "$dir" && cargo build -q $flag >/dev/null 2>&1 && cargo clean -q -p "$other" $flag)
      row+=("$(cd "$dir" && seconds cargo build $flag)")
    fi
  done
  units=$actions; [ "$crate" != zec-api ] && units=$operations
  printf '%-14s %8d %12.1f %14.0f %12.1f %14.0f\n' "$crate" "$units" \
    "${row[0]}" "$(echo "${row[0]} * 1000 / $units" | bc -l)" \
    "${row[1]}" "$(echo "${row[1]} * 1000 / $units" | bc -l)"
done
