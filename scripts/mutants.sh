#!/usr/bin/env bash
# Mutation testing of the modules that decide what is sent, retried, decoded and refused:
# each mutant (a change to the code as a plausible bug would make it) must fail a test.
# Not part of CI: about 70 minutes on two cores. Needs `cargo install cargo-mutants`.
#
# It mutates files in place (and puts each back), so it refuses to run on uncommitted
# changes. Results go to target/mutants/<module>/mutants.out (`missed.txt` lists the
# mutants no test caught). Pass module names to run some: scripts/mutants.sh retry decode
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git diff --quiet HEAD -- zec-api; then
    echo "zec-api has uncommitted changes; commit or stash them first" >&2
    exit 2
fi

# The tests that exercise each module: the unit tests of zec-api (--lib) and the
# integration tests in tests/tests that send, retry, decode, page or validate.
declare -A tests=(
    [retry]="--lib --test=hostile_server --test=client --test=waiters --test=mock_limits"
    [attempt]="--lib --test=hostile_server --test=client --test=secrets_in_logs --test=proxies --test=mock_limits"
    [decode]="--lib --test=response_decoding --test=hostile_server --test=client --test=associate_eip_address"
    [paginate]="--test=pagination --test=client"
    [validation]="--lib --test=validation_rules --test=validation_modes --test=client --test=fluent --test=associate_eip_address"
)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(retry attempt decode paginate validation)

# The unmutated tree must pass first. (cargo-mutants' own baseline would test zec-api alone,
# where the integration tests are not, so it is skipped below.)
for module in "${modules[@]}"; do
    [ -n "${tests[$module]:-}" ] || { echo "unknown module: $module" >&2; exit 2; }
    # shellcheck disable=SC2086
    cargo test --workspace ${tests[$module]} >/dev/null ||
        { echo "the tests of $module fail unmutated" >&2; exit 1; }
done

mkdir -p target/mutants
status=0
for module in "${modules[@]}"; do
    # The selection goes to the build as well as to the test run (`--cargo-arg`), so that each
    # mutant builds only the tests that run it, once.
    cargo_args=()
    for arg in ${tests[$module]}; do cargo_args+=(--cargo-arg "$arg"); done
    cargo mutants --in-place --no-shuffle --baseline=skip --timeout 300 \
        --file "zec-api/src/$module.rs" \
        --test-workspace=true "${cargo_args[@]}" \
        --output "target/mutants/$module" || status=$?
done
for module in "${modules[@]}"; do
    dir="target/mutants/$module/mutants.out"
    [ -d "$dir" ] || continue
    printf '%-11s caught %4s  missed %4s  unviable %4s  timeout %4s\n' "$module" \
        "$(wc -l < "$dir/caught.txt" 2>/dev/null || echo 0)" \
        "$(wc -l < "$dir/missed.txt" 2>/dev/null || echo 0)" \
        "$(wc -l < "$dir/unviable.txt" 2>/dev/null || echo 0)" \
        "$(wc -l < "$dir/timeout.txt" 2>/dev/null || echo 0)"
done
exit $status
