#!/usr/bin/env bash
# Issue 19's acceptance, rerun on any machine: every row of the README's "The measuring code's own cost" table.
#   bash samples/Meridian.Perf.Benchmarks/acceptance.sh [output folder, default artifacts/overhead]
# About 8-10 minutes on 2 idle cores. Quote the load averages it prints beside the figures; on a busy machine prefer the
# ratios (BenchmarkDotNet runs the raw reference in the same process) and the thread-CPU columns.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
out="${1:-artifacts/overhead}"
rm -rf "$out" && mkdir -p "$out"
run() { dotnet run -c Release --no-build --project samples/Meridian.Perf.Benchmarks -- "$@"; }

echo "::: machine"
{ grep -m1 'model name' /proc/cpuinfo || true; nproc; dotnet --list-runtimes | grep NETCore.App; uptime; } | tee "$out/machine.txt"

echo "::: build the benchmarks and the profiling demo; pack core for its ReadyToRun image (row 3)"
dotnet build samples/Meridian.Perf.Benchmarks -c Release -warnaserror > "$out/build.log"
dotnet build samples/ProfilingDemo -c Release -warnaserror >> "$out/build.log"
dotnet pack src/Meridian.Perf -c Release -o "$out/package" >> "$out/build.log"
unzip -o -j -q "$out"/package/Meridian.Perf.*[0-9].nupkg 'runtimes/linux-x64/lib/net10.0/Meridian.Perf.dll' -d "$out/readytorun"

echo "::: rows 1-2: BenchmarkDotNet medium job, each row beside two raw GC.GetAllocatedBytesForCurrentThread() ($(uptime))"
run --filter '*AllocationScopeBenchmarks*' '*RuntimeCountersBenchmarks*' --job medium --artifacts "$out/bdn" > "$out/bdn.log"
cat "$out"/bdn/results/*-report-github.md | grep '^|'

echo "::: rows 1-2 interleaved on the thread's CPU clock ($(uptime))"
run interleaved | tee "$out/interleaved.txt"

echo "::: row 3: first Allocations.Measure in 40 fresh processes, IL and the package's ReadyToRun image side by side ($(uptime))"
run first-use 40 "$out/readytorun/Meridian.Perf.dll" | tee "$out/first-use.txt"

echo "::: row 4: first profiling session in 10 fresh processes per sampler ($(uptime))"
dotnet run -c Release --no-build --project samples/ProfilingDemo -- first-session 10 | tee "$out/first-session.txt"

echo "::: done ($(uptime))"
