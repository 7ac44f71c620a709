#!/usr/bin/env bash
# Acceptance figures of issue 18 ("the main job on any machine"), reproducible on an idle machine:
# clones the repository (default: this checkout's), runs the README's main command twice in the clone — the first run
# includes the build from the clean clone (warm package cache) — and prints for each run its wall-clock time, the load
# average before it, the targets met and the two ratio targets with their Bench.Compare intervals.
#
#   samples/Meridian.Telemetry.Audit/acceptance.sh [repository-or-path]
#
# Each run's console output and audit.md are kept in the printed work directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_repo=${1:-$(git -C "$here" rev-parse --show-toplevel)}
work=$(mktemp -d /tmp/meridian-acceptance-XXXXXX)
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "work directory: $work"
echo "machine: $(nproc) logical cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
git clone -q "$source_repo" "$work/clone"
echo "commit: $(git -C "$work/clone" log -1 --format='%h %s')"
cd "$work/clone"

status=0
for run in 1 2; do
    echo
    echo "== run $run$([ "$run" = 1 ] && echo ' (includes the build from the clean clone)'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s.%N)
    if ! dotnet run -c Release --project samples/Meridian.Telemetry.Audit -- --output "$work/run$run" > "$work/run$run.txt" 2>&1; then
        echo "the audit failed; see $work/run$run.txt"
        status=1
        continue
    fi

    end=$(date +%s.%N)
    printf 'wall-clock time: %.1f s; load average after: %s\n' "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
    grep -o 'targets met: [0-9]* of [0-9]*' "$work/run$run.txt" || status=1
    grep -E '^\| optimized ≥ ' "$work/run$run/audit.md" | cut -d'|' -f2-4 | sed 's/^/  /'
    grep -q 'targets met: \([0-9]*\) of \1' "$work/run$run.txt" || status=1
done

exit $status
