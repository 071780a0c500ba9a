#!/bin/sh
# resource_outputs_test.sh BIN_DIR WORK_DIR pass|fail: lc-harness --resource writes CSV, JUnit and
# Markdown (also appended to $GITHUB_STEP_SUMMARY) that parse, and an HTML report, and hold one row per mix x connections
# and one testcase per check, thresholds passing (exit 0, with ceilings); or a threshold that must
# fail (exit 1, a failed threshold record, testcase and Markdown row). Exit 77 (skipped) without python3.
set -u
bin=$1
work=$2
mode=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
command -v python3 > /dev/null || { echo "resource_outputs_test: no python3 to parse the outputs"; exit 77; }
fail() { echo "resource_outputs_test: $1" >&2; [ -f "$2" ] && cat "$2" >&2; exit 1; }
quick="--resource --connections 2 --duration 1s --repetitions 1 --quiet --bin-dir $bin"
files="--csv run.csv --junit run.xml --markdown run.md --html run.html"
# parse.py KIND FILE EXPECTATION...: each expectation a regular expression that one CSV record
# (its fields joined by |), one JUnit testcase (classname|name|failure message) or one Markdown
# line must match.
cat > parse.py <<'PY'
import csv, re, sys
import xml.etree.ElementTree as ET
kind, path, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
if kind == "csv":
    rows = list(csv.reader(open(path, newline="")))
    width = len(rows[0])
    bad = [r for r in rows if len(r) != width]
    if bad: sys.exit("%d records of another width than the header's %d: %s" % (len(bad), width, bad[0]))
    items = ["|".join(r) for r in rows]
