"""The public programme and the server's general behaviour: /api/program, health, security headers, static files,
unknown routes and wrong methods — against the real binary."""
import datetime
import os
import shutil
import subprocess
import tempfile
import unittest

from kenshu_server import BIN, SOURCE_DIR, Server, ServerTestCase, wait_for

# The eight sessions of the R7 notice (開催日時・場所): date, prefecture code, venue.
R7_SESSIONS = [
    ("2025-08-24", 21, "大垣市民病院"),
    ("2025-09-14", 13, "ゲティング エクスペリエンスセンター東京"),
    ("2025-09-15", 13, "ゲティング エクスペリエンスセンター東京"),
    ("2025-10-19", 4, "東北大学医学部良陵会館"),
    ("2025-11-09", 34, "広島大学"),
    ("2025-12-07", 1, "札幌医科大学"),
    ("2026-01-18", 40, "福岡大学病院"),
    ("2026-02-15", 26, "京都府立医科大学"),
]

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


class ProgramTest(ServerTestCase):
    def test_current_year_is_the_demo_year_marked_as_demo(self):
        p = self.server.program()
        self.assertEqual(p["year"]["key"], "demo")
        self.assertIs(p["year"]["is_demo"], True)
        self.assertIn("デモ", p["year"]["title"]["ja"])
        self.assertEqual(len(p["sessions"]), 8)
        today = datetime.date.fromisoformat(p["now"][:10])
        for s in p["sessions"]:
            self.assertGreater(datetime.date.fromisoformat(s["date"]), today, s)
        self.assertTrue(any(s["is_open"] for s in p["sessions"]), "the demo year must be open for applications")
        keys = {y["key"]: y["is_demo"] for y in p["years"]}
        self.assertEqual(keys, {"2025": False, "demo": True})

    def test_r7_has_the_eight_sessions_of_the_notice(self):
        p = self.server.program(2025)
        self.assertEqual(p["year"]["key"], "2025")
        self.assertIs(p["year"]["is_demo"], False)
        got = [(s["date"], s["prefecture_code"], s["venue"]["ja"]) for s in p["sessions"]]
        self.assertEqual(got, R7_SESSIONS)
        self.assertEqual([s["number"] for s in p["sessions"]], list(range(1, 9)))
        for s in p["sessions"]:
            self.assertEqual((s["capacity_teams"], s["capacity_people"]), (8, 32))
            self.assertEqual(s["places_open"], 8)
            self.assertIs(s["is_open"], False, "R7 is in the past")
            self.assertTrue(s["applications_close_at"].endswith("+09:00"), s)
            self.assertTrue(s["id"] and not s["id"].isdigit(), "ids are opaque, not row numbers")
        courses = {c["code"]: (c["starts"], c["ends"]) for c in p["courses"]}
        self.assertEqual(courses, {"ventilator": ("08:30", "12:15"), "ecmo": ("13:00", "18:00")})
        self.assertEqual(p["team_rules"]["min_size"], 2)
        self.assertEqual(p["team_rules"]["max_size"], 8)
        self.assertEqual(sorted(p["team_rules"]["required_professions"]), ["doctor", "nurse"])
        self.assertEqual(p["privacy_notice"]["version"], "2025-1")
        self.assertTrue(p["privacy_notice"]["text"]["ja"] and p["privacy_notice"]["text"]["en"])
        self.assertTrue(p["now"].endswith("+09:00"))

    def test_unknown_year_is_404_with_code(self):
        for year in ("1999", "x" * 40, "%00", "2025%27%20OR%201%3D1"):
            r = self.server.get(f"/api/program?year={year}")
            self.assertEqual(r.status, 404, (year, r))
            self.assertEqual(r.error["code"], "program.year_not_found")

    def test_etag_and_304(self):
        r = self.server.get("/api/program?year=2025")
        self.assertEqual(r.status, 200)
        etag = r.header("etag")
        self.assertTrue(etag and etag.startswith('"'), r.headers)
        self.assertEqual(r.header("cache-control"), "no-cache", "public, revalidated: not personal data")
        again = self.server.get("/api/program?year=2025", headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        self.assertEqual(again.header("etag"), etag)
        other = self.server.get("/api/program?year=2025", headers={"If-None-Match": '"something-else"'})
        self.assertEqual(other.status, 200)
        self.assertEqual(other.body, r.body)
        # The demo year is a different document with a different tag.
        demo = self.server.get("/api/program")
        self.assertNotEqual(demo.header("etag"), etag)

    def test_head_program(self):
        r = self.server.request("HEAD", "/api/program")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")
        self.assertGreater(int(r.header("content-length")), 100)

    def test_health_and_ready(self):
        h = self.server.get("/healthz")
        self.assertEqual((h.status, h.json()), (200, {"status": "ok"}))
        r = self.server.get("/readyz")
        self.assertEqual((r.status, r.json()), (200, {"status": "ready"}))

    def test_security_headers_on_every_kind_of_response(self):
        responses = {
            "program": self.server.get("/api/program"),
            "health": self.server.get("/healthz"),
            "api 404": self.server.get("/api/nothing-here"),
            "405": self.server.request("DELETE", "/api/program"),
            "400": self.server.post("/api/applications", "{", headers={"Content-Type": "application/json"}),
            "static": self.server.get("/"),
        }
        for name, r in responses.items():
            with self.subTest(name):
                csp = r.header("content-security-policy")
                self.assertIsNotNone(csp, r.headers)
                directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
                self.assertNotIn("unsafe-inline", csp)
                self.assertNotIn("'unsafe-eval'", csp)
                self.assertEqual(directives.get("frame-ancestors"), "frame-ancestors 'none'")
                self.assertIn("script-src", directives)
                self.assertEqual(r.header("x-content-type-options"), "nosniff")
                self.assertIn(r.header("referrer-policy"), ("no-referrer", "strict-origin-when-cross-origin",
                                                            "same-origin", "strict-origin"))
                self.assertTrue(r.header("x-request-id"))
                self.assertIsNone(r.header("strict-transport-security"), "HSTS only when configured")

    def test_request_id_is_echoed_when_plain_and_replaced_when_not(self):
        r = self.server.get("/api/nothing", headers={"X-Request-Id": "abc-123"})
        self.assertEqual(r.header("x-request-id"), "abc-123")
        self.assertEqual(r.error["request_id"], "abc-123")
        evil = self.server.get("/api/nothing", headers={"X-Request-Id": "a b\tc" + "x" * 100})
        self.assertNotIn(" ", evil.header("x-request-id"))
        self.assertLessEqual(len(evil.header("x-request-id")), 64)

    def test_unknown_api_route_is_404_json(self):
        for path in ("/api/nothing", "/api/program/extra", "/api", "/api/applications/123/456",
                     "/api/sessions//calendar.ics"):
            with self.subTest(path):
                r = self.server.get(path)
                self.assertEqual(r.status, 404, r)
                self.assertEqual(r.error["code"], "request.not_found")

    def test_wrong_method_is_405_with_allow(self):
        cases = [("POST", "/api/program", "GET"), ("DELETE", "/api/program", "GET"),
                 ("GET", "/api/applications", "POST"), ("PUT", "/api/manage/application", None),
                 ("GET", "/api/manage/application/withdraw", "POST"), ("POST", "/healthz", "GET")]
        for method, path, allowed in cases:
            with self.subTest(f"{method} {path}"):
                r = self.server.request(method, path)
                self.assertEqual(r.status, 405, r)
                self.assertEqual(r.error["code"], "request.method_not_allowed")
                if allowed:
                    self.assertIn(allowed, r.header("allow", ""))

    def test_session_calendar(self):
        p = self.server.program(2025)
        s = p["sessions"][0]
        r = self.server.get(f"/api/sessions/{s['id']}/calendar.ics")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("content-type").startswith("text/calendar"))
        text = r.body.decode("utf-8")
        self.assertIn("BEGIN:VCALENDAR", text)
        self.assertIn("20250824", text)
        missing = self.server.get("/api/sessions/not-a-session/calendar.ics")
        self.assertEqual(missing.status, 404)
        self.assertEqual(missing.error["code"], "session.not_found")

    def test_openapi_document_if_served(self):
        r = self.server.get("/api/openapi.yaml")
        if r.status == 404 and not os.path.exists(os.path.join(SOURCE_DIR, "docs", "openapi.yaml")):
            self.skipTest("docs/openapi.yaml not written yet")
        self.assertEqual(r.status, 200, r)
        self.assertIn(b"openapi:", r.body)


