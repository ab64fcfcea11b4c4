#!/usr/bin/env bash
# Compile time of zec-api next to another generated cloud SDK crate from crates.io, in one run,
# per action (operation). zec-api is built twice: with its default features (ZEC alone) and with
# every product (`--features all-products`). Each crate is built from clean with its
# dependencies already built, in debug and release. Default: aws-sdk-iam (about 180
# operations).
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

counts=$(cargo run -q -p zec-spec -- ir spec | python3 -c "import json,sys; d=json.load(sys.stdin); print(sum(len(p['actions']) for p in d['products'] if p['name']=='zec'), sum(len(p['actions']) for p in d['products']))")
zec_actions=${counts% *}
all_actions=${counts#* }
manifest=$(cd "$dir" && cargo metadata --format-version 1 2>/dev/null \
  | python3 -c "import json,sys; m=json.load(sys.stdin); print(next(p['manifest_path'] for p in m['packages'] if p['name']=='$other'))")
operations=$(find "$(dirname "$manifest")/src/operation" -mindepth 1 -maxdepth 1 -type d | wc -l)

printf '%-22s %8s %12s %14s %12s %14s\n' crate units "debug s" "ms per unit" "release s" "ms per unit"
for crate in zec-api zec-api-all "$other"; do
  row=()
  for profile in dev release; do
    flag=""; [ "$profile" = release ] && flag="--release"
    case "$crate" in
      zec-api|zec-api-all)
        features=""; [ "$crate" = zec-api-all ] && features="--features all-products"
        cargo build -q -p zec-api $flag $features >/dev/null 2>&1
        cargo clean -q -p zec-api $flag
        row+=("$(seconds cargo build -p zec-api $flag $features)")
        ;;
      *)
        (cd "$dir" && cargo build -q $flag >/dev/null 2>&1 && cargo clean -q -p "$other" $flag)
        row+=("$(cd "$dir" && seconds cargo build $flag)")
        ;;
    esac
  done
  case "$crate" in
    zec-api) units=$zec_actions; name="zec-api (ZEC)" ;;
    zec-api-all) units=$all_actions; name="zec-api (all products)" ;;
    *) units=$operations; name=$crate ;;
  esac
  printf '%-22s %8d %12.1f %14.0f %12.1f %14.0f\n' "$name" "$units" \
    "${row[0]}" "$(echo "${row[0]} * 1000 / $units" | bc -l)" \
    "${row[1]}" "$(echo "${row[1]} * 1000 / $units" | bc -l)"
done
