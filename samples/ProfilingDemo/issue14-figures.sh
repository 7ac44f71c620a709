#!/usr/bin/env bash
# Reproduces the figures of issue 14 ("profiles that tell the truth") on this machine, in one go:
#   1. the ground-truth workload under the perf_event_open sampler (shares against the timed shares, runtime-internal),
#   2. the same workload under Linux `perf record` (perf-compare.sh; needs Debian's linux-perf),
#   3. the telemetry audit twice: its Phase 2 sampler, runtime-internal share and stage shares against the pipeline's
#      own stage times, and its dhat.naive.json and flamegraph.fix.diff.svg,
#   4. with chromium installed, a screenshot of dh_view.html (Valgrind's DHAT viewer) loading the audit's dhat file.
# Usage (from the repository root): samples/ProfilingDemo/issue14-figures.sh [output-dir]
# Run it on an idle machine: the shares are ratios measured in one run, but say which load they were measured under.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/artifacts/issue14}"
mkdir -p "$out"
cd "$root"
echo "== $(date -u '+%F %T') UTC, $(uptime | sed 's/.*load average/load average/')"

dotnet build samples/ProfilingDemo/ProfilingDemo.csproj -c Release -warnaserror -v q -nologo >/dev/null
dotnet build samples/Meridian.Telemetry.Audit/Meridian.Telemetry.Audit.csproj -c Release -warnaserror -v q -nologo >/dev/null

echo "== 1. ground truth, perf_event_open sampler, 3 s"
dotnet samples/ProfilingDemo/bin/Release/net10.0/ProfilingDemo.dll ground-truth 3 perf-event | sed -n '1,9p'

echo "== 2. the same workload under perf record"
if command -v perf >/dev/null; then
  samples/ProfilingDemo/perf-compare.sh 3 | sed -n '/^Ground truth/,$p' | grep -v "Hash's share of LeafLoop: timed .*NaN"
else
  echo "perf not installed (apt-get install linux-perf)"
fi

for run in 1 2; do
  echo "== 3.$run the audit ($(uptime | sed 's/.*load average/load average/'))"
  dotnet run -c Release --no-build --project samples/Meridian.Telemetry.Audit -- --output "$out/audit-$run" >"$out/audit-$run.log" 2>&1
  md="$out/audit-$run/audit.md"
  tail -1 "$out/audit-$run.log"
  grep -o 'Sampler: Linux `perf_event_open`[^:]*\|Sampler: the runtime'"'"'s EventPipe sample profiler[^:]*' "$md" | head -1
  grep -o '\*\*Runtime code:\*\* [0-9.]* %[^(]*' "$md"
  grep -o 'Named by what it does and charged to the managed frame that caused it: .*' "$md"
  grep -E '^\| (decode|validate|aggregate|emit|no stage) \|' "$md" | grep ' pt |' | awk -F'|' '{printf "  %-10s profile %8s  self-measured %8s  %s\n", $2, $5, $6, $7}'
  grep -o 'Largest difference between a stage.*' "$md"
  ls "$out/audit-$run"/dhat.naive.json "$out/audit-$run"/flamegraph.fix.diff.svg
done

viewer="$(dpkg -L valgrind 2>/dev/null | grep 'dh_view.html$' || true)"
if command -v chromium >/dev/null && [ -n "$viewer" ]; then
  echo "== 4. dh_view.html with the audit's dhat.naive.json"
  page="$out/dh_view"
  mkdir -p "$page"
  cp "$(dirname "$viewer")"/dh_view.* "$page"/
  # The viewer's own loadFile() reads the file from its file input; a File put there stands in for the file chooser.
  python3 - "$page/dh_view.html" "$out/audit-1/dhat.naive.json" "$page/view.html" <<'PY'
import json, sys
html = open(sys.argv[1]).read()
data = open(sys.argv[2]).read()
script = ('<script>window.addEventListener("load", () => { const t = new DataTransfer(); '
          't.items.add(new File([%s], "dhat.naive.json")); gInput.files = t.files; loadFile(); });</script></body>') % json.dumps(data)
open(sys.argv[3], "w").write(html.replace("</body>", script))
PY
  chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --window-size=1300,1100 \
    --screenshot="$out/dh_view.png" "file://$page/view.html" 2>/dev/null
  echo "screenshot: $out/dh_view.png (the tree of program points; an invalid file shows the viewer's error instead)"
fi
