"""Limits and robustness of the real server: body and header sizes, slow and idle clients, many connections,
garbage, and SIGTERM with requests in flight."""
import http.client
import json
import os
import random
import re
import signal
import socket
import threading
import time
import unittest

from kenshu_server import (Server, ServerTestCase, open_session_ids, parse_raw_response, valid_application,
                           wait_for)

APPLICATION_LIMIT = 64 * 1024


def post_head(path, length, extra=b""):
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n").encode() + extra + b"\r\n"


class SizeLimitTest(ServerTestCase):
    def test_body_over_the_route_limit_is_413(self):
        for size in (APPLICATION_LIMIT + 1, 200_000, 2_000_000):
            with self.subTest(size=size):
                before = self.server.state()
                status, headers, body = parse_raw_response(
                    self.server.raw(post_head("/api/applications", size) + b"x" * min(size, 100_000)))
                self.assertEqual(status, 413, body)
                self.assertEqual(json.loads(body)["error"]["code"], "request.too_large")
                self.assertEqual(self.server.state(), before)

    def test_body_at_the_limit_is_read(self):
        app = valid_application(open_session_ids(self.server.program())[:1])
        body = json.dumps(app, ensure_ascii=False).encode()
        padded = body[:-1] + b" " * (APPLICATION_LIMIT - len(body)) + b"}"
        self.assertEqual(len(padded), APPLICATION_LIMIT)
        r = self.server.post("/api/applications", padded, headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 201, r)

    def test_small_routes_have_small_limits(self):
        status, _, body = parse_raw_response(self.server.raw(post_head("/api/manage/application/withdraw", 5000)
                                                             + b"x" * 5000))
        self.assertEqual(status, 413, body)
        status, _, body = parse_raw_response(self.server.raw(
            b"GET /api/program HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000))
        self.assertEqual(status, 413, body)

    def test_chunked_body_over_the_limit_is_413(self):
        chunk = b"x" * 8192
        data = (b"POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n")
        data += (b"2000\r\n" + chunk + b"\r\n") * 10 + b"0\r\n\r\n"
        status, _, body = parse_raw_response(self.server.raw(data))
        self.assertEqual(status, 413, body)
        self.assertEqual(json.loads(body)["error"]["code"], "request.too_large")

    def test_headers_over_the_limit_are_431(self):
        for name, headers in (("one big", b"X-Big: " + b"a" * 20000 + b"\r\n"),
                              ("many", b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 50) for i in range(400))),
                              ("long target", None)):
            with self.subTest(name):
                if headers is None:
                    data = b"GET /api/program?x=" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
                else:
                    data = b"GET /api/program HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n"
                status, _, body = parse_raw_response(self.server.raw(data))
                self.assertEqual(status, 431, body)
                self.assertEqual(json.loads(body)["error"]["code"], "request.header_too_large")
        self.assertEqual(self.server.get("/healthz").status, 200)

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=5)
        try:
            for _ in range(50):
                conn.request("GET", "/api/program")
                r = conn.getresponse()
                r.read()
                self.assertEqual(r.status, 200)
        finally:
            conn.close()

    def test_pipelined_requests_are_answered_in_order(self):
        data = b"".join(f"GET /api/nothing-{i} HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-{i}\r\n\r\n".encode()
                        for i in range(5))
        data += b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        out = self.server.raw(data)
        ids = [line.split(b": ")[1] for line in out.split(b"\r\n") if line.lower().startswith(b"x-request-id")]
        self.assertEqual(ids[:5], [f"pipe-{i}".encode() for i in range(5)])
        self.assertEqual(out.count(b"HTTP/1.1 404"), 5)
        self.assertEqual(out.count(b"HTTP/1.1 200"), 1)


