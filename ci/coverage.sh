#!/usr/bin/env bash
# Line coverage of the suite's own code from the lcov files coverlet.collector wrote (one per test project): a
# line counts as covered when any test project ran it; generated code (obj/) is left out. One line per folder.
#
#   ci/coverage.sh DIR ROOT FOLDER...    DIR: searched for coverage.info; ROOT: the clone; FOLDER: model, harness
set -euo pipefail
dir="$1"; root="$2"; shift 2
mapfile -t files < <(find "$dir" -name coverage.info 2>/dev/null)
if [ ${#files[@]} -eq 0 ]; then echo "no coverage files under $dir"; exit 0; fi
awk -v root="${root%/}/" -v folders="$*" '
  /^SF:/ { file = substr($0, 4) }
  /^DA:/ { split(substr($0, 4), d, ","); key = file ":" d[1]; seen[key] = 1; if (d[2] + 0 > 0) hit[key] = 1 }
  END {
    n = split(folders, wanted, " ")
    for (key in seen) for (i = 1; i <= n; i++) {
      prefix = root wanted[i] "/"
      if (index(key, prefix) == 1 && index(key, "/obj/") == 0) { total[i]++; if (key in hit) covered[i]++ }
    }
    for (i = 1; i <= n; i++)
      if (total[i] == 0) printf "%s/: no lines measured\n", wanted[i]
      else printf "%s/: %.1f%% of %d lines\n", wanted[i], 100 * covered[i] / total[i], total[i]
  }' "${files[@]}"