elif kind == "junit":
    suite = ET.parse(path).getroot().find("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    if int(suite.get("tests")) != len(cases) or int(suite.get("failures")) != len(failed):
        sys.exit("tests/failures attributes do not count the testcases")
    items = ["%s|%s|%s" % (c.get("classname"), c.get("name"),
                          c.find("failure").get("message") if c.find("failure") is not None else "") for c in cases]
else:
    items = open(path, encoding="utf-8").read().splitlines()
for w in wanted:
    n = sum(1 for i in items if re.search(w, i))
    if n != 1: sys.exit("%s: %d items match %r, expected 1" % (path, n, w))
PY
check() { python3 parse.py "$@" > parse.txt 2>&1 || fail "$2 does not hold what it should" parse.txt; }
if [ "$mode" = pass ]; then
  echo "# earlier step" > summary.md
  GITHUB_STEP_SUMMARY=$work/summary.md "$bin/lc-harness" $quick $files \
    --threshold 'rest*:errors==0' --threshold 'rest90:p99<5s' --threshold 'rest50:write_ratio>=0' \
    > run.txt 2>&1 || fail "exited $?" run.txt
  check csv run.csv '^row\|resource\|.*\|rest90\|90/10\|90\|2\|\|1\|\|\|\|0\|[0-9.e+]+\|' \
    '^row\|resource\|.*\|rest50\|50/50\|50\|2\|\|1\|' '^row\|.*\|rest50(\|[^|]*){24}\|[0-9.e+]+\|' \
    '^threshold\|.*\|rest90\|.*\|rest\*:errors==0\|.*\|PASS\|' '^threshold\|.*\|rest50\|.*\|rest50:write_ratio>=0\|.*\|PASS\|' \
    '^run\|.*\|rest90\|' '^check\|.*\|rest90\|.*\|replies\|.*\|PASS\|' \
    '^check\|.*\|rest50\|.*\|teardown SIGINT under writes\|.*\|PASS\|'
  head -1 run.csv | grep -q ',write_ratio,write_ratio_ci_low,write_ratio_ci_high,read_ratio,' ||
    fail "no ratio columns in the CSV header" run.csv
  check junit run.xml '^lc-harness.resource.rest90\|replies rest 90/10 c2 rep1\|$' \
    '^lc-harness.resource.rest50\|teardown SIGINT under writes rest 50/50 c2 rep1\|$' \
    '^lc-harness.resource.rest90\|load rest 90/10 c2\|$' '^lc-harness.resource.rest50\|load rest 50/50 c2\|$'
  grep -q 'failures="0"' run.xml || fail "JUnit of a passing run has failures" run.xml
  check markdown run.md '^## lc-harness resource: PASS$' '^\| rest 90/10 c2 \| [0-9]+ \| .* \| PASS \|$' \
    '^\| rest 50/50 c2 \| ([^|]*\|){6} [0-9]+ \| [0-9]+ \| [0-9.]+( <)? \| [0-9.]+( <)? \| .* PASS \|$' \
    '^\| `rest50:write_ratio>=0` \| rest 50/50 c2 \| [0-9.]+ \| PASS \|$' '^Checks: 3 passed, 0 failed$'
  grep -q '# earlier step' summary.md || fail "GITHUB_STEP_SUMMARY was overwritten, not appended to" summary.md
  grep -q '^## lc-harness resource: PASS' summary.md || fail "Markdown not appended to GITHUB_STEP_SUMMARY" summary.md
  grep -q 'PASS rest50:write_ratio>=0 rest 50/50 c2: value' run.txt || fail "no threshold in the console" run.txt
  ls results/*-resource.csv results/*-resource.html > /dev/null 2>&1 || fail "no stamped CSV and HTML in ./results" run.txt
  [ "$(grep -o '<g class="resource-bar" data-row="rest [0-9/]* c2">' run.html | wc -l)" -eq 4 ] ||
    fail "not a reads/s and a writes/s bar per row in the HTML chart" run.html
  [ "$(grep -o 'class="ceiling-mark"' run.html | wc -l)" -eq 4 ] || fail "not 4 ceiling marks in the HTML chart" run.html
  grep -q '<table id="resource-rows">' run.html || fail "no rows table in the HTML" run.html
  echo "resource_outputs_test: passed"
  exit 0
fi
"$bin/lc-harness" $quick $files --no-ceilings --resource-mix 50/50 --threshold 'rest*:errors>0' \
  --threshold 'rest50:write_ratio>=0.5' --threshold 'rest50:p99<5s' > run.txt 2>&1
status=$?
[ "$status" -eq 1 ] || fail "a failing threshold exited $status, expected 1" run.txt
check csv run.csv '^threshold\|.*\|rest50\|.*\|rest\*:errors>0\|.*\|FAIL\|\|value 0$' \
  '^threshold\|.*\|rest50\|.*\|rest50:write_ratio>=0.5\|.*\|FAIL\|\|value nan$' \
  '^threshold\|.*\|rest50\|.*\|rest50:p99<5s\|.*\|PASS\|' '^row\|.*\|rest50\|.*\|FAIL\|\|threshold rest\*:errors>0 failed'
check junit run.xml '^lc-harness.resource.rest50\|load rest 50/50 c2\|threshold rest\*:errors>0 failed: value 0; threshold rest50:write_ratio>=0.5 failed' \
  '^lc-harness.resource.rest50\|replies rest 50/50 c2 rep1\|$'
check markdown run.md '^## lc-harness resource: FAIL$' '^\| `rest\*:errors>0` \| rest 50/50 c2 \| 0 \| FAIL \|$' \
  '^\| `rest50:p99<5s` \| rest 50/50 c2 \| [0-9.e+]+ \| PASS \|$' '^\| rest 50/50 c2 \| .* \| - \| - \| .* \| FAIL: threshold'
grep -q 'FAIL rest\*:errors>0 rest 50/50 c2: value 0' run.txt || fail "no failed threshold in the console" run.txt
grep -q 'RESULT: FAIL' run.txt || fail "no RESULT: FAIL" run.txt
grep -q '<li class="fail">FAIL threshold rest\*:errors&gt;0 rest 50/50 c2: value 0</li>' run.html ||
  fail "no failed threshold in the HTML" run.html
echo "resource_outputs_test: passed"
