# SPDX-License-Identifier: MIT
# Sourced by the golden tests (check-golden.sh, tests/cli/diff-goldens.sh): the one way a
# fresh output is held against, or written over, its reviewed expected file.
#
#   golden_compare UPDATE WORK EXPECTED FILE...
#     UPDATE 1: copy each WORK/FILE to EXPECTED/FILE (then review git diff); else compare,
#     printing "ok FILE" or "FAIL FILE ..." with the diff.  Adds the failures to $failed.
golden_compare() {
  local update=$1 work=$2 expected=$3 f
  shift 3
  for f in "$@"; do
    if [ "$update" = 1 ]; then
      cp "$work/$f" "$expected/$f"
      echo "updated $expected/$f"
    elif [ ! -f "$expected/$f" ]; then
      echo "FAIL $f: no expected file $expected/$f (create it with --update, then review it)"
      failed=$((failed + 1))
    elif ! diff -u "$expected/$f" "$work/$f"; then
      echo "FAIL $f differs from $expected/$f"
      failed=$((failed + 1))
    else
      echo "ok $f"
    fi
  done
}
