#!/usr/bin/env bash
# The README's test command (`make test`): formatting, vet, and every Go test,
# which include the native OpenTofu tests of each module and environment and
# an offline plan of all five environments. Each phase prints its wall time,
# and a summary of them closes the run.
#
# `scripts/test.sh --quick` (`make test-quick`) is the inner loop: gofmt, vet,
# tofu fmt, the Go unit tests (`go test -short`: internal/suite's integration
# tests skip) and the native tests of the modules with uncommitted changes
# (MODULES="kms ecr" names others, MODULES=none skips them).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

if [ -z "${LOOKCARD_PROVIDER_SCHEMAS:-}" ]; then
  echo "make test: LOOKCARD_PROVIDER_SCHEMAS is not set; point it at the directory holding aws.json and cloudflare.json" >&2
  exit 1
fi
# A missing tool (or saved plan) fails the full suite instead of skipping a
# test; the quick loop skips what it lacks.
if [ -z "$quick" ]; then export LOOKCARD_REQUIRE_TOOLS=1; fi

# phase NAME ends the running phase, printing its wall time and the CPU time
# of the processes it ran (on a shared machine the CPU time is the figure to
# compare), and starts NAME; `phase ""` only ends it. The EXIT trap prints
# every phase's time, also when a phase fails.
started=$(date +%s)
phase_name= phase_start= phase_cpu=0
summary=()
# children_cpu sets cpu to the user+system seconds of every finished child
# so far (`times` runs in this shell: in a subshell it would see none).
cpu_file=$(mktemp)
children_cpu() {
  times > "$cpu_file"
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%d\n", t }' "$cpu_file")
}
phase() {
  local now cpu
  now=$(date +%s)
  children_cpu
  if [ -n "$phase_name" ]; then
    echo "   ($((now - phase_start)) s, CPU $((cpu - phase_cpu)) s)"
    summary+=("$(printf '%5d s  %6d s CPU  %s' $((now - phase_start)) $((cpu - phase_cpu)) "$phase_name")")
  fi
  phase_name=$1 phase_start=$now phase_cpu=$cpu
  if [ -n "$1" ]; then echo "== $1"; fi
}
finish() {
  local rc=$?
  phase ""
  echo "== phase times ($([ "$rc" = 0 ] && echo passed || echo "FAILED in: ${summary[-1]##*  }"))"
  printf '%s\n' "${summary[@]}"
  local cpu
  children_cpu
  rm -f "$cpu_file"
  printf '%5d s  %6d s CPU  total\n' $(($(date +%s) - started)) "$cpu"
}
trap finish EXIT

jobs=$(nproc 2>/dev/null || echo 2)

# The engine configuration for native tests outside lookcard: the offline
# provider stands in for AWS and Cloudflare (as engine.WriteOfflineCLIConfig
# writes it), written atomically so concurrent runs never read half a file.
offline_env() {
  local cfg=.lookcard/test.tfrc providers=$PWD/bin/providers
  mkdir -p .lookcard
  printf 'provider_installation {\n  dev_overrides {\n    "hashicorp/aws" = "%s"\n    "cloudflare/cloudflare" = "%s"\n  }\n  direct {}\n}\n' \
    "$providers" "$providers" > "$cfg.$$"
  mv -f "$cfg.$$" "$cfg"
  export TF_CLI_CONFIG_FILE=$PWD/$cfg CHECKPOINT_DISABLE=1
}

if [ -z "$quick" ]; then
  phase "Chromium for the graph page's browser test (Debian package; skipped when present)"
  scripts/install-chromium.sh
fi

phase "gofmt"
unformatted=$(gofmt -l cmd internal)
if [ -n "$unformatted" ]; then
  echo "gofmt would change (run gofmt -w cmd internal):"; echo "$unformatted"; exit 1
fi

phase "go vet"
go vet ./...

phase "tofu fmt -check -recursive"
bin/lookcard fmt --check

if [ -n "$quick" ]; then
  phase "go test -short (unit tests; the integration suite skips)"
  # The test cache stays on: unchanged packages answer from it.
  go test -short -timeout 10m ./...

  # Modules (and bootstrap/) with uncommitted changes, staged or not, or new;
  # MODULES="kms ecr" (or "none") names them instead.
  if [ -n "${MODULES:-}" ]; then
    mapfile -t touched < <(tr ' ,' '\n\n' <<< "$MODULES" | grep -vx -e none -e '' |
      sed -E 's#^(modules/)?#modules/#; s#^modules/bootstrap$#bootstrap#')
  else
    mapfile -t touched < <(git status --porcelain --untracked-files=all -- modules bootstrap |
      sed -E 's/^.. //; s/.* -> //' | sed -nE 's#^(modules/[^/]+|bootstrap)/.*#\1#p' | sort -u)
  fi
  dirs=()
  for m in "${touched[@]}"; do
    if compgen -G "$m/tests/*.tftest.hcl" > /dev/null; then dirs+=("$m"); fi
  done
  phase "native tests of the touched modules (${dirs[*]:-none}), $jobs at a time"
  if [ "${#dirs[@]}" -gt 0 ]; then
    offline_env
    tofu_bin=${TOFU:-bin/tofu}
    case $tofu_bin in */*) tofu_bin=$(realpath "$tofu_bin") ;; esac
    export tofu_bin
    mkdir -p .lookcard/test-logs
    module_test() {
      local log s=$SECONDS
      log=$PWD/.lookcard/test-logs/$(echo "$1" | tr / _).log
      if (cd "$1" && "$tofu_bin" get -no-color && "$tofu_bin" test -no-color) > "$log" 2>&1 &&
        grep -q " passed, 0 failed" "$log"; then
        echo "   ok   $1 ($((SECONDS - s)) s): $(grep " passed, 0 failed" "$log" | tail -1)"
      else
        echo "   FAIL $1 (log: $log)"; sed 's/^/     /' "$log"; return 1
      fi
    }
    export -f module_test
    printf '%s\n' "${dirs[@]}" | xargs -P "$jobs" -I{} bash -c 'module_test "$1"' _ {}
  fi
  if git status --porcelain -- '*.tf' '*.tfvars.json' tests catalog | grep -vqE '^.. (modules|bootstrap)/'; then
    echo "   note: the root or the catalog changed; the root's native tests and the plans run in \`make test\`"
  fi
  exit 0
fi

phase "actionlint (GitHub Actions workflows)"
go tool actionlint .github/workflows/*.yml

# Built once from the Go module proxy into bin/trivy (minutes the first time;
# Go's build cache keeps it cheap after that).
phase "Trivy over the HCL, five environments and bootstrap/ (zero HIGH/CRITICAL outside policies/scanner-triage.yaml)"
scripts/scan.sh

# The plans are independent: each environment plans in its own mirror
# (.lookcard/work/<env>) with its own state, plan files and .terraform.
phase "offline plan of every environment, $jobs at a time (the cost, compliance and graph tests read them)"
mkdir -p .lookcard/test-logs
# Its stdout and stderr are kept apart: TestOfflinePlanEveryEnvironment checks
# them ($LOOKCARD_PLAN_OUTPUTS) instead of planning every environment again.
plan_env() {
  local log=.lookcard/test-logs/plan-$1 s=$SECONDS
  rm -f "$log.json" "$log.err"
  if bin/lookcard plan --env "$1" --offline --json > "$log.json" 2> "$log.err"; then
    echo "   ok   $1 ($((SECONDS - s)) s)"
  else
    echo "   FAIL $1"; cat "$log.err" "$log.json" | sed 's/^/     /'; return 1
  fi
}
export -f plan_env
printf '%s\n' develop testing staging production sandbox | xargs -P "$jobs" -I{} bash -c 'plan_env "$1"' _ {}

phase "go test"
export LOOKCARD_PLAN_OUTPUTS=$PWD/.lookcard/test-logs
# TestMutationCorpus (internal/compliance) writes its detection rate here.
export LOOKCARD_MUTATION_REPORT="$PWD/.lookcard/test-logs/mutation-corpus.txt"
mkdir -p .lookcard/test-logs && rm -f "$LOOKCARD_MUTATION_REPORT"
go test -count=1 -timeout 60m ./...
if [ -f "$LOOKCARD_MUTATION_REPORT" ]; then
  sed 's/^/   /' "$LOOKCARD_MUTATION_REPORT"
else
  echo "   FAIL: the compliance mutation corpus did not run (no saved production plan?)"; exit 1
fi