class SessionChangeTest(unittest.TestCase):
    """`kenshu load-program` with a moved session, while the server runs: the programme marks the change."""

    def test_changed_date_and_venue_are_marked(self):
        with Server() as s:
            before = s.program(2025)
            self.assertTrue(all(x["changed_at"] is None and x["changes"] == [] for x in before["sessions"]))
            with open(os.path.join(SOURCE_DIR, "data", "programs", "r7.toml"), encoding="utf-8") as f:
                text = f.read()
            self.assertEqual(text.count('date = "2025-11-09"'), 1)
            text = text.replace('date = "2025-11-09"', 'date = "2025-11-16"')
            text = text.replace('venue = { ja = "札幌医科大学", en = "Sapporo Medical University" }',
                                'venue = { ja = "北海道大学病院", en = "Hokkaido University Hospital" }')
            changed = os.path.join(s.dir, "r7-changed.toml")
            with open(changed, "w", encoding="utf-8") as f:
                f.write(text)
            subprocess.run([BIN, "load-program", changed, "--config", s.config_path], cwd=s.dir, check=True,
                           capture_output=True, env={**os.environ, "KENSHU_CLOCK_FILE": s.clock_file})

            def changed_program():
                p = s.program(2025)
                return p if p["sessions"][4]["changed_at"] else None

            after = wait_for(changed_program, 5, message="the programme to show the change")
            by_number = {x["number"]: x for x in after["sessions"]}
            five, six = by_number[5], by_number[6]
            self.assertEqual(five["date"], "2025-11-16")
            self.assertEqual([c["field"] for c in five["changes"]], ["date"])
            self.assertTrue(five["changed_at"].endswith("+09:00"))
            self.assertEqual(six["venue"]["ja"], "北海道大学病院")
            self.assertEqual([(c["field"], c["old"]["ja"], c["new"]["ja"]) for c in six["changes"]],
                             [("venue", "札幌医科大学", "北海道大学病院")])
            self.assertEqual(five["id"], before["sessions"][4]["id"], "a moved session keeps its id")
            for n in (1, 2, 3, 4, 7, 8):
                self.assertIsNone(by_number[n]["changed_at"], n)


