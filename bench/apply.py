#!/usr/bin/python3
"""bench apply: concurrent clients submit distinct valid applications over HTTP to the release binary.

In the same run and on the same disk, the reference (apply_reference) writes the same rows per application in
one synchronous=FULL transaction each, single-threaded: what the disk allows without group commit.
The server is killed with SIGKILL while the load is still running, restarted, and every acknowledged (201)
reference is looked up in the database file.

  ratio  = acknowledged submits/s over HTTP ÷ reference applications/s   (target ≥ 1)
  p99_ms = 99th percentile latency of the submits, from wrk              (target ≤ 50)
  lost   = acknowledged references missing after the crash and restart  (must be 0)

Also measured, to show what the machine allows: the same loop committing CLIENTS applications per transaction
(a perfect group commit, with no HTTP, JSON, rules or mail), the storage ceiling.

  ceiling_apps_per_s = that loop's applications/s
  of_ceiling         = acknowledged submits/s over HTTP ÷ ceiling_apps_per_s
  latency_floor_ms   = CLIENTS ÷ ceiling_apps_per_s: with CLIENTS clients that each wait for their answer, no mean
                       latency (and so no p99) can be lower, on this machine, with the rows an application writes
"""
import argparse
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import benchlib

NAME = "apply"


def open_sessions(server):
    status, body = server.get("/api/program?year=demo")
    if status != 200:
        benchlib.fail(NAME, f"GET /api/program answered {status}")
    program = json.loads(body)
    ids = [s["id"] for s in program["sessions"] if s.get("is_open")]
    if not ids:
        benchlib.fail(NAME, "the demo year has no open session")
    return program["year"]["key"], program["privacy_notice"]["version"], ids


def references_in(db_path):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT reference FROM applications")}
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20, help="duration of the load before the crash")
    ap.add_argument("--clients", type=int, default=200, help="concurrent connections")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--reference-seconds", type=float, default=5)
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()

    reference_bin = os.path.join(benchlib.BUILD, "bench", "apply_reference")
    benchlib.need(NAME, benchlib.KENSHU, reference_bin, "wrk")
    work = benchlib.temp_dir(NAME)
    try:
        # 1. The reference, on an idle machine and the same disk.
        ref_dir = os.path.join(work, "reference")
        os.makedirs(ref_dir)
        out = subprocess.run([reference_bin, os.path.join(ref_dir, "ref.db"), str(args.reference_seconds)],
                             check=True, capture_output=True, text=True).stdout
        reference = json.loads(out.strip().splitlines()[-1])
        shutil.rmtree(ref_dir)
        os.makedirs(ref_dir)
        out = subprocess.run([reference_bin, os.path.join(ref_dir, "ceiling.db"), str(args.reference_seconds),
                              str(args.clients)], check=True, capture_output=True, text=True).stdout
        ceiling = json.loads(out.strip().splitlines()[-1])
        shutil.rmtree(ref_dir)

        # 2. The server under load, crashed while the load still runs.
        srv_dir = os.path.join(work, "server")
        refs_dir = os.path.join(work, "refs")
        os.makedirs(srv_dir)
        os.makedirs(refs_dir)
        server = benchlib.Server(srv_dir).start()
        year_key, privacy_version, session_ids = open_sessions(server)
        env = dict(os.environ, SESSION_IDS=",".join(session_ids[:2] if len(session_ids) > 1 else session_ids * 2),
                   PRIVACY_VERSION=privacy_version, YEAR_KEY=year_key, REFS_DIR=refs_dir, RUN_TAG=str(os.getpid()))
        if len(session_ids) < 2:
            benchlib.fail(NAME, "the demo year needs two open sessions")
        grace = 3
        wrk = subprocess.Popen(["wrk", f"-t{args.threads}", f"-c{args.clients}", f"-d{args.seconds + grace:g}s",
                                "--timeout", "10s", "-s", os.path.join(benchlib.ROOT, "bench", "apply.lua"),
                                server.url()], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started = time.monotonic()
        time.sleep(args.seconds)
        server.kill()
        elapsed = time.monotonic() - started
        wrk_out, wrk_err = wrk.communicate(timeout=args.seconds + 60)
        if wrk.returncode != 0:
            benchlib.fail(NAME, f"wrk failed: {wrk_err.strip()}")
        stats = json.loads([l for l in wrk_out.splitlines() if l.startswith("{")][-1])

        # 3. Restart on the same database, then count what survived.
        server = benchlib.Server(srv_dir).start()
        status, _ = server.get("/readyz")
        server.kill()  # a graceful stop would first deliver the mail backlog of the run
        if status != 200:
            benchlib.fail(NAME, f"/readyz answered {status} after the restart")
        acknowledged = set()
        for path in glob.glob(os.path.join(refs_dir, "refs-*.txt")):
            with open(path) as f:
                acknowledged.update(line.strip() for line in f if line.strip())
        in_db = references_in(server.db)
        missing = sorted(acknowledged - in_db)
        # The 201 count and the logged references must agree; if not, fall back to counting.
        lost = len(missing) if len(acknowledged) == stats["created"] else max(0, stats["created"] - len(in_db))

        submits_per_s = stats["created"] / elapsed
        figures = {
            "ratio": round(submits_per_s / reference["apps_per_s"], 3),
            "p99_ms": round(stats["p99_us"] / 1000, 1),
            "lost": lost,
            "submits_per_s": round(submits_per_s, 1),
            "reference_apps_per_s": reference["apps_per_s"],
            "ceiling_apps_per_s": ceiling["apps_per_s"],
            "of_ceiling": round(submits_per_s / ceiling["apps_per_s"], 3),
            "latency_floor_ms": round(args.clients / ceiling["apps_per_s"] * 1000, 1),
        }
        details = {
            "clients": args.clients, "wrk_threads": args.threads, "seconds_until_kill": round(elapsed, 3),
            "acknowledged": stats["created"], "rejected": stats["rejected"], "rows_after_restart": len(in_db),
            "missing_references": missing[:20], "wrk": stats, "reference": reference, "ceiling": ceiling,
            "wrk_stderr": wrk_err.strip().splitlines()[:5], "loadavg": os.getloadavg(), "cpus": os.cpu_count(),
        }
        benchlib.report(NAME, figures, details)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
