#!/usr/bin/env bash
# Instructions per request of each scenario's server tree, counted by callgrind, which counts what
# the processes execute and is not moved by the machine's load. Each scenario is run twice under
# callgrind (children traced too), with a short and a long run of keep-alive GETs from one curl;
# the difference of the totals divided by the difference of the requests leaves out start and exit.
#
#   bench/instructions/per_request.sh [bin folder] [scenarios] > results/<date>-instructions.txt
set -euo pipefail
bin=${1:-build/release/bin}
scenarios=${2:-1 2 3 4 5 6 7 8}
size=${SIZE:-8}
port=${PORT:-47311}
work=$(mktemp -d)
[[ -n ${KEEP:-} ]] && echo "callgrind files in $work" >&2 || trap 'rm -rf "$work"' EXIT

# Requests in the short and the long run: a process per request (5, 6) costs a process start each.
counts() { case $1 in 5|6) echo "10 40" ;; *) echo "200 1200" ;; esac; }

total_instructions() {  # the summed totals of every callgrind file in a folder
  awk '/^summary:/ { s += $2 } END { printf "%d\n", s }' "$1"/cg.*
}

run() {  # scenario, requests -> instructions of the whole server tree
  local scenario=$1 requests=$2 out=$work/$1-$2
  mkdir -p "$out"
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/cg.%p" \
    "$bin/test_server_$scenario" "--server-address={\"host\":\"127.0.0.1\",\"port\":$port}" \
    >"$out/stdout" 2>"$out/valgrind.log" &
  local server=$!
  local url="http://127.0.0.1:$port/Xy?x=$size&y=$size"
  local deadline=$((SECONDS + 120))
  until curl -s -o /dev/null "$url"; do
    ((SECONDS < deadline)) || { echo "scenario $scenario: no answer within 120 s" >&2; kill -9 $server; return 1; }
    sleep 0.2
  done
  local config=$out/curl.config
  for ((i = 0; i < requests; i++)); do printf 'url = "%s"\noutput = /dev/null\n' "$url"; done >"$config"
  curl -s --fail --config "$config" || { echo "scenario $scenario: a request failed" >&2; kill -9 $server; return 1; }
  kill -INT $server
  wait $server || true
  total_instructions "$out"
}

printf '# instructions per request, callgrind, %sx%s tables, one keep-alive connection\n' "$size" "$size"
printf '# machine %s, %s cores, commit %s, %s\n' "$(uname -m)" "$(nproc)" \
  "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(date -u +%FT%TZ)"
printf 'scenario\tshort\tlong\tinstructions_short\tinstructions_long\tper_request\n'
for s in $scenarios; do
  read -r short long < <(counts "$s")
  a=$(run "$s" "$short")
  b=$(run "$s" "$long")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$short" "$long" "$a" "$b" $(((b - a) / (long - short)))
done
