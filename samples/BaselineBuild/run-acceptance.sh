#!/usr/bin/env bash
# Acceptance of the baseline-build checks (docs/regression.md, "Against a baseline build"), as a user would run them.
#   samples/BaselineBuild/run-acceptance.sh [RUNS] [AA_RUNS]      (defaults 10 and 20)
# 1. Packs Meridian.Perf and the sample library Sample.Parsing as version 1 and version 2 into a local feed.
# 2. NuGet route: `dotnet new xunit`, `dotnet add package` Meridian.Perf and Sample.Parsing 2 from the feed, the
#    baseline declared in the project file (<MeridianPerfBaseline Include="Sample.Parsing" Version="1..." />), then
#    `dotnet test` RUNS times; each check's verdict is counted.
# 3. A/A: the same project on version 1 against version 1, AA_RUNS times: no Slower or Faster may appear.
# 4. Folder route: a scratch git repository with the library at tag v1 and version 2 on top, a test project with a
#    project reference; `dotnet msbuild -t:MeridianPerfBuildBaseline -p:MeridianPerfBaselineRef=v1` builds the
#    baseline, MERIDIAN_PERF_BASELINE_DIRECTORY points the tests at it, `dotnet test` RUNS times.
# Not part of the test suite: it takes minutes. Timing verdicts depend on the machine; the report says the load.
set -euo pipefail
RUNS=${1:-10}
AA_RUNS=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/meridian-baseline-acceptance-XXXXXX)}
mkdir -p "$WORK"
[ -f "$WORK/stamp" ] || date -u +%Y%m%d%H%M%S >"$WORK/stamp"   # one version per work folder, so stages can run apart
STAMP=$(cat "$WORK/stamp")
PERF_VERSION="0.1.0-bb.$STAMP"
V1="1.0.0-t$STAMP"
V2="2.0.0-t$STAMP"
FEED="$WORK/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
echo "work folder: $WORK; load: $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$FEED"

pack() {
  dotnet pack "$ROOT/src/Meridian.Perf/Meridian.Perf.csproj" -c Release -o "$FEED" -p:VersionSuffix="${PERF_VERSION#0.1.0-}" >"$WORK/pack.log"
  for v in 1 2; do
    mkdir -p "$WORK/lib-v$v" && cp "$HERE/Sample.Parsing/"*.cs "$HERE/Sample.Parsing/"*.csproj "$WORK/lib-v$v/"
    local version; version=$([ "$v" = 1 ] && echo "$V1" || echo "$V2")
    dotnet pack "$WORK/lib-v$v/Sample.Parsing.csproj" -c Release -o "$FEED" -p:SampleVersion=$v -p:Version="$version" >>"$WORK/pack.log"
  done
  ls "$FEED"
}

