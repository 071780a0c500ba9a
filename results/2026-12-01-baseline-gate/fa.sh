#!/bin/sh
B=/work/wt-harness/build/release/bin
common="--scenarios 1,2,3,4 --connections 1,8 --sizes 8,100 --repetitions 5 --warmup 200ms --duration 1s --no-teardown --no-fault --quiet"
$B/lc-harness $common --seed 11 --json a.json > a.txt; echo "a exit $?"
$B/lc-harness $common --seed 12 --baseline a.json --fail-on 'rps:-10%,p99:+25%,ratio:-10%' --json b.json --markdown b.md > b.txt; echo "b exit $?"
LC_TEXTURE_US_PER_CELL=2 $B/lc-harness $common --seed 13 --baseline a.json --fail-on 'rps:-10%,p99:+25%,ratio:-10%' --json c.json --markdown c.md > c.txt; echo "c exit $?"
