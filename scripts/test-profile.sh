#!/usr/bin/env bash
# `make test-profile`: where the suite's time goes. Prints markdown tables
# (also saved to .lookcard/test-profile.md):
#   - each Go package's tests: wall and CPU seconds (CPU includes the engine
#     and provider processes the tests start), run alone, one after another;
#   - internal/suite's slowest tests and subtests (go test -json Elapsed);
#   - each module's native tests on each engine (OpenTofu, and Terraform when
#     one is on PATH or named by $LOOKCARD_TERRAFORM): run blocks, provider
#     processes started, wall and CPU seconds.
# The module tests are profiled here, so internal/suite runs with
# -skip TestModules. Narrow it with --packages/--modules (comma-separated,
# "all" or "none") and --engines (opentofu,terraform); --provider profiles the
# modules with another build of the offline provider. For example
#   scripts/test-profile.sh --packages ./internal/cost --modules kms,ecr --engines opentofu
# CPU seconds are the measure to compare on a shared machine: wall seconds
# there include waiting for other jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LOOKCARD_PROVIDER_SCHEMAS:?set LOOKCARD_PROVIDER_SCHEMAS to the directory holding aws.json and cloudflare.json}"

packages=all modules=all engines=opentofu,terraform provider=$PWD/bin/providers/terraform-provider-offline
while [ $# -gt 0 ]; do
  case "$1" in
    --packages) packages=$2; shift 2 ;;
    --modules) modules=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --provider) provider=$(realpath "$2"); shift 2 ;;   # another build of the offline provider, to compare
    *) echo "usage: $0 [--packages all|none|P1,P2] [--modules all|none|m1,m2] [--engines opentofu,terraform] [--provider PATH]" >&2; exit 2 ;;
  esac
done

root=$PWD
out=$root/.lookcard/profile
rm -rf "$out"
mkdir -p "$out"
report=$root/.lookcard/test-profile.md
: > "$report"
emit() { printf '%s\n' "$@" | tee -a "$report"; }
TIMEFORMAT='%R %U %S'

# timed FILE CMD...: runs CMD, writing "wall cpu" seconds to FILE.
timed() {
  local f=$1 t
  shift
  local rc=0
  # The command's stderr goes where it would; only time's report goes to the file.
  { time "$@" 2>&3 ; } 3>&2 2> "$f.time" || rc=$?
  t=$(tail -1 "$f.time")
  awk '{printf "%.1f %.1f\n", $1, $2 + $3}' <<< "$t" > "$f"
  return $rc
}

failed=0

if [ "$packages" != none ]; then
  if [ "$packages" = all ]; then
    mapfile -t pkgs < <(go list ./...)
  else
    mapfile -t pkgs < <(tr ',' '\n' <<< "$packages" | xargs go list)
  fi
  # As in make test: the tests that read saved plans (cost, compliance,
  # graph, the rehearsal's check) need them from this commit. Not profiled.
  echo "planning every environment offline first (the saved plans some tests read)" >&2
  export LOOKCARD_PLAN_OUTPUTS=$out/plans
  mkdir -p "$LOOKCARD_PLAN_OUTPUTS"
  for env in develop testing staging production sandbox; do
    bin/lookcard plan --env "$env" --offline --json > "$LOOKCARD_PLAN_OUTPUTS/plan-$env.json" 2> "$LOOKCARD_PLAN_OUTPUTS/plan-$env.err" ||
      { echo "offline plan of $env failed: see $LOOKCARD_PLAN_OUTPUTS/plan-$env.err" >&2; exit 1; }
  done
  emit "### Go packages (each alone, go test -count=1)" "" \
    "| package | tests | wall s | CPU s | result |" "| --- | ---: | ---: | ---: | --- |"
  for p in "${pkgs[@]}"; do
    name=${p#github.com/lookcard/infrastructure/}
    log=$out/$(tr / _ <<< "$name")
    args=()
    [ "$name" = internal/suite ] && args=(-skip '^TestModules$')
    result=pass
    timed "$log.t" go test -count=1 -json -timeout 60m "${args[@]}" "$p" > "$log.json" 2>&1 || { result=FAIL; failed=1; }
    tests=$(grep -c '"Action":"pass","Package":"[^"]*","Test":"Test[^/"]*","Elapsed"' "$log.json" || true)
    if ! grep -q '"Action":"\(pass\|fail\)"' "$log.json" && grep -q '"Action":"skip"' "$log.json"; then result="no tests"; fi
    read -r wall cpu < "$log.t"
    emit "| $name | $tests | $wall | $cpu | $result |"
  done
  suite=$out/internal_suite.json
  if [ -f "$suite" ]; then
    emit "" "### internal/suite: tests and subtests over 1 s (go test -json Elapsed; parallel subtests overlap)" "" \
      "| test | wall s | result |" "| --- | ---: | --- |"
    awk '
      function str(k) { return match($0, "\"" k "\":\"[^\"]*\"") ? substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 5) : "" }
      function num(k) { return match($0, "\"" k "\":[0-9.]+") ? substr($0, RSTART + length(k) + 3, RLENGTH - length(k) - 3) : "" }
      /"Test":/ && /"Action":"(pass|fail)"/ { e = num("Elapsed"); if (e >= 1) printf "| %s | %.1f | %s |\n", str("Test"), e, str("Action") }
    ' "$suite" | sort -t'|' -k3 -rn | tee -a "$report"
  fi
  emit ""
