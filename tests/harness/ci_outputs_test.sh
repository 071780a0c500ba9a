#!/bin/sh
# ci_outputs_test.sh BIN_DIR WORK_DIR: JUnit, Markdown, $GITHUB_STEP_SUMMARY and --json from a
# passing run with thresholds, then a failing threshold (exit 1, a JUnit failure).
set -u
bin=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "ci_outputs_test: $*" >&2; exit 1; }
server="$bin/lc-static-responder --server-address={address}"
quick="--scenarios 1 --no-teardown --no-ceilings --warmup 100ms --duration 300ms --repetitions 2 --quiet"
echo "# earlier step" > summary.md
GITHUB_STEP_SUMMARY=$work/summary.md "$bin/lc-harness" $quick --server-cmd "$server" \
  --threshold 'S*:errors==0' --threshold 'S1:p99<5s' --junit pass.xml --markdown pass.md --json pass.json \
  --csv pass.csv --html pass.html || fail "passing run exited $?"
[ -d results ] || fail "no ./results folder in the working directory"
grep -q '<testcase classname="lc-harness.scenario1" name="load S1 thread c8 s8"' pass.xml || fail "no load testcase in JUnit"
grep -q 'failures="0"' pass.xml || fail "JUnit of a passing run has failures"
grep -q '| `S1:p99<5s` | S1 thread c8 s8 |' pass.md || fail "no threshold row in Markdown"
grep -q '# earlier step' summary.md || fail "GITHUB_STEP_SUMMARY was overwritten, not appended to"
grep -q '## lc-harness custom: PASS' summary.md || fail "Markdown not appended to GITHUB_STEP_SUMMARY"
grep -q '"schema_version":2' pass.json || fail "no schema_version in --json"
grep -q '^row,' pass.csv || fail "no summary row in --csv"
grep -q 'id="rows"' pass.html || fail "no rows table in --html"
"$bin/lc-harness" $quick --server-cmd "$server" --threshold 'S*:p99<1us' --junit fail.xml --markdown fail.md
status=$?
[ "$status" -eq 1 ] || fail "a failing threshold exited $status, expected 1"
grep -q '<failure message="threshold S\*:p99&lt;1us failed' fail.xml || fail "no threshold failure in JUnit"
grep -q '| `S\*:p99<1us` | S1 thread c8 s8 | .* | FAIL |' fail.md || fail "no failed threshold in Markdown"
"$bin/lc-harness" $quick --server-cmd "$server" --rate-sweep 20%,60% --json sweep.json > sweep.txt ||
  fail "a rate sweep exited $?"
grep -q '"mode":"open 60%"' sweep.json || fail "no open-loop 60% row in the JSON of a sweep"
grep -q 'open loop: .* requests late' sweep.txt || fail "no late/dropped line for open-loop rows"
echo "ci_outputs_test: ok"
