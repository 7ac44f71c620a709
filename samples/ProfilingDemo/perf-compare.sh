#!/usr/bin/env bash
# Profiles the ground-truth workload with Linux `perf record` (software cpu-clock, user space, frame-pointer call
# chains, the runtime's perf map) and prints each method's inclusive share of the measured run's samples, beside the
# shares the workload timed itself. Compare with: dotnet ProfilingDemo.dll ground-truth SECONDS perf-event
# Needs Debian's linux-perf. Usage: samples/ProfilingDemo/perf-compare.sh [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-3}"
dll="$here/bin/Release/net10.0/ProfilingDemo.dll"
[ -f "$dll" ] || dotnet build "$here/ProfilingDemo.csproj" -c Release >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# W^X off: with it on, perf sees jitted code as the file memfd:doublemapper and never consults the perf map.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  perf record -q -e cpu-clock:u -c 250000 -g -o "$work/perf.data" -- dotnet "$dll" ground-truth "$seconds" none | tee "$work/timed.txt"
perf script -i "$work/perf.data" -F ip,sym 2>/dev/null > "$work/stacks.txt"
# The runtime leaves its perf map for perf to read after the process exits; remove it now that perf has read it.
pid="$(sed -n 's/^Process id \([0-9]*\).*/\1/p' "$work/timed.txt")"
if [ -n "$pid" ]; then rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"; fi

python3 - "$work/stacks.txt" <<'PY'
import sys
methods = ["CallFreeLoopA", "CallFreeLoopB", "HelperLoop", "LeafLoop", "NoopLoop", "Hash"]
inclusive = {m: 0 for m in methods}
total = 0
stack = []
def flush():
    global total
    if any("GroundTruthDemo::RunMeasured" in f for f in stack):
        total += 1
        for m in methods:
            if any(f"GroundTruthWorkload::{m}(" in f for f in stack):
                inclusive[m] += 1
for line in open(sys.argv[1], errors="replace"):
    if line.strip() == "":
        flush(); stack = []
    else:
        stack.append(line.strip())
flush()
print(f"perf record: {total} samples in the measured run")
for m in methods[:-1]:
    print(f"  {m:<14} {inclusive[m] / max(total, 1) * 100:6.1f} %")
print(f"  Hash's share of LeafLoop: {inclusive['Hash'] / max(inclusive['LeafLoop'], 1) * 100:.1f} %")
PY
