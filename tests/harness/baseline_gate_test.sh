#!/bin/sh
# baseline_gate_test.sh BIN_DIR WORK_DIR: a run of a server slowed by 5 ms per reply, compared
# with a baseline of the same server without the delay, is a significant regression: exit 3.
set -u
bin=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "baseline_gate_test: $*" >&2; exit 1; }
quick="--scenarios 1 --no-teardown --no-ceilings --warmup 100ms --duration 300ms --repetitions 4 --quiet --seed 1"
"$bin/lc-harness" $quick --server-cmd "$bin/fake_slow_responder --delay-us=0 --server-address={address}" \
  --json base.json > base.txt || fail "baseline run exited $?"
"$bin/lc-harness" $quick --server-cmd "$bin/fake_slow_responder --delay-us=5000 --server-address={address}" \
  --baseline base.json --fail-on 'rps:-10%,p99:+25%' --junit slow.xml --markdown slow.md > slow.txt
status=$?
cat slow.txt
[ "$status" -eq 3 ] || fail "the slowed run exited $status, expected 3"
grep -q 'REGRESSION' slow.md || fail "no REGRESSION in the Markdown"
grep -q 'DIFFERENT label' slow.txt || fail "a baseline of another command line is not reported as different"
echo "baseline_gate_test: ok"
