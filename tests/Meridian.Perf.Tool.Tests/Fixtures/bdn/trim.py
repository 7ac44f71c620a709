# Copies BenchmarkDotNet full JSON exports into this fixture folder, keeping every field but dropping the
# measurements the tool never reads (pilot, warm-up, overhead and jitting iterations), which are 90 % of the size.
# Usage: python3 trim.py <exports-root> <variant>...   (exports-root/<variant>/r<N>/results/*-report-full-compressed.json)
import glob, json, os, sys

root, variants = sys.argv[1], sys.argv[2:]
here = os.path.dirname(os.path.abspath(__file__))
for variant in variants:
    os.makedirs(os.path.join(here, variant), exist_ok=True)
    for path in sorted(glob.glob(os.path.join(root, variant, "r*", "results", "*-report-full-compressed.json"))):
        run = path.split(os.sep)[-3]
        with open(path) as f:
            export = json.load(f)
        for benchmark in export["Benchmarks"]:
            benchmark["Measurements"] = [m for m in benchmark["Measurements"]
                                         if m["IterationMode"] == "Workload" and m["IterationStage"] in ("Actual", "Result")]
        with open(os.path.join(here, variant, f"ResultsCompareBenchmarks-{run}-report-full-compressed.json"), "w") as f:
            json.dump(export, f, separators=(",", ":"))
