#!/usr/bin/env bash
# Cost of the attribute on a trivial test (`_parsed++`), from the runners' own TRX durations, for the MSTest and TUnit
# adapters. "Once per process": a process that runs only TrivialZeroAlloc vs one that runs only Trivial (the first
# [ZeroAlloc] measurement pays for JIT-compiling the measuring code, optimized, and the adapter's reflection), RUNS
# interleaved pairs (default 5). "Per test after": both tests inside a full fixture run.
# Usage: samples/ZeroAllocAdapterCost/run.sh [RUNS]. Absolute times on a loaded machine are pessimistic.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
runs="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

duration() { # duration <trx> <testName>: the test's duration in ms
  grep -o "testName=\"$2\"[^>]*duration=\"[0-9:.]*\"" "$1" | head -1 | sed -E 's/.*duration="([0-9:.]*)"/\1/' |
    awk -F: '{ printf "%.3f", ($1 * 3600 + $2 * 60 + $3) * 1000 }'
}

uptime
dotnet build tests/Fixtures/Meridian.Perf.MSTest.Fixture -c Release -v q -nologo >/dev/null
dotnet build tests/Fixtures/Meridian.Perf.TUnit.Fixture -c Release -v q -nologo >/dev/null
tunit=tests/Fixtures/Meridian.Perf.TUnit.Fixture/bin/Release/net10.0/Meridian.Perf.TUnit.Fixture.dll
for run in $(seq 1 "$runs"); do
  for test in Trivial TrivialZeroAlloc; do
    dotnet test tests/Fixtures/Meridian.Perf.MSTest.Fixture -c Release --no-build --filter "Name=$test" \
      --logger "trx;LogFileName=m-$test-$run.trx" --results-directory "$out" >/dev/null || true
    dotnet "$tunit" --treenode-filter "/*/*/PassingTests/$test" --report-trx --report-trx-filename "t-$test-$run.trx" \
      --results-directory "$out" >/dev/null || true
  done
  echo "alone in its process, run $run: MSTest Trivial $(duration "$out/m-Trivial-$run.trx" Trivial) ms, TrivialZeroAlloc $(duration "$out/m-TrivialZeroAlloc-$run.trx" TrivialZeroAlloc) ms;" \
    "TUnit Trivial $(duration "$out/t-Trivial-$run.trx" Trivial) ms, TrivialZeroAlloc $(duration "$out/t-TrivialZeroAlloc-$run.trx" TrivialZeroAlloc) ms"
done
dotnet test tests/Fixtures/Meridian.Perf.MSTest.Fixture -c Release --no-build --filter "FullyQualifiedName~PassingTests" \
  --logger "trx;LogFileName=m-all.trx" --results-directory "$out" >/dev/null || true
dotnet "$tunit" --treenode-filter "/*/*/PassingTests/*" --report-trx --report-trx-filename "t-all.trx" --results-directory "$out" >/dev/null || true
echo "inside a fixture run (after other tests): MSTest Trivial $(duration "$out/m-all.trx" Trivial) ms, TrivialZeroAlloc $(duration "$out/m-all.trx" TrivialZeroAlloc) ms;" \
  "TUnit Trivial $(duration "$out/t-all.trx" Trivial) ms, TrivialZeroAlloc $(duration "$out/t-all.trx" TrivialZeroAlloc) ms"
uptime
