"""Simulator practice attempts saved to a participant's portal (issue 5) against the real binary: a participant
signed in by e-mail link saves finished attempts (POST /api/portal/sim-attempts, session + CSRF, strict JSON, body
and debrief bounded) and lists only their own; staff, non-participants and anonymous callers get nothing; the
attempts are in the person's export and go with their erasure."""
import json
import unittest

import test_retention
from kenshu_server import open_session_ids, submit_teams
from test_auth import AuthServer, Assertions

PATH = "/api/portal/sim-attempts"


def attempt(**over):
    body = {
        "scenario_id": "elso_pump_failure",
        "started_at": "2026-12-01T10:00:00.000Z",
        "duration_s": 312,
        "score": 6,
        "max_score": 10,
        "debrief": {"title": {"ja": "ポンプ停止", "en": "Pump failure"}, "score": {"points": 6, "max_points": 10,
                                                                            "actions": []}, "log": []},
    }
    body.update(over)
    return body


class SimAttemptsTest(Assertions, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = AuthServer()
        cls.admin_account = cls.s.create("sim-admin@example.jp", "admin")
        program = cls.s.server.program()
        session_id = open_session_ids(program)[0]
        cls.year = program["year"]["key"] if "year" in program else "demo"
        cls.session_id = session_id
        cls.teams = submit_teams(cls.s.server, session_id)
        cls.people = {}

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()

    def person(self, email):
        """A session for the person with this e-mail (cached per test class)."""
        if email not in self.people:
            self.people[email] = self.s.sign_in_person(email)
        return self.people[email]

    def member(self, team, i):
        return self.teams[team]["members"][i]["email"]

    def test_1_saved_and_listed_as_own(self):
        me = self.person(self.member(0, 0))
        r = self.s.post(PATH, attempt(), me)
        self.assertEqual(r.status, 201, r)
        saved = r.json()["attempt"]
        self.assertEqual((saved["scenario_id"], saved["score"], saved["max_score"], saved["duration_s"]),
                         ("elso_pump_failure", 6, 10, 312))
        self.assertEqual(saved["debrief"]["title"]["en"], "Pump failure")
        r = self.s.post(PATH, attempt(scenario_id="vent_leak", score=3, max_score=3), me)
        self.assertEqual(r.status, 201, r)
        mine = self.s.get(PATH, me)
        self.assertEqual(mine.status, 200, mine)
        self.assertIn("no-store", mine.header("cache-control", ""))
        self.assertEqual(sorted(a["scenario_id"] for a in mine.json()["attempts"]), ["elso_pump_failure", "vent_leak"])
        # the stored address is the lower-case one, whatever case the person signed in with
        with self.s.server.db() as db:
            emails = {row[0] for row in db.execute("SELECT email FROM sim_attempts")}
        self.assertEqual(emails, {self.member(0, 0).lower()})
        # another participant sees none of them
        other = self.s.get(PATH, self.person(self.member(1, 0)))
        self.assertEqual(other.status, 200, other)
        self.assertEqual(other.json()["attempts"], [])

    def test_2_only_signed_in_participants_with_csrf(self):
        self.assertError(self.s.get(PATH), 401, "auth.required")
        self.assertError(self.s.post(PATH, attempt()), 401, "auth.required")
        me = self.person(self.member(0, 1))
        self.assertError(self.s.post(PATH, attempt(), me, csrf=False), 403, "auth.csrf")
        contact = self.teams[0]["contact"]["email"]  # a contact who is not a member has no portal
        self.assertError(self.s.get(PATH, self.person(contact)), 404, "request.not_found")
        self.assertError(self.s.post(PATH, attempt(), self.person(contact)), 404, "request.not_found")
        admin = self.s.sign_in(self.admin_account)
        self.assertError(self.s.get(PATH, admin), 404, "request.not_found")

    def test_3_strict_json(self):
        me = self.person(self.member(0, 2))
        self.assertError(self.s.post(PATH, dict(attempt(), extra=1), me), 400, "request.unknown_field")
        body = attempt()
        del body["debrief"]
        self.assertError(self.s.post(PATH, body, me), 400, "request.missing_field")
        self.assertError(self.s.post(PATH, attempt(score="6"), me), 400, "request.wrong_type")
        self.assertError(self.s.post(PATH, attempt(debrief=[1, 2]), me), 400, "request.wrong_type")
        self.assertError(self.s.post(PATH, attempt(score=11), me), 400, "field.out_of_range", "score")
        self.assertError(self.s.post(PATH, attempt(duration_s=-1), me), 400, "field.out_of_range", "duration_s")
        self.assertError(self.s.post(PATH, attempt(scenario_id="../etc"), me), 400, "field.bad_text", "scenario_id")
        self.assertError(self.s.post(PATH, attempt(started_at="yesterday"), me), 400, "field.bad_date", "started_at")
        self.assertEqual(self.s.get(PATH, me).json()["attempts"], [])

    def test_4_debrief_and_body_bounded(self):
        me = self.person(self.member(0, 3))
        big = attempt(debrief={"log": ["x" * 100] * 400})  # about 41 KiB: within the body limit, over the debrief's
        self.assertLess(len(json.dumps(big)), 48 * 1024)
        self.assertError(self.s.post(PATH, big, me), 413, "sim.debrief_too_large", "debrief")
        huge = attempt(debrief={"log": ["x" * 1000] * 100})
        self.assertError(self.s.post(PATH, huge, me), 413, "request.too_large")
        self.assertEqual(self.s.get(PATH, me).json()["attempts"], [])

    def test_4b_staff_see_attempts_per_session(self):
        email = self.member(1, 2)
        self.assertEqual(self.s.post(PATH, attempt(scenario_id="vent_secretions"), self.person(email)).status, 201)
        admin = self.s.sign_in(self.admin_account)
        r = self.s.get(f"/api/admin/learning/{self.year}/sim-attempts?session={self.session_id}", admin)
        self.assertEqual(r.status, 200, r)
        rows = {p["member_id"]: p for p in r.json()["participants"]}
        self.assertEqual(len(rows), 8)  # both teams' members
        theirs = [p for p in rows.values() if any(a["scenario_id"] == "vent_secretions" for a in p["attempts"])]
        self.assertEqual(len(theirs), 1)
        self.assertNotIn("debrief", theirs[0]["attempts"][0])
        self.assertError(self.s.get(f"/api/admin/learning/{self.year}/sim-attempts", self.person(email)), 404,
                         "request.not_found")
        self.assertError(self.s.get("/api/admin/learning/1999/sim-attempts", admin), 404, "program.year_not_found")

    def test_5_exported_and_erased_with_the_person(self):
        email = self.member(1, 1)
        r = self.s.post(PATH, attempt(scenario_id="vent_tube_kink"), self.person(email))
        self.assertEqual(r.status, 201, r)
        out = test_retention.cli(self.s.server, "person", "export", "--email", email)
        self.assertEqual(out.returncode, 0, out.stderr)
        exported = json.loads(out.stdout)["sim_attempts"]
        self.assertEqual([a["scenario_id"] for a in exported], ["vent_tube_kink"])
        erased = test_retention.cli(self.s.server, "person", "erase", "--email", email)
        self.assertEqual(erased.returncode, 0, erased.stderr)
        with self.s.server.db() as db:
            left = db.execute("SELECT COUNT(*) FROM sim_attempts WHERE email = ?", (email.lower(),)).fetchone()[0]
        self.assertEqual(left, 0)


if __name__ == "__main__":
    unittest.main()
