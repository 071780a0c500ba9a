#!/bin/sh
# expect_exit.sh STATUS COMMAND...: passes when COMMAND exits with STATUS.
expected=$1
shift
"$@"
status=$?
if [ "$status" -ne "$expected" ]; then
  echo "expect_exit: exit status $status, expected $expected" >&2
  exit 1
fi