# A project made as a user makes one. $1 folder, $2 version of Sample.Parsing to reference, $3 baseline version, $4 include NewApiTests
user_project() {
  local dir=$1
  dotnet new xunit -o "$dir" -n Sample.Parsing.Tests >/dev/null
  (cd "$dir" && dotnet new nugetconfig >/dev/null && dotnet nuget add source "$FEED" --name local --configfile nuget.config >/dev/null)
  (cd "$dir" && dotnet add package Meridian.Perf --version "$PERF_VERSION" >/dev/null && dotnet add package Sample.Parsing --version "$2" >/dev/null)
  sed -i "s#</Project>#  <ItemGroup>\n    <MeridianPerfBaseline Include=\"Sample.Parsing\" Version=\"$3\" />\n  </ItemGroup>\n\n</Project>#" "$dir/Sample.Parsing.Tests.csproj"
  rm -f "$dir"/*.cs
  cp "$HERE/UserTests/RegressionTests.cs" "$dir/"
  [ "$4" = yes ] && cp "$HERE/UserTests/NewApiTests.cs" "$dir/"
  return 0
}

# $1 project folder, $2 runs, $3 results file; extra environment from the caller
run_tests() {
  local dir=$1 runs=$2 log=$3
  : >"$log"
  for i in $(seq 1 "$runs"); do
    local build=(--no-build); [ "$i" = 1 ] && build=()
    local start=$SECONDS
    RESULT_LOG="$log" dotnet test "$dir" -c Release "${build[@]}" --logger "trx;LogFileName=run$i.trx" --results-directory "$dir/results" >"$dir/test-$i.log" 2>&1 || true
    echo "  run $i: $((SECONDS - start)) s, load $(cut -d' ' -f1 /proc/loadavg), $(grep -cE '^' "$log") checks so far"
  done
}

tally() {
  echo "== $1 (${2})"
  awk -F'|' '{ key=$1"|"$2"|"$3; n[key]++ } END { for (k in n) printf "  %-40s %d\n", k, n[k] }' "$2" | sort
  awk -F'|' '$1=="AllocatingBytes" { printf "  AllocatingBytes: baseline %s B, current %s B\n", $5, $6 }' "$2" | sort | uniq -c
  awk -F'|' '$7!="" { if ($7>max) max=$7; s+=$7; n++ } END { if (n) printf "  check time: mean %.3f s, max %.3f s over %d checks\n", s/n, max, n }' "$2"
  awk -F'|' '$8!="" && $8>0 { printf "  context load: %s ms (%s)\n", $8, $1 }' "$2" | sort | uniq -c | head -5
}

stage=${STAGE:-all}
if [ "$stage" = all ] || [ "$stage" = pack ]; then pack; fi

if [ "$stage" = all ] || [ "$stage" = nuget ]; then
  user_project "$WORK/nuget" "$V2" "$V1" yes
  run_tests "$WORK/nuget" "$RUNS" "$WORK/nuget.results"
  tally "NuGet route, v2 against v1, $RUNS runs" "$WORK/nuget.results"
fi

if [ "$stage" = all ] || [ "$stage" = aa ]; then
  user_project "$WORK/aa" "$V1" "$V1" no
  run_tests "$WORK/aa" "$AA_RUNS" "$WORK/aa.results"
  tally "A/A, v1 against v1, $AA_RUNS runs" "$WORK/aa.results"
fi

if [ "$stage" = all ] || [ "$stage" = folder ]; then
  repo="$WORK/repo"
  mkdir -p "$repo/src/Sample.Parsing"
  cp "$HERE/Sample.Parsing/"*.cs "$HERE/Sample.Parsing/"*.csproj "$repo/src/Sample.Parsing/"
  git -C "$repo" init -q && git -C "$repo" config user.email a@b.c && git -C "$repo" config user.name acceptance
  git -C "$repo" add -A && git -C "$repo" commit -qm "Sample.Parsing v1" && git -C "$repo" tag v1
  sed -i 's#<SampleVersion Condition="'"'"'$(SampleVersion)'"'"' == '"'"''"'"'">1</SampleVersion>#<SampleVersion Condition="'"'"'$(SampleVersion)'"'"' == '"'"''"'"'">2</SampleVersion>#' "$repo/src/Sample.Parsing/Sample.Parsing.csproj"
  grep -q '>2</SampleVersion>' "$repo/src/Sample.Parsing/Sample.Parsing.csproj"
  tests="$repo/tests/Sample.Parsing.Tests"
  dotnet new xunit -o "$tests" -n Sample.Parsing.Tests >/dev/null
  (cd "$repo" && dotnet new nugetconfig >/dev/null && dotnet nuget add source "$FEED" --name local --configfile nuget.config >/dev/null)
  (cd "$tests" && dotnet add package Meridian.Perf --version "$PERF_VERSION" >/dev/null && dotnet add reference ../../src/Sample.Parsing/Sample.Parsing.csproj >/dev/null)
  rm -f "$tests"/*.cs && cp "$HERE/UserTests/"*.cs "$tests/"
  printf 'bin/\nobj/\nresults/\n' >"$repo/.gitignore"
  git -C "$repo" add -A && git -C "$repo" commit -qm "Sample.Parsing v2 and its tests"
  start=$SECONDS
  (cd "$repo" && dotnet msbuild -restore tests/Sample.Parsing.Tests -t:MeridianPerfBuildBaseline -p:MeridianPerfBaselineConfiguration=Release -p:MeridianPerfBaselineRef=v1 -p:MeridianPerfBaselineOutput="$WORK/baseline-v1" -nologo -v:m) | tail -5
  echo "  baseline built in $((SECONDS - start)) s: $(ls "$WORK/baseline-v1")"
  MERIDIAN_PERF_BASELINE_DIRECTORY="$WORK/baseline-v1" run_tests "$tests" "$RUNS" "$WORK/folder.results"
  tally "Folder route, v2 against the v1 tag built by MeridianPerfBuildBaseline, $RUNS runs" "$WORK/folder.results"
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
