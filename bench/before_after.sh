#!/usr/bin/env bash
# The ingestion and metrics benchmarks of two checkouts side by side in one run, alternating, two pairs.
#   git worktree add --detach /tmp/before <commit> && ln -s "$PWD/.venv" /tmp/before/.venv
#   bench/before_after.sh /tmp/before . > /tmp/before_after.log
# Each side builds its own bench/out databases (the 200,000-row .xlsx can be copied across to save a minute).
set -uo pipefail
before=$(cd "$1" && pwd); after=$(cd "$2" && pwd)
for kind in ingest metrics; do
  for pair in 1 2; do
    for side in "$before" "$after"; do
      echo "### $kind $side pair $pair load $(cut -d' ' -f1-3 /proc/loadavg)"
      if [ "$kind" = ingest ]; then
        (cd "$side" && .venv/bin/python bench/ingest_bench.py --rows 200000 --reps 3 --no-pandas --no-profile --no-write)
      else
        (cd "$side" && .venv/bin/python bench/metrics_bench.py --runs 5)
      fi
    done
  done
done
