#!/usr/bin/python3
"""bench footprint: ready_ms, from exec of `kenshu serve` to the first 200 on /readyz (target ≤ 300), and rss_mb,
the resident memory of the idle server a moment after it is ready (VmRSS, target ≤ 30).

Each start is on a fresh database (migrations and programme loading included); the figures are the medians of
--runs starts. /readyz is polled every millisecond as soon as the `listening on` line names the port.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import time

import benchlib

NAME = "footprint"


def ready_once(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def one_start(work, idle_s):
    server = benchlib.Server(work)
    t0 = time.monotonic()
    server.start()
    listening_ms = (time.monotonic() - t0) * 1000
    while not ready_once(server.port):
        if time.monotonic() - t0 > 30:
            server.kill()
            benchlib.fail(NAME, "/readyz never answered 200")
        time.sleep(0.001)
    ready_ms = (time.monotonic() - t0) * 1000
    time.sleep(idle_s)
    pid = server.proc.pid
    rss_kb, hwm_kb = status_kb(pid, "VmRSS"), status_kb(pid, "VmHWM")
    threads = status_kb(pid, "Threads")
    server.stop()
    return {"ready_ms": ready_ms, "listening_ms": listening_ms, "rss_kb": rss_kb, "hwm_kb": hwm_kb,
            "threads": threads}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle-seconds", type=float, default=2)
    args = ap.parse_args()
    benchlib.need(NAME, benchlib.KENSHU)
    runs = []
    for i in range(args.runs):
        work = benchlib.temp_dir(NAME)
        try:
            runs.append(one_start(work, args.idle_seconds))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    figures = {
        "rss_mb": round(statistics.median(r["rss_kb"] for r in runs) / 1024, 1),
        "ready_ms": round(statistics.median(r["ready_ms"] for r in runs), 1),
    }
    details = {"runs": runs, "threads": runs[0]["threads"], "loadavg": os.getloadavg(), "cpus": os.cpu_count()}
    benchlib.report(NAME, figures, details)


if __name__ == "__main__":
    main()
