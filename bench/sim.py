#!/usr/bin/python3
"""bench sim: simulated seconds per wall second of the simulator engine for a full patient (PC-CMV with spontaneous
efforts + VV-ECMO), natively (bench/sim_bench.cpp, target native_rtf ≥ 5,000) and as WebAssembly in Debian's
headless Chromium (bench/sim_wasm.mjs, target wasm_rtf ≥ 1,000). Each is the median of five 600-s runs.

Prints `bench sim: native_rtf=… wasm_rtf=…` and writes bench/results/sim.json. BUILD (environment) names the build
directory holding bench/sim_bench, default build/release. The WebAssembly engine is built first if its sources
changed (scripts/build-sim-wasm).
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build/release"))
RESULTS = os.path.join(ROOT, "bench", "results")
TARGET_NATIVE = 5000.0
TARGET_WASM = 1000.0


def fail(message):
    print(f"bench sim: error: {message}", file=sys.stderr)
    sys.exit(1)


def native():
    binary = os.path.join(BUILD, "bench", "sim_bench")
    if not os.access(binary, os.X_OK):
        fail(f"{binary} not found (make build)")
    with tempfile.TemporaryDirectory(prefix="kenshu-bench-sim-") as tmp:
        out = os.path.join(tmp, "sim.json")
        subprocess.run([binary, out], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            return json.load(f)


def wasm():
    subprocess.run([os.path.join(ROOT, "scripts", "build-sim-wasm")], cwd=ROOT, check=True)
    out = subprocess.run(["node", os.path.join(ROOT, "bench", "sim_wasm.mjs")], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    try:
        n = native()
        w = wasm()
    except subprocess.CalledProcessError as e:
        fail(f"{' '.join(map(str, e.cmd))} exited {e.returncode}\n{e.stderr or ''}")
    native_rtf, wasm_rtf = n["native_rtf"], w["wasm_rtf"]
    figures = {
        "native_rtf": round(native_rtf),
        "wasm_rtf": round(wasm_rtf),
        "native_met": native_rtf >= TARGET_NATIVE,
        "wasm_met": wasm_rtf >= TARGET_WASM,
    }
    doc = {
        "bench": "sim",
        "build": os.path.relpath(BUILD, ROOT),
        "patient": "PC-CMV with spontaneous efforts + VV-ECMO",
        **figures,
        "target_native_rtf": TARGET_NATIVE,
        "target_wasm_rtf": TARGET_WASM,
        "details": {
            "native_rtf_min": n.get("native_rtf_min"),
            "native_rtf_max": n.get("native_rtf_max"),
            "wasm_rtf_min": round(w["wasm_rtf_min"]),
            "wasm_rtf_max": round(w["wasm_rtf_max"]),
            "wasm_bytes": w["wasm_bytes"],
            "chromium": w["chromium"],
            "step_s": n.get("step_s"),
            "wasm_final_state": w.get("final_state"),
        },
    }
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "sim.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"bench sim: native_rtf={figures['native_rtf']} (target >= {TARGET_NATIVE:.0f}, "
          f"{'met' if figures['native_met'] else 'NOT MET'}) wasm_rtf={figures['wasm_rtf']} "
          f"(target >= {TARGET_WASM:.0f}, {'met' if figures['wasm_met'] else 'NOT MET'})", flush=True)


if __name__ == "__main__":
    main()