fi

if [ "$modules" != none ]; then
  if [ "$modules" = all ]; then
    mapfile -t dirs < <(for d in modules/*/tests bootstrap/tests; do [ -d "$d" ] && dirname "$d"; done)
  else
    mapfile -t dirs < <(tr ',' '\n' <<< "$modules" | sed -E 's#^(modules/)?#modules/#; s#^modules/bootstrap$#bootstrap#')
  fi
  # engine NAME=BINARY pairs; Terraform only when there is one.
  engine_bins=()
  for e in $(tr ',' ' ' <<< "$engines"); do
    case $e in
      opentofu)
        b=${TOFU:-bin/tofu}
        case $b in */*) b=$(realpath "$b") ;; esac
        engine_bins+=("opentofu=$b") ;;
      terraform)
        b=${LOOKCARD_TERRAFORM:-terraform}
        if [ "$b" != none ] && b=$(command -v "$b"); then
          engine_bins+=("terraform=$b")
        else
          echo "note: no Terraform (LOOKCARD_TERRAFORM or PATH): its module tests are not profiled" >&2
        fi ;;
      *) echo "unknown engine $e (opentofu, terraform)" >&2; exit 2 ;;
    esac
  done
  # Count provider processes: the engine runs a wrapper that notes each start.
  wrap=$out/providers
  mkdir -p "$wrap"
  for p in aws cloudflare; do
    printf '#!/usr/bin/env bash\necho "$$" >> "$LOOKCARD_PROFILE_STARTS"\nexec -a "$0" %q "$@"\n' \
      "$provider" > "$wrap/terraform-provider-$p"
    chmod +x "$wrap/terraform-provider-$p"
  done
  printf 'provider_installation {\n  dev_overrides {\n    "hashicorp/aws" = "%s"\n    "cloudflare/cloudflare" = "%s"\n  }\n  direct {}\n}\n' \
    "$wrap" "$wrap" > "$out/profile.tfrc"
  export TF_CLI_CONFIG_FILE=$out/profile.tfrc CHECKPOINT_DISABLE=1
  for pair in "${engine_bins[@]}"; do
    ename=${pair%%=*} tofu_bin=${pair#*=}
    emit "### Module native tests on $ename (each alone; CPU includes the engine and the providers)" "" \
      "| module | run blocks | provider starts | wall s | CPU s | result |" "| --- | ---: | ---: | ---: | ---: | --- |"
    total_wall=0 total_cpu=0 total_runs=0 total_starts=0
    for d in "${dirs[@]}"; do
      log=$out/$ename-$(tr / _ <<< "$d")
      export LOOKCARD_PROFILE_STARTS=$log.starts
      : > "$LOOKCARD_PROFILE_STARTS"
      result=pass
      # Each engine gets its own data directory, as in the suite.
      export TF_DATA_DIR=$log.data
      (cd "$d" && "$tofu_bin" get -no-color) > "$log.get" 2>&1 || { result="get FAILED"; failed=1; }
      : > "$LOOKCARD_PROFILE_STARTS"
      (cd "$d" && timed "$log.t" "$tofu_bin" test -no-color) > "$log.log" 2>&1 || { result=FAIL; failed=1; }
      unset TF_DATA_DIR
      grep -q " passed, 0 failed" "$log.log" || { [ "$result" = pass ] && result=FAIL; failed=1; }
      runs=$(grep -ho '[0-9]* passed' "$log.log" | tail -1 | cut -d' ' -f1)
      starts=$(wc -l < "$LOOKCARD_PROFILE_STARTS")
      read -r wall cpu < "$log.t"
      emit "| ${d#modules/} | ${runs:-0} | $starts | $wall | $cpu | $result |"
      total_wall=$(awk -v a="$total_wall" -v b="$wall" 'BEGIN{print a + b}')
      total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN{print a + b}')
      total_runs=$((total_runs + ${runs:-0})) total_starts=$((total_starts + starts))
    done
    emit "| **total** | $total_runs | $total_starts | $total_wall | $total_cpu | |" ""
  done
fi

echo "saved to ${report#"$root"/}; logs in ${out#"$root"/}"
exit "$failed"
