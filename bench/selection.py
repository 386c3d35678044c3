#!/usr/bin/python3
"""bench selection: runs the selection_bench binary of the build (LEMON against GLPK on the same generated instance,
in the same run; see bench/selection_bench.cpp). It prints `bench selection: ratio=… lemon_ms=… glpk_ms=…` and
writes bench/results/selection.json."""
import os
import subprocess
import sys

import benchlib

NAME = "selection"


def main():
    binary = os.path.join(benchlib.BUILD, "bench", "selection_bench")
    benchlib.need(NAME, binary)
    out = os.path.join(benchlib.RESULTS, "selection.json")
    return subprocess.run([binary, out], cwd=benchlib.ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
