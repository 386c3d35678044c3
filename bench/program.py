#!/usr/bin/python3
"""bench program: GET /api/program with wrk (keep-alive) against kenshu, and against nginx serving the same bytes
as a static file, in the same run. ratio = kenshu requests/s ÷ nginx requests/s (target ≥ 0.7).

nginx runs as the current user from a temp configuration on a free port, with as many workers as kenshu has
I/O threads (config: server.io_threads, default 2) and no access log, like `kenshu serve --quiet`.
"""
import argparse
import os
import shutil
import subprocess
import time
import urllib.request

import benchlib

NAME = "program"

NGINX_CONF = """\
{user}daemon off;
master_process on;
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp/body;
  proxy_temp_path {dir}/tmp/proxy;
  fastcgi_temp_path {dir}/tmp/fastcgi;
  uwsgi_temp_path {dir}/tmp/uwsgi;
  scgi_temp_path {dir}/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/www;
    location = /api/program {{
      default_type "application/json; charset=utf-8";
      add_header Cache-Control no-cache;
    }}
  }}
}}
"""


def start_nginx(work, body, workers):
    ngx = os.path.join(work, "nginx")
    for d in ("www/api", "tmp"):
        os.makedirs(os.path.join(ngx, d), exist_ok=True)
    with open(os.path.join(ngx, "www", "api", "program"), "wb") as f:
        f.write(body)
    port = benchlib.free_port()
    conf = os.path.join(ngx, "nginx.conf")
    with open(conf, "w") as f:
        # As root, nginx would switch its workers to `nobody`: keep them the current user, like the rest.
        user = ""
        if os.geteuid() == 0:
            import grp
            import pwd
            user = f"user {pwd.getpwuid(0).pw_name} {grp.getgrgid(os.getegid()).gr_name};\n"
        f.write(NGINX_CONF.format(dir=ngx, port=port, workers=workers, user=user))
    # Its own session, like kenshu's (see benchlib.Server.start).
    proc = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", ngx, "-c", conf],
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(ngx, "stderr.log"), "wb"))
    url = f"http://127.0.0.1:{port}/api/program"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.read() != body:
                    raise RuntimeError("nginx serves other bytes")
                return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    with open(os.path.join(ngx, "stderr.log")) as f:
        benchlib.fail(NAME, "nginx did not start: " + f.read().strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--nginx-workers", type=int, default=2)
    args = ap.parse_args()
    benchlib.need(NAME, benchlib.KENSHU, "wrk")
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        benchlib.fail(NAME, "nginx not found (scripts/bootstrap)")

    work = benchlib.temp_dir(NAME)
    server = nginx = None
    try:
        server = benchlib.Server(work).start()
        status, body = server.get("/api/program")
        if status != 200:
            benchlib.fail(NAME, f"GET /api/program answered {status}")
        benchlib.wrk(server.url("/api/program"), args.threads, args.connections, 2)  # warm-up
        kenshu = benchlib.wrk(server.url("/api/program"), args.threads, args.connections, args.seconds)
        server.stop()
        server = None

        nginx, url = start_nginx(work, body, args.nginx_workers)
        benchlib.wrk(url, args.threads, args.connections, 2)
        reference = benchlib.wrk(url, args.threads, args.connections, args.seconds)

        figures = {
            "ratio": round(kenshu["requests_per_s"] / reference["requests_per_s"], 3),
            "kenshu_rps": kenshu["requests_per_s"],
            "nginx_rps": reference["requests_per_s"],
            "kenshu_p99_ms": round(kenshu["p99_us"] / 1000, 2),
            "body_bytes": len(body),
        }
        benchlib.report(NAME, figures, {"kenshu": kenshu, "nginx": reference, "connections": args.connections,
                                        "wrk_threads": args.threads, "nginx_workers": args.nginx_workers,
                                        "loadavg": os.getloadavg(), "cpus": os.cpu_count()})
    finally:
        if server:
            server.kill()
        if nginx and nginx.poll() is None:
            nginx.terminate()
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
