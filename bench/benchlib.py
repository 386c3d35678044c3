"""Shared parts of the HTTP benchmarks: the build to measure, a kenshu server on a temp database, results.

BUILD (environment) names the build directory, default build/release; BENCH_CONFIG the configuration file
(default config/kenshu.toml, relative to the repository); BENCH_TMPDIR the parent of the temp directories
(default /tmp), so the server and the references write to the same disk.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build/release"))
KENSHU = os.path.join(BUILD, "src", "kenshu")
CONFIG = os.environ.get("BENCH_CONFIG", "config/kenshu.toml")
RESULTS = os.path.join(ROOT, "bench", "results")


def fail(name, message):
    print(f"bench {name}: error: {message}", file=sys.stderr)
    sys.exit(1)


def need(name, *tools):
    for t in tools:
        if not (os.path.isfile(t) and os.access(t, os.X_OK)) and shutil.which(t) is None:
            fail(name, f"{t} not found (make build, scripts/bootstrap)")


def temp_dir(name):
    parent = os.environ.get("BENCH_TMPDIR", tempfile.gettempdir())
    return tempfile.mkdtemp(prefix=f"kenshu-bench-{name}-", dir=parent)


class Server:
    """`kenshu serve` on port 0 with its own database and mail folder; the demo year has open sessions."""

    def __init__(self, workdir, extra=()):
        self.workdir = workdir
        self.db = os.path.join(workdir, "kenshu.db")
        self.args = [KENSHU, "serve", "--config", CONFIG, "--port", "0",
                     "--db", self.db, "--mail-dir", os.path.join(workdir, "mail"), "--demo", "--quiet", *extra]
        self.proc = None
        self.port = None
        self.started_at = None

    def start(self, timeout=30):
        self.started_at = time.monotonic()
        # Its own session, like a daemon: on machines with scheduler autogroups the server is not counted in
        # the same group as the load generator.
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdout=subprocess.PIPE, start_new_session=True,
                                     stderr=open(os.path.join(self.workdir, "server.log"), "ab"))
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            if line.startswith(b"listening on "):
                self.port = int(line.rsplit(b":", 1)[1])
                return self
        self.kill()
        raise RuntimeError(f"kenshu did not start (see {self.workdir}/server.log)")

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path)
        res = conn.getresponse()
        body = res.read()
        conn.close()
        return res.status, body

    def stop(self):
        """SIGTERM: a graceful stop."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self):
        """SIGKILL: a crash, nothing flushed by the process itself."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def report(name, figures, details=None):
    """Prints `bench NAME: key=value …` and writes bench/results/NAME.json."""
    os.makedirs(RESULTS, exist_ok=True)
    doc = {"bench": name, "build": os.path.relpath(BUILD, ROOT), **figures, "details": details or {}}
    with open(os.path.join(RESULTS, f"{name}.json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")

    def fmt(v):
        return f"{v:.3g}" if isinstance(v, float) and abs(v) < 10 else (f"{v:.0f}" if isinstance(v, float) else str(v))

    print(f"bench {name}: " + " ".join(f"{k}={fmt(v)}" for k, v in figures.items()), flush=True)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, threads, connections, seconds, script=None, env=None):
    """Runs wrk with keep-alive; returns the JSON line of bench/summary.lua (or of the given script)."""
    script = script or os.path.join(ROOT, "bench", "summary.lua")
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
                          "-s", script, url], check=True, capture_output=True, text=True, env=env).stdout
    stats = json.loads([l for l in out.splitlines() if l.startswith("{")][-1])
    stats["requests_per_s"] = round(stats["requests"] / (stats["duration_us"] / 1e6), 1)
    return stats
