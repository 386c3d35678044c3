"""The back office against the real binary: the application list with filters and search, the detail with its
history and notes, review status, correction requests (a fresh link by mail), session changes told to the affected
teams, the dashboard (suppressed for the Ministry), CSV/XLSX exports (formula cells neutralised, read back with
openpyxl), roles reaching only what they may (404 otherwise), and an audit row for each personal-data read."""
import io
import unittest
import urllib.parse

import openpyxl

from kenshu_server import open_session_ids, read_mails, valid_application, wait_for
from test_auth import AuthServer


class BackOffice(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = AuthServer()
        cls.srv = cls.a.server
        program = cls.srv.program()
        cls.sessions = open_session_ids(program)
        s1, s2 = cls.sessions[0], cls.sessions[1]
        cls.s1, cls.s2 = s1, s2
        # Five teams: four rank s1 first, one ranks s2 only; one has a formula-looking department and hiragana search.
        cls.apps = []
        for i in range(4):
            body = valid_application([s1, s2])
            if i == 0:
                body["members"][0]["department"] = "=HYPERLINK(\"http://x\")"
                body["hospital"]["prefecture_code"] = 27
            r = cls.srv.apply(body)
            assert r.status == 201, r
            cls.apps.append((r.json(), body))
        body = valid_application([s2])
        body["hospital"]["critical_care_center"] = "none"
        body["hospital"]["advanced_treatment_hospital"] = False
        r = cls.srv.apply(body)
        assert r.status == 201, r
        cls.apps.append((r.json(), body))
        cls.admin = cls.a.sign_in(cls.a.create("admin@example.jp", "admin"))
        cls.staff = cls.a.sign_in(cls.a.create("staff@example.jp", "staff"))
        cls.coord = cls.a.sign_in(cls.a.create("coord@example.jp", "coordinator", "--session", s2))
        cls.instr = cls.a.sign_in(cls.a.create("instr@example.jp", "instructor", "--session", s1))
        cls.ministry = cls.a.sign_in(cls.a.create("moh@example.jp", "ministry"))

    @classmethod
    def tearDownClass(cls):
        cls.a.stop()

    def get(self, path, who):
        return self.a.get(path, session=who)

    def send(self, method, path, body, who, **kw):
        return self.srv.request(method, path, body, headers=self.a.headers(who, **kw))

    def audit_count(self, entity):
        return self.srv.count("audit_log", "entity = ?", (entity,))

    def test_list_filters_search_and_paging(self):
        r = self.get("/api/admin/applications", self.staff)
        self.assertEqual(r.status, 200, r)
        self.assertIn("no-store", r.header("cache-control", ""))
        body = r.json()
        self.assertEqual(body["total"], 5)
        self.assertEqual(len(self.get(f"/api/admin/applications?session_id={self.s1}", self.staff).json()["items"]), 4)
        self.assertEqual(self.get("/api/admin/applications?prefecture_code=27", self.staff).json()["total"], 1)
        self.assertEqual(self.get("/api/admin/applications?hospital_type=other", self.staff).json()["total"], 1)
        # Search in フリガナ with hiragana and half-width input.
        kana = self.apps[2][1]["hospital"]["name_kana"]
        hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)
        q = urllib.parse.quote(hira)
        found = self.get(f"/api/admin/applications?q={q}", self.staff).json()
        self.assertEqual([i["reference"] for i in found["items"]], [self.apps[2][0]["reference"]])
        page = self.get("/api/admin/applications?per_page=2&page=3&sort=-reference", self.staff).json()
        self.assertEqual(len(page["items"]), 1)
        self.assertEqual(page["items"][0]["reference"], self.apps[0][0]["reference"])

    def test_bad_query_parameters(self):
        self.assertEqual(self.get("/api/admin/applications?sort=evil", self.staff).error["code"], "field.bad_enum")
        self.assertEqual(self.get("/api/admin/applications?page=x", self.staff).error["code"], "request.wrong_type")
        self.assertEqual(self.get("/api/admin/applications?per_page=100000", self.staff).error["code"],
                         "field.out_of_range")
        self.assertEqual(self.get("/api/admin/applications?admin=1", self.staff).error["code"], "request.unknown_field")

    def test_roles_reach_only_what_they_may(self):
        self.assertEqual(self.srv.get("/api/admin/applications").status, 401)
        for who in (self.instr, self.ministry):
            self.assertEqual(self.get("/api/admin/applications", who).status, 404)
        only_s2 = self.get("/api/admin/applications", self.coord).json()
        self.assertEqual(only_s2["total"], 5)  # every team here ranked s2
        app_id = self.apps[0][0]["id"]
        self.assertEqual(self.get(f"/api/admin/applications/{app_id}", self.instr).status, 404)
        self.assertEqual(self.get(f"/api/admin/applications/{app_id}", self.ministry).status, 404)
        self.assertEqual(self.get("/api/admin/exports/applications.csv", self.coord).status, 404)
        self.assertEqual(self.get(f"/api/admin/sessions/{self.s2}/roster.csv", self.instr).status, 404)
        self.assertEqual(self.get(f"/api/admin/sessions/{self.s1}/roster.csv", self.instr).status, 200)
        r = self.send("PATCH", f"/api/admin/sessions/{self.s1}", {"capacity_teams": 9}, self.coord)
        self.assertEqual(r.status, 404)
        self.assertEqual(self.get("/api/admin/applications/nope", self.admin).error["code"], "application.not_found")

    def test_detail_notes_review_and_audit(self):
        app_id = self.apps[1][0]["id"]
        before = self.audit_count("application")
        r = self.get(f"/api/admin/applications/{app_id}", self.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.audit_count("application"), before + 1)
        self.assertEqual(r.json()["application"]["review_status"], "new")
        r = self.send("POST", f"/api/admin/applications/{app_id}/notes", {"body": "ECMO件数を確認中"}, self.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["application"]["notes"][0]["body"], "ECMO件数を確認中")
        r = self.send("POST", f"/api/admin/applications/{app_id}/review-status",
                      {"review_status": "complete", "reason": "確認済み"}, self.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["application"]["review_status"], "complete")
        self.assertIn("review_status", [h["event"] for h in r.json()["application"]["history"]])
        bad = self.send("POST", f"/api/admin/applications/{app_id}/review-status",
                        {"review_status": "accepted", "reason": "x"}, self.staff)
        self.assertEqual(bad.error["code"], "field.bad_enum")
        empty = self.send("POST", f"/api/admin/applications/{app_id}/notes", {"body": "  "}, self.staff)
        self.assertEqual(empty.error["code"], "field.required")
        extra = self.send("POST", f"/api/admin/applications/{app_id}/notes", {"body": "x", "author": "y"}, self.staff)
        self.assertEqual(extra.error["code"], "request.unknown_field")
        no_csrf = self.send("POST", f"/api/admin/applications/{app_id}/notes", {"body": "x"}, self.staff, csrf=False)
        self.assertEqual(no_csrf.status, 403)
        self.assertEqual(len(self.get(f"/api/admin/applications/{app_id}", self.staff).json()["application"]["notes"]), 1)

    def test_correction_request_sends_a_fresh_link(self):
        app_id, body = self.apps[3][0]["id"], self.apps[3][1]
        contact = body["contact"]["email"]
        r = self.send("POST", f"/api/admin/applications/{app_id}/request-correction",
                      {"message": "ECMO実施件数をご確認ください。"}, self.staff)
        self.assertEqual(r.status, 200, r)
        mail = wait_for(lambda: [m for m in read_mails(self.srv.mail_dir)
                                 if contact in m["to"] and "ECMO実施件数をご確認ください" in m["body"]], 15)[0]
        token = mail["body"].split("/manage#")[1].split()[0]
        view = self.srv.manage("GET", token)
        self.assertEqual(view.status, 200, view)
        self.assertNotIn("review_status", [h["event"] for h in view.json()["history"]])

    def test_session_change_tells_affected_teams(self):
        r = self.send("PATCH", f"/api/admin/sessions/{self.s2}", {"venue": {"ja": "新会場ホール", "en": "New Hall"}},
                      self.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["teams_notified"], 5)
        for _, body in self.apps:
            wait_for(lambda: [m for m in read_mails(self.srv.mail_dir)
                              if body["contact"]["email"] in m["to"] and "新会場ホール" in m["body"]], 15)
        session = [s for s in self.srv.program()["sessions"] if s["id"] == self.s2][0]
        self.assertEqual(session["venue"]["ja"], "新会場ホール")
        self.assertEqual([c["field"] for c in session["changes"]], ["venue"])
        self.assertEqual(session["changes"][0]["new"]["ja"], "新会場ホール")
        self.assertEqual(self.send("PATCH", f"/api/admin/sessions/{self.s2}", {"date": "2027-02-30"},
                                   self.staff).error["code"], "field.bad_date")
        self.assertEqual(self.send("PATCH", f"/api/admin/sessions/{self.s2}", {"capacity_teams": 0},
                                   self.staff).error["code"], "field.out_of_range")

    def test_copy_last_year_and_add_a_session(self):
        body = {"key": "2026", "fiscal_year": 2026, "label": {"ja": "令和8年度", "en": "FY2026"},
                "reference_prefix": "R8"}
        self.assertEqual(self.send("POST", "/api/admin/years/2025/copy", body, self.coord).status, 404)
        r = self.send("POST", "/api/admin/years/2025/copy", body, self.staff)
        self.assertEqual(r.status, 201, r)
        new = self.srv.program("2026")
        old = self.srv.program("2025")
        self.assertEqual(len(new["sessions"]), len(old["sessions"]))
        import datetime as dt
        for a, b in zip(old["sessions"], new["sessions"]):
            da, db = dt.date.fromisoformat(a["date"]), dt.date.fromisoformat(b["date"])
            self.assertEqual((db - da).days, 364)
            self.assertEqual(da.weekday(), db.weekday())
            self.assertEqual(a["venue"], b["venue"])
        self.assertEqual(self.send("POST", "/api/admin/years/2025/copy", body, self.staff).error["code"],
                         "program.year_exists")
        self.assertEqual(self.send("POST", "/api/admin/years/1999/copy", dict(body, key="2030"), self.staff)
                         .error["code"], "program.year_not_found")
        session = {"number": 9, "date": "2027-03-14", "region": {"ja": "四国地方", "en": "Shikoku"},
                   "prefecture_code": 37, "venue": {"ja": "香川大学", "en": "Kagawa University"}}
        r = self.send("POST", "/api/admin/years/2026/sessions", session, self.staff)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(len(self.srv.program("2026")["sessions"]), len(old["sessions"]) + 1)
        self.assertEqual(self.send("POST", "/api/admin/years/2026/sessions", session, self.staff).error["code"],
                         "session.number_taken")
        self.assertEqual(self.send("POST", "/api/admin/years/2026/sessions", dict(session, number=10, prefecture_code=48),
                                   self.staff).error["code"], "field.bad_prefecture")

    def test_dashboard_staff_and_ministry(self):
        d = self.get("/api/admin/dashboard", self.staff).json()
        self.assertFalse(d["suppressed"])
        self.assertEqual(d["applications"], 5)
        self.assertEqual(d["by_profession"]["doctor"], 5)
        self.assertEqual(d["by_prefecture"]["27"], 1)
        m = self.get("/api/admin/dashboard", self.ministry)
        self.assertEqual(m.status, 200, m)
        md = m.json()
        self.assertTrue(md["suppressed"])
        self.assertIsNone(md["by_prefecture"]["27"])  # one hospital: withheld
        self.assertEqual(md["people"], 20)
        self.assertNotIn("items", md)
        self.assertEqual(self.get("/api/admin/dashboard", self.instr).status, 404)

    def test_audit_log_export(self):
        self.get(f"/api/admin/applications/{self.apps[0][0]['id']}", self.staff)
        self.assertEqual(self.get("/api/admin/audit.csv", self.staff).status, 404)
        r = self.get("/api/admin/audit.csv?entity=application&lang=en", self.admin)
        self.assertEqual(r.status, 200, r)
        lines = r.body.decode("utf-8-sig").splitlines()
        self.assertTrue(lines[0].startswith("At (UTC),Actor"), lines[0])
        self.assertTrue(any("staff@example.jp" in l and self.apps[0][0]["id"] in l for l in lines[1:]), lines)
        self.assertTrue(all(",application," in l for l in lines[1:]))
        x = self.get("/api/admin/audit.xlsx", self.admin)
        self.assertEqual(x.status, 200, x)
        self.assertGreater(openpyxl.load_workbook(io.BytesIO(x.body)).worksheets[0].max_row, 5)
        self.assertEqual(self.get("/api/admin/audit.csv?evil=1", self.admin).error["code"], "request.unknown_field")

    def test_exports_csv_and_xlsx(self):
        before = self.audit_count("applications.export")
        csv = self.get("/api/admin/exports/members.csv", self.staff)
        self.assertEqual(csv.status, 200, csv)
        self.assertTrue(csv.body.startswith(b"\xef\xbb\xbf"))
        text = csv.body.decode("utf-8-sig")
        self.assertIn("'=HYPERLINK", text)
        self.assertNotIn(",=HYPERLINK", text)
        self.assertEqual(self.audit_count("applications.export"), before + 1)
        x = self.get("/api/admin/exports/applications.xlsx?lang=en", self.staff)
        self.assertEqual(x.status, 200, x)
        wb = openpyxl.load_workbook(io.BytesIO(x.body))
        ws = wb.worksheets[0]
        self.assertEqual(ws["A1"].value, "Reference")
        refs = sorted(ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1))
        self.assertEqual(refs, sorted(a[0]["reference"] for a in self.apps))
        roster = self.get(f"/api/admin/sessions/{self.s1}/roster.xlsx", self.instr)
        self.assertEqual(roster.status, 200, roster)
        rws = openpyxl.load_workbook(io.BytesIO(roster.body)).worksheets[0]
        headers = [c.value for c in rws[1]]
        self.assertNotIn("メールアドレス", headers)
        self.assertEqual(rws.max_row, 1 + 16)  # four teams of four rank s1 first


if __name__ == "__main__":
    unittest.main()
