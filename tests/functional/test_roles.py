"""Every back-office route × every role (and a person signed in by e-mail link, and no session): allowed, 404 or 401
exactly as the role table of src/domain/access.cpp says. "Allowed" means the request got past the role check (any
answer but 401/404); the requests carry valid bodies and real ids so that a refusal can only come from the check."""
import unittest

from kenshu_server import open_session_ids, valid_application
from test_auth import AuthServer

A, S, C, I, M = "admin", "staff", "coordinator", "instructor", "ministry"
ALL_STAFF = {A, S, C, I, M}


class RouteRoleMatrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = AuthServer()
        cls.srv = cls.a.server
        program = cls.srv.program()
        cls.s1, cls.s2 = open_session_ids(program)[:2]
        body = valid_application([cls.s1])
        r = cls.srv.apply(body)
        assert r.status == 201, r
        cls.app_id = r.json()["id"]
        cls.member_email = body["members"][0]["email"]
        cls.sessions = {
            A: cls.a.sign_in(cls.a.create("admin@example.jp", A)),
            S: cls.a.sign_in(cls.a.create("staff@example.jp", S)),
            C: cls.a.sign_in(cls.a.create("coord@example.jp", C, "--session", cls.s1)),
            I: cls.a.sign_in(cls.a.create("instr@example.jp", I, "--session", cls.s1)),
            M: cls.a.sign_in(cls.a.create("moh@example.jp", M)),
        }
        cls.sessions["person"] = cls.a.sign_in_person(cls.member_email)
        cls.admin_user_id = cls.sessions[A]["me"]["id"] if "id" in cls.sessions[A]["me"] else "x"
        cls.year = program["year"]["key"]
        q = cls.srv.request("GET", f"/api/admin/learning/{cls.year}/questionnaire",
                            headers=cls.a.headers(cls.sessions[A], origin=False))
        assert q.status == 200, q
        cls.questionnaire = q.json()["definition"]  # saved unchanged by those allowed
        lectures = cls.srv.request("GET", f"/api/admin/learning/{cls.year}/lectures",
                                   headers=cls.a.headers(cls.sessions[A], origin=False)).json()["lectures"]
        cls.quiz_id = next(q["id"] for lec in lectures for q in lec["quizzes"])

    @classmethod
    def tearDownClass(cls):
        cls.a.stop()

    def routes(self):
        """(method, path, body, roles allowed). Coordinators and instructors are assigned s1 only."""
        app, s1, s2 = self.app_id, self.s1, self.s2
        year = {"key": "k{n}", "fiscal_year": 2030, "label": {"ja": "年度", "en": "FY"}, "reference_prefix": "K"}
        session = {"number": 50, "date": "2030-01-06", "region": {"ja": "地方", "en": "R"}, "prefecture_code": 13,
                   "venue": {"ja": "会場", "en": "V"}}
        return [
            ("GET", "/api/admin/applications", None, {A, S, C}),
            ("GET", f"/api/admin/applications/{app}", None, {A, S, C}),
            ("POST", f"/api/admin/applications/{app}/notes", {"body": "メモ"}, {A, S, C}),
            ("POST", f"/api/admin/applications/{app}/review-status", {"review_status": "in_review", "reason": "r"},
             {A, S, C}),
            ("POST", f"/api/admin/applications/{app}/request-correction", {"message": "m"}, {A, S, C}),
            ("GET", "/api/admin/dashboard", None, {A, S, M}),
            ("GET", "/api/admin/exports/applications.csv", None, {A, S}),
            ("GET", "/api/admin/exports/members.xlsx", None, {A, S}),
            ("GET", f"/api/admin/sessions/{s1}/roster.csv", None, {A, S, C, I}),
            ("GET", f"/api/admin/sessions/{s2}/roster.csv", None, {A, S}),
            ("PATCH", f"/api/admin/sessions/{s2}", {"capacity_teams": 8}, {A, S}),
            ("POST", "/api/admin/years/2025/copy", year, {A, S}),
            ("POST", "/api/admin/years/2025/sessions", session, {A, S}),
            ("GET", "/api/admin/users", None, {A}),
            ("POST", "/api/admin/users", {"email": "new{n}@example.jp", "role": "staff"}, {A}),
            ("GET", "/api/admin/audit", None, {A}),
            ("GET", "/api/admin/audit.csv", None, {A}),
            ("POST", "/api/admin/privacy/purge", {"dry_run": True}, {A}),
            ("POST", "/api/admin/privacy/export", {"email": "nobody@example.jp"}, {A}),
            ("POST", "/api/admin/privacy/erase", {"email": "nobody@example.jp", "confirm": True}, {A}),
            ("GET", "/api/admin/selection/runs", None, {A, S, C}),
            ("GET", "/api/admin/selection/pins", None, {A, S, C}),
            ("GET", f"/api/admin/selection/sessions/{s1}/placements", None, {A, S, C}),
            ("GET", f"/api/admin/selection/sessions/{s2}/placements", None, {A, S}),
            ("GET", f"/api/admin/learning/{self.year}/questionnaire", None, {A, S}),
            ("PUT", f"/api/admin/learning/{self.year}/questionnaire", self.questionnaire, {A, S}),
            ("GET", f"/api/admin/learning/quizzes/{self.quiz_id}/gift", None, {A, S}),
        ]

    def call(self, method, path, body, who):
        session = self.sessions.get(who)
        return self.srv.request(method, path, body, headers=self.a.headers(session))

    def test_every_route_for_every_role(self):
        n = 0
        for method, path, body, allowed in self.routes():
            for who in sorted(ALL_STAFF) + ["person", None]:
                n += 1
                b = body
                if isinstance(body, dict):  # fresh keys where a second success would collide
                    b = {k: (v.format(n=n) if isinstance(v, str) and "{n}" in v else v) for k, v in body.items()}
                r = self.call(method, path, b, who)
                with self.subTest(route=f"{method} {path}", role=who):
                    self.assertLess(r.status, 500, r)
                    if who is None:
                        self.assertEqual(r.status, 401, r)
                    elif who in allowed:
                        self.assertNotIn(r.status, (401, 404), r)
                    else:
                        self.assertEqual(r.status, 404, r)
                        self.assertEqual(r.error["code"], "request.not_found", r)
        self.assertGreater(n, 150)


if __name__ == "__main__":
    unittest.main()