class SlowClientTest(ServerTestCase):
    server_options = {"read_timeout_s": 1, "idle_timeout_s": 2}

    def slow_send(self, data, interval, results, key):
        """Sends data one byte per interval; records when and how the server ended it."""
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        started = time.monotonic()
        try:
            for b in data:
                s.sendall(bytes([b]))
                time.sleep(interval)
            s.settimeout(10)
            got = s.recv(65536)
            results[key] = ("closed" if not got else "answered", time.monotonic() - started, got)
        except (BrokenPipeError, ConnectionResetError) as e:
            results[key] = ("reset", time.monotonic() - started, repr(e))
        finally:
            s.close()

    def test_slow_headers_are_cut_off_while_others_are_served(self):
        request = b"GET /api/program HTTP/1.1\r\nHost: x\r\nUser-Agent: slowloris\r\nX-Padding: " + b"p" * 40 + b"\r\n\r\n"
        results = {}
        threads = [threading.Thread(target=self.slow_send, args=(request, 0.05, results, i)) for i in range(5)]
        for t in threads:
            t.start()
        # While they dribble, everyone else is answered promptly.
        latencies = []
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            self.assertEqual(self.server.get("/api/program").status, 200)
            latencies.append(time.monotonic() - t0)
            time.sleep(0.05)
        for t in threads:
            t.join(15)
        self.assertLess(max(latencies), 1.0, latencies)
        for i in range(5):
            how, elapsed, detail = results[i]
            self.assertIn(how, ("closed", "reset"), detail)  # never an answer to a request that took too long
            self.assertLess(elapsed, 6, "the slow client was cut off near the 1 s read timeout")

    def test_slow_body_is_cut_off(self):
        results = {}
        data = post_head("/api/applications", 200) + b"{" + b" " * 199
        t0 = time.monotonic()
        self.slow_send(data, 0.02, results, "body")  # headers take ~1.7 s at 20 ms a byte: over the limit too
        how, elapsed, detail = results["body"]
        self.assertIn(how, ("closed", "reset", "answered"))
        if how == "answered":  # only an error may come back, never a success
            self.assertNotIn(b"HTTP/1.1 2", detail[:12])
        self.assertLess(time.monotonic() - t0, 8)

    def test_idle_keep_alive_connection_is_closed(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            first = s.recv(65536)
            self.assertIn(b"200 OK", first)
            t0 = time.monotonic()
            rest = s.recv(65536)
            self.assertEqual(rest, b"", "the server closes an idle keep-alive connection")
            self.assertLess(time.monotonic() - t0, 6)
        finally:
            s.close()

    def test_connection_that_sends_nothing_is_closed(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        try:
            t0 = time.monotonic()
            self.assertEqual(s.recv(100), b"")
            self.assertLess(time.monotonic() - t0, 4)
        except ConnectionResetError:
            pass
        finally:
            s.close()


class ManyConnectionsTest(ServerTestCase):
    def test_many_idle_connections_do_not_block_service(self):
        socks = []
        try:
            for _ in range(300):
                socks.append(socket.create_connection(("127.0.0.1", self.server.port), timeout=5))
            t0 = time.monotonic()
            self.assertEqual(self.server.get("/api/program").status, 200)
            self.assertLess(time.monotonic() - t0, 2.0)
        finally:
            for s in socks:
                s.close()

    def test_many_concurrent_requests(self):
        sessions = open_session_ids(self.server.program())
        statuses = []
        lock = threading.Lock()

        def client(i):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
            try:
                for j in range(10):
                    if j == 0:
                        body = json.dumps(valid_application(sessions[:1]), ensure_ascii=False)
                        conn.request("POST", "/api/applications", body=body.encode(),
                                     headers={"Content-Type": "application/json"})
                    else:
                        conn.request("GET", "/api/program")
                    r = conn.getresponse()
                    r.read()
                    with lock:
                        statuses.append((j == 0, r.status))
            finally:
                conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(len(statuses), 1000)
        self.assertEqual({s for first, s in statuses if first}, {201})
        self.assertEqual({s for first, s in statuses if not first}, {200})


class ConnectionLimitTest(ServerTestCase):
    server_options = {"env": {"KENSHU_SERVER_MAX_CONNECTIONS": "20"}}

    def test_connections_over_the_limit_are_refused_and_service_resumes(self):
        held = [socket.create_connection(("127.0.0.1", self.server.port), timeout=5) for _ in range(20)]
        try:
            time.sleep(0.3)
            extra = socket.create_connection(("127.0.0.1", self.server.port), timeout=5)
            try:
                extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                got = extra.recv(100)
            except (ConnectionResetError, BrokenPipeError):
                got = b""
            finally:
                extra.close()
            self.assertEqual(got, b"", "the 21st connection is closed without an answer")
        finally:
            for s in held:
                s.close()

        def served():
            try:
                return self.server.get("/healthz").status == 200
            except ConnectionError:  # still at the limit until the server has seen the held sockets close
                return False

        wait_for(served, 5, message="service after the burst")
        self.assertTrue(self.server.alive())


class FuzzTest(ServerTestCase):
    server_options = {"read_timeout_s": 1, "idle_timeout_s": 1}
    SEED = int(os.environ.get("KENSHU_FUZZ_SEED", "20250728"))

    def random_request(self, rng):
        methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "G\x00T", "",
                   "get", "X" * 300]
        paths = ["/", "/api/program", "/api/applications", "/api/applications/check", "/api/manage/application",
                 "/api/manage/application/withdraw", "/api/sessions/x/calendar.ics", "/healthz", "/readyz",
                 "/api/program?year=" + "9" * 40, "/%", "/%zz", "//", "/api/../etc/passwd", "*",
                 "http://x/", "/api/program?year=%ff%fe", "/api/\x01", "/" + "a/" * 500, "/api/program#frag",
                 "/api/program?year=2025&year=demo", "/api/applications?%%%"]
        versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9", "", "HTTP/1.1 extra"]
        method = rng.choice(methods)
        path = rng.choice(paths)
        headers = ["Host: x"] + (["Connection: close"] if rng.random() < 0.9 else [])
        for _ in range(rng.randrange(4)):
            headers.append(rng.choice([
                "Content-Type: application/json", "Content-Type: text/plain", "Accept-Language: en",
                "Accept-Language: " + "e" * 200, "Authorization: Bearer " + "x" * rng.randrange(300),
                "Idempotency-Key: " + rng.choice(["k1", "bad key", "", "é"]), "Transfer-Encoding: chunked",
                "Transfer-Encoding: gzip", "Content-Length: -1", "Content-Length: 5", "Expect: 100-continue",
                "If-None-Match: *", "Connection: upgrade", "Upgrade: websocket", "X-Request-Id: \x7f\x80",
                "Bad Header: x", ": empty", "X-Null: a\x00b"]))
        body_kind = rng.randrange(6)
        if body_kind == 0:
            body = b""
        elif body_kind == 1:
            body = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
        elif body_kind == 2:
            body = json.dumps(self.mangled_application(rng), ensure_ascii=rng.random() < 0.5).encode()
        elif body_kind == 3:
            body = b"{" * rng.randrange(1, 100)
        elif body_kind == 4:
            body = b'{"hospital": "\xed\xa0\x80", "members": [1e999, -0, 1e-999, "\\ud800"]}'
        else:
            body = json.dumps(rng.choice([None, True, 0, [], {}, "s", [[[]]], {"a": {"b": {"c": {}}}}])).encode()
        if not any(h.startswith("Content-Length") or h.startswith("Transfer-Encoding") for h in headers):
            headers.append(f"Content-Length: {len(body)}")
        if rng.random() < 0.1:  # raw garbage instead of a request
            return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        head = f"{method} {path} {versions[0] if rng.random() < 0.8 else rng.choice(versions)}\r\n"
        return (head + "\r\n".join(headers) + "\r\n\r\n").encode("utf-8", "surrogateescape") + body

    def mangled_application(self, rng):
        app = valid_application([rng.choice(self.sessions)])
        for _ in range(rng.randrange(1, 4)):
            section = rng.choice(list(app))
            value = rng.choice([None, 0, -1, 2 ** 63, 1.5, "", "ｱ" * 300, "\n", [], {}, True, "\u202e", "<script>"])
            if isinstance(app[section], dict) and app[section] and rng.random() < 0.7:
                app[section][rng.choice(list(app[section]))] = value
            else:
                app[section] = value
        return app

    def test_garbage_never_gets_a_5xx(self):
        self.sessions = open_session_ids(self.server.program())
        rng = random.Random(self.SEED)
        requests = [self.random_request(rng) for _ in range(400)]
        answers = [None] * len(requests)

        def worker(k):
            for i in range(k, len(requests), 8):
                try:
                    answers[i] = self.server.raw(requests[i], timeout=5)
                except (ConnectionResetError, BrokenPipeError):
                    answers[i] = b""

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        statuses = {}
        for i, (data, out) in enumerate(zip(requests, answers)):
            for m in re.finditer(rb"HTTP/1\.[01] (\d{3})", out or b""):
                status = int(m.group(1))
                statuses[status] = statuses.get(status, 0) + 1
                self.assertLess(status, 500, f"seed {self.SEED} request {i}: {data[:200]!r} → {out[:300]!r}")
        self.assertTrue(self.server.alive(), "the garbage killed the server")
        self.assertNotIn(500, statuses)
        self.assertGreater(sum(statuses.values()), 200, statuses)
        self.assertEqual(self.server.get("/readyz").status, 200)
        log = self.server.log()
        self.assertFalse(re.findall(r".* 5\d\d \d+B .*", log), "no 5xx in the access log")
        self.assertNotIn("[error]", log)
        self.assertNotIn("connection ended by exception", log)


class ShutdownTest(unittest.TestCase):
    def test_sigterm_finishes_in_flight_requests_and_exits_0(self):
        server = Server()
        try:
            sessions = open_session_ids(server.program())
            app = valid_application(sessions[:1])
            body = json.dumps(app, ensure_ascii=False).encode()
            # A: a submit whose body is on its way when the signal comes.
            a = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            a.sendall(post_head("/api/applications", len(body)) + body[:100])
            # B: a keep-alive connection waiting between requests.
            b = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            b.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b"200 OK", b.recv(65536))
            time.sleep(0.2)
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            # The idle connection is closed; no new connection is accepted.
            b.settimeout(5)
            try:
                self.assertEqual(b.recv(100), b"")
            except ConnectionResetError:
                pass
            with self.assertRaises(OSError):
                c = socket.create_connection(("127.0.0.1", server.port), timeout=2)
                c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                if not c.recv(100):
                    raise ConnectionResetError("closed without an answer")
            self.assertTrue(server.alive(), "the server waits for the request in flight")
            # A's body completes: it gets its answer, and the server says it closes.
            a.sendall(body[100:])
            a.settimeout(10)
            out = b""
            while True:
                chunk = a.recv(65536)
                if not chunk:
                    break
                out += chunk
            status, headers, resp = parse_raw_response(out)
            self.assertEqual(status, 201, out)
            self.assertEqual(headers.get("connection", "").lower(), "close")
            app_id = json.loads(resp)["id"]
            a.close()
            b.close()
            wait_for(lambda: not server.alive(), 10, message="the server to exit")
        finally:
            rc = server.stop(check=False, keep=True)
        self.assertEqual(rc, 0, server.log())
        # What it acknowledged is in the database after it exited.
        again = Server(directory=server.dir)
        try:
            self.assertEqual(again.count("applications", "id = ?", (app_id,)), 1)
        finally:
            again.stop()

    def test_sigkill_loses_nothing_acknowledged(self):
        """A crash (SIGKILL) right after answers went out: every acknowledged application is there on restart."""
        server = Server()
        sessions = open_session_ids(server.program())
        acknowledged = []
        lock = threading.Lock()

        def client():
            while True:
                try:
                    r = server.apply(valid_application(sessions[:1]))
                except (OSError, http.client.HTTPException):
                    return
                if r.status == 201:
                    with lock:
                        acknowledged.append(r.json()["id"])

        threads = [threading.Thread(target=client) for _ in range(16)]
        for t in threads:
            t.start()
        wait_for(lambda: len(acknowledged) >= 50, 20, message="acknowledged submits")
        server.proc.kill()
        server.proc.wait(10)
        for t in threads:
            t.join(20)
        server.stop(check=False, keep=True)
        with lock:
            told = list(acknowledged)
        again = Server(directory=server.dir)
        try:
            with again.db() as conn:
                stored = {row[0] for row in conn.execute("SELECT id FROM applications")}
                outbox = conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
            self.assertFalse(set(told) - stored, "acknowledged applications lost in a crash")
            self.assertEqual(outbox, 5 * len(stored), "each stored application has its five mails in the outbox")
        finally:
            again.stop()

    def test_sigterm_under_load(self):
        server = Server()
        sessions = open_session_ids(server.program())
        acknowledged = []
        errors = []
        lock = threading.Lock()
        stop = threading.Event()

        def client():
            while not stop.is_set():
                app = valid_application(sessions[:1])
                try:
                    r = server.apply(app)
                except (OSError, http.client.HTTPException) as e:
                    with lock:
                        errors.append(repr(e))
                    return
                with lock:
                    if r.status == 201:
                        acknowledged.append(r.json()["id"])
                    else:
                        errors.append(r.status)

        threads = [threading.Thread(target=client) for _ in range(16)]
        for t in threads:
            t.start()
        wait_for(lambda: len(acknowledged) >= 30, 20, message="some acknowledged submits")
        server.proc.send_signal(signal.SIGTERM)
        rc = server.proc.wait(20)
        stop.set()
        for t in threads:
            t.join(20)
        server.stop(check=False, keep=True)
        self.assertEqual(rc, 0, server.log())
        self.assertFalse([e for e in errors if isinstance(e, int)], f"non-201 answers: {errors}")
        again = Server(directory=server.dir)
        try:
            with again.db() as conn:
                stored = {row[0] for row in conn.execute("SELECT id FROM applications")}
            lost = set(acknowledged) - stored
            self.assertFalse(lost, f"{len(lost)} acknowledged application(s) lost")
        finally:
            again.stop()


if __name__ == "__main__":
    unittest.main()
