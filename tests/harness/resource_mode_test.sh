#!/bin/sh
# resource_mode_test.sh BIN_DIR WORK_DIR pass|tampered: lc-harness --resource end to end against
# test_server_resource (exit 0, both rows, teardown PASS), or against a store that answers GET
# one year older and keeps no file (exit 1, the wrong body and the failed teardown reported).
set -u
bin=$1
work=$2
mode=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "resource_mode_test: $1" >&2; cat "$2" >&2; exit 1; }
quick="--resource --connections 2 --duration 1s --repetitions 1 --quiet --bin-dir $bin"
if [ "$mode" = pass ]; then
  "$bin/lc-harness" $quick --json run.json > pass.txt 2>&1 || fail "exited $?" pass.txt
  for row in '^rest 90/10 +2 ' '^rest 50/50 +2 ' 'PASS rest 50/50 c2 rep1 teardown SIGINT under writes' 'RESULT: PASS'; do
    grep -Eq "$row" pass.txt || fail "no line '$row'" pass.txt
  done
  grep -q '"resource_rows"' run.json || fail "no resource_rows in --json" pass.txt
  echo "resource_mode_test: passed"
  exit 0
fi
"$bin/lc-harness" $quick --no-ceilings \
  --server-cmd "$bin/fake_tampered_customer --server-address={address}" > tampered.txt 2>&1
status=$?
[ "$status" -eq 1 ] || fail "the tampered server exited $status, expected 1" tampered.txt
grep -q 'GET /customer/[0-9]*: body .*, expected ' tampered.txt || fail "no wrong-body error reported" tampered.txt
grep -q 'FAIL rest 50/50 c2 rep1 teardown .*customers.json does not parse' tampered.txt ||
  fail "a store that keeps no file passed the teardown check" tampered.txt
grep -q 'RESULT: FAIL' tampered.txt || fail "no RESULT: FAIL" tampered.txt
echo "resource_mode_test: passed"
