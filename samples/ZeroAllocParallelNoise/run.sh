#!/usr/bin/env bash
# Parallel noise soak for the [ZeroAlloc] adapters that run on Microsoft.Testing.Platform or MSTest:
# each fixture holds 50 zero-allocation [ZeroAlloc] tests beside 20 allocation-heavy ones (100 ms of allocating each),
# run in the framework's parallel mode (MSTest: [assembly: Parallelize(Scope = MethodLevel)]; TUnit: parallel by
# default). The whole fixture is run RUNS times (default 5); a false failure is a zero-allocation test that did not
# pass. Usage: samples/ZeroAllocParallelNoise/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
runs="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

count() { # count <trx> <outcome-regex>: zero-allocation noise tests with that outcome
  grep -o 'testName="ZeroAlloc[0-9][0-9]"[^>]*outcome="[A-Za-z]*"' "$1" | grep -cE "outcome=\"$2\"" || true
}

report() { # report <framework> <trx>
  local zero_passed zero_other heavy_passed
  zero_passed=$(count "$2" 'Passed')
  zero_other=$(count "$2" '[^P][A-Za-z]*')
  heavy_passed=$(grep -o 'testName="AllocatesHeavily[0-9][0-9]"[^>]*outcome="Passed"' "$2" | wc -l)
  echo "$1 run $3: zero-allocation tests passed $zero_passed/50, false failures $zero_other; heavy tests passed $heavy_passed/20"
}

uptime
dotnet build tests/Fixtures/Meridian.Perf.MSTest.Fixture -c Release -v q -nologo >/dev/null
dotnet build tests/Fixtures/Meridian.Perf.TUnit.Fixture -c Release -v q -nologo >/dev/null
for run in $(seq 1 "$runs"); do
  dotnet test tests/Fixtures/Meridian.Perf.MSTest.Fixture -c Release --no-build --filter "FullyQualifiedName~ParallelNoiseTests" \
    --logger "trx;LogFileName=mstest-$run.trx" --results-directory "$out" >/dev/null || true
  report MSTest "$out/mstest-$run.trx" "$run"
  dotnet tests/Fixtures/Meridian.Perf.TUnit.Fixture/bin/Release/net10.0/Meridian.Perf.TUnit.Fixture.dll \
    --treenode-filter "/*/*/ParallelNoiseTests/*" --report-trx --report-trx-filename "tunit-$run.trx" --results-directory "$out" >/dev/null || true
  report TUnit "$out/tunit-$run.trx" "$run"
done
uptime