class HstsTest(unittest.TestCase):
    def test_hsts_when_configured(self):
        with Server(env={"KENSHU_SERVER_HSTS": "true"}) as s:
            for path in ("/api/program", "/api/nothing", "/"):
                hsts = s.get(path).header("strict-transport-security") or ""
                self.assertIn("max-age=", hsts, path)
                self.assertGreaterEqual(int(hsts.split("max-age=")[1].split(";")[0]), 31536000)


class StaticFilesTest(unittest.TestCase):
    """The SPA: index.html for client routes, hashed assets cached for ever, precompressed variants.
    Uses a small web root made here (the shape Vite builds), and the real web/dist if it has been built."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="kenshu-web-")
        os.makedirs(os.path.join(cls.root, "assets"))
        cls.index = b'<!doctype html><html><head><script type="module" src="/assets/index-Bx7k2Q9a.js"></script>' \
                    b'</head><body><div id="app"></div></body></html>'
        with open(os.path.join(cls.root, "index.html"), "wb") as f:
            f.write(cls.index)
        cls.js = b"console.log('kenshu');" * 50
        with open(os.path.join(cls.root, "assets", "index-Bx7k2Q9a.js"), "wb") as f:
            f.write(cls.js)
        import gzip
        with open(os.path.join(cls.root, "assets", "index-Bx7k2Q9a.js.gz"), "wb") as f:
            f.write(gzip.compress(cls.js))
        with open(os.path.join(cls.root, "favicon.svg"), "wb") as f:
            f.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
        cls.server = Server(web_root=cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_index_for_root_and_client_routes(self):
        for path in ("/", "/apply", "/sessions/abc", "/manage", "/privacy", "/en/apply?x=1"):
            with self.subTest(path):
                r = self.server.get(path)
                self.assertEqual(r.status, 200, r)
                self.assertTrue(r.header("content-type").startswith("text/html"), r.headers)
                self.assertEqual(r.body, self.index)
                self.assertNotIn("immutable", r.header("cache-control", ""))
                self.assertIn("frame-ancestors 'none'", r.header("content-security-policy"))

    def test_hashed_asset_is_immutable_and_revalidates(self):
        r = self.server.get("/assets/index-Bx7k2Q9a.js")
        self.assertEqual(r.status, 200)
        self.assertIn("javascript", r.header("content-type"))
        self.assertEqual(r.body, self.js)
        cc = r.header("cache-control")
        self.assertIn("immutable", cc)
        self.assertIn("max-age=31536000", cc)
        etag = r.header("etag")
        self.assertTrue(etag)
        self.assertEqual(self.server.get("/assets/index-Bx7k2Q9a.js", headers={"If-None-Match": etag}).status, 304)

    def test_precompressed_gzip(self):
        import gzip
        r = self.server.get("/assets/index-Bx7k2Q9a.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-encoding"), "gzip")
        self.assertEqual(gzip.decompress(r.body), self.js)
        self.assertIn("Accept-Encoding", r.header("vary", ""))

    def test_missing_asset_is_404_not_index(self):
        r = self.server.get("/assets/index-NOPE.js")
        self.assertEqual(r.status, 404, r)

    def test_no_path_traversal(self):
        for path in ("/../../etc/passwd", "/assets/../../kenshu.toml", "/%2e%2e/%2e%2e/etc/passwd",
                     "/assets/%2e%2e/%2e%2e/etc/passwd"):
            with self.subTest(path):
                r = self.server.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
                self.assertNotIn(b"root:", r)
                self.assertNotIn(b"[database]", r)

    def test_post_to_page_is_405(self):
        r = self.server.post("/apply", "x", headers={"Content-Type": "text/plain"})
        self.assertEqual(r.status, 405)

    def test_real_build_if_present(self):
        dist = os.path.join(SOURCE_DIR, "web", "dist")
        if not os.path.exists(os.path.join(dist, "index.html")):
            self.skipTest("web/dist not built")
        with Server(web_root=dist) as s:
            index = s.get("/apply")
            self.assertEqual(index.status, 200)
            self.assertIn(b"<div id=\"app\"", index.body)
            assets = sorted(os.listdir(os.path.join(dist, "assets")))
            js = next(a for a in assets if a.endswith(".js"))
            r = s.get("/assets/" + js)
            self.assertEqual(r.status, 200)
            self.assertIn("immutable", r.header("cache-control"))


if __name__ == "__main__":
    unittest.main()
