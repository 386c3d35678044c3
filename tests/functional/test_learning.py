"""Pre-learning against the real binary: the participant portal (signed in by e-mail link), answers never sent
before submission, grading of each question type, attempt limits, questionnaire windows (test clock), reminders
sent once per offset, results with the Ministry's suppression, GIFT import errors, exports read back with openpyxl."""
import datetime
import io
import json
import math
import unittest

import openpyxl

from kenshu_server import open_session_ids, read_mails, submit_teams
from test_auth import AuthServer, Assertions, iso

# A test a staff member imports: one question of each type, answers known here.
GIFT = """$CATEGORY: test/types

::single::VV-ECMO が補助するのはどれか。{=呼吸#正解。~循環#違います。}

::multi::回路の構成要素を全て選べ。{~%50%ポンプ ~%50%人工肺 ~%-100%透析フィルター#違います。}

::tf::スウィープガスで CO2 除去を調節する。{T#正解。#違います。}

::numeric::予測体重あたりの一回換気量 (mL/kg) は?{#6:0.5}

::short::換気モードの略称 (補助/調節) を答えよ。{=AC =A/C}
"""
RIGHT = [{"question": 0, "choices": [0]}, {"question": 1, "choices": [0, 1]}, {"question": 2, "truth": True},
         {"question": 3, "text": "６"}, {"question": 4, "text": "ａｃ"}]


class LearningTest(Assertions, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = AuthServer(extra_config="[learning]\nmax_attachment_mb = 1\n")
        cls.accounts = (cls.s.create("learn-admin@example.jp", "admin"),
                        cls.s.create("learn-ministry@example.jp", "ministry"))
        cls.sign_in_staff()
        program = cls.s.server.program()
        cls.year = program["year"]["key"] if "year" in program else "demo"
        cls.session_id = open_session_ids(program)[0]
        cls.session = next(s for s in program["sessions"] if s["id"] == cls.session_id)
        cls.teams = submit_teams(cls.s.server, cls.session_id)
        cls.people = {}

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()

    # ---- helpers ----

    @classmethod
    def sign_in_staff(cls):
        cls.admin = cls.s.sign_in(cls.accounts[0])
        cls.ministry = cls.s.sign_in(cls.accounts[1])

    def jump(self, when):
        """Moves the test clock (forward only); sessions idle that long have expired, so everyone signs in again."""
        if when > self.s.now:
            self.s.now = when
            self.s.server.set_clock(iso(self.s.now))
        type(self).people = {}
        self.sign_in_staff()

    def person(self, email):
        """A session for the person with this e-mail (cached per test class)."""
        if email not in self.people:
            self.people[email] = self.s.sign_in_person(email)
        return self.people[email]

    def member(self, team, i):
        return self.teams[team]["members"][i]["email"]

    def portal(self, email):
        r = self.s.get("/api/portal", self.person(email))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def answers_for(self, phase, scale):
        form = self.s.get(f"/api/portal/questionnaires/{phase}", self.person(self.member(0, 0))).json()
        out = {}
        for sec in form["sections"]:
            for it in sec["items"]:
                if it["kind"] == "likert":
                    out[it["id"]] = {"scale": scale}
                elif it["kind"] in ("single_choice", "multiple_choice"):
                    out[it["id"]] = {"choices": [1 if scale > 3 and len(it["options"]) > 1 else 0]}
                elif it["kind"] == "numeric":
                    out[it["id"]] = {"number": it.get("min", 0) + 1}
                else:
                    out[it["id"]] = {"text": f"自由記述 {phase}"}
        return out

    # ---- tests, in order (the clock only moves forward) ----

    def test_1_portal_lists_lectures_quizzes_questionnaires_and_the_session(self):
        p = self.portal(self.member(0, 0))
        self.assertEqual(len(p["lectures"]), 4)
        self.assertEqual(len(p["quizzes"]), 4)
        self.assertEqual([q["phase"] for q in p["questionnaires"]], ["pre", "post"])
        self.assertTrue(p["questionnaires"][0]["open"])
        self.assertFalse(p["questionnaires"][1]["open"])
        self.assertEqual(p["session"]["date"], self.session["date"])
        self.assertTrue(p["session"]["starts_at"].endswith("+09:00"))
        self.assertEqual(p["team"]["members"], 4)
        self.assertEqual(p["team"]["ready"], 0)
        lecture = self.s.get(f"/api/portal/lectures/{p['lectures'][0]['id']}", self.person(self.member(0, 0)))
        self.assertEqual(lecture.status, 200, lecture)
        self.assertIn("#", lecture.json()["body_md"])
        self.assertTrue(lecture.json()["open"])
        self.assertTrue(p["lectures"][0]["open"])
        self.assertTrue(p["lectures"][0]["closes_at"].endswith("+09:00"))
        r = self.s.post(f"/api/portal/lectures/{p['lectures'][0]['id']}/studied", {}, self.person(self.member(0, 0)))
        self.assertEqual(r.status, 200, r)
        self.assertTrue(self.portal(self.member(0, 0))["lectures"][0]["studied"])

    def test_1b_lecture_files_checked_and_served_only_to_those_allowed(self):
        lecture_id = self.portal(self.member(0, 0))["lectures"][0]["id"]
        url = f"/api/admin/learning/lectures/{lecture_id}/attachments?name=slides.pdf"

        def upload(body, content_type):
            return self.s.server.request("POST", url, body, headers=dict(self.s.headers(self.admin),
                                                                          **{"Content-Type": content_type}))

        self.assertError(upload(b"<html>not a pdf</html>", "application/pdf"), 415, "attachment.bad_type")
        self.assertError(upload(b"%PDF-1.4 x", "text/html"), 415, "attachment.bad_type")
        pdf = b"%PDF-1.4\n% test file\n%%EOF\n"
        r = upload(pdf, "application/pdf")
        self.assertEqual(r.status, 201, r)
        lecture = self.s.get(f"/api/portal/lectures/{lecture_id}", self.person(self.member(0, 0))).json()
        self.assertEqual([a["file_name"] for a in lecture["attachments"]], ["slides.pdf"])
        got = self.s.get(lecture["attachments"][0]["url"], self.person(self.member(0, 0)))
        self.assertEqual((got.status, got.body, got.header("content-type")), (200, pdf, "application/pdf"))
        self.assertError(self.s.get(lecture["attachments"][0]["url"], self.person(self.teams[0]["contact"]["email"])),
                         404, "request.not_found")
        self.assertError(self.s.get(lecture["attachments"][0]["url"]), 401, "auth.required")
        big = self.s.server.request("POST", url, b"%PDF-" + b"0" * (2 * 1024 * 1024),
                                    headers=dict(self.s.headers(self.admin), **{"Content-Type": "application/pdf"}))
        self.assertError(big, 413, "attachment.too_large")

    def test_2_only_participants_and_never_staff(self):
        contact = self.teams[0]["contact"]["email"]  # a contact who is not a member has no portal
        self.assertError(self.s.get("/api/portal", self.person(contact)), 404, "request.not_found")
        self.assertError(self.s.get("/api/portal", self.admin), 404, "request.not_found")
        self.assertError(self.s.get("/api/portal"), 401, "auth.required")
        # and a participant does not reach the back office
        self.assertError(self.s.get(f"/api/admin/learning/{self.year}/progress", self.person(self.member(0, 1))),
                         404, "request.not_found")

    def test_3_gift_import_all_or_nothing_then_grading_of_each_type(self):
        r = self.s.post(f"/api/admin/learning/{self.year}/lectures",
                        {"course": "ventilator", "title": "試験用講義", "body_md": "# 見出し", "position": 9}, self.admin)
        self.assertEqual(r.status, 200, r)
        lectures = self.s.get(f"/api/admin/learning/{self.year}/lectures", self.admin).json()["lectures"]
        quiz_id = next(l for l in lectures if l["id"] == r.json()["id"])["quizzes"][0]["id"]
        bad = self.s.post(f"/api/admin/learning/quizzes/{quiz_id}/gift", {"gift": "::a::x {=a ~b\n\n::b::y {#1..\n"},
                          self.admin)
        self.assertError(bad, 422, "quiz.gift_invalid")
        errors = bad.json()["error"]["errors"]
        self.assertEqual([(e["line"], e["code"]) for e in errors][0], (1, "gift.unclosed_brace"))
        # Nothing imported from the bad file: the new lecture's test still has no questions.
        after_bad = self.s.get(f"/api/admin/learning/{self.year}/lectures", self.admin).json()["lectures"]
        self.assertEqual(next(l for l in after_bad if l["id"] == r.json()["id"])["quizzes"][0]["questions"], 0)
        ok = self.s.post(f"/api/admin/learning/quizzes/{quiz_id}/gift", {"gift": GIFT}, self.admin)
        self.assertEqual((ok.status, ok.json()["imported"]), (200, 5), ok)
        # Export: a GIFT download with the category; imported again it gives the same file back.
        exported = self.s.get(f"/api/admin/learning/quizzes/{quiz_id}/gift", self.admin)
        self.assertEqual(exported.status, 200, exported)
        self.assertTrue(exported.header("content-type").startswith("text/plain"), exported)
        self.assertIn(f'filename="quiz-{quiz_id}.gift"', exported.header("content-disposition"))
        gift_text = exported.body.decode()
        self.assertTrue(gift_text.startswith("$CATEGORY: test/types\n"), gift_text)
        self.assertIn("::numeric::", gift_text)
        again = self.s.post(f"/api/admin/learning/quizzes/{quiz_id}/gift", {"gift": gift_text}, self.admin)
        self.assertEqual((again.status, again.json()["imported"]), (200, 5), again)
        self.assertEqual(self.s.get(f"/api/admin/learning/quizzes/{quiz_id}/gift", self.admin).body.decode(), gift_text)
        self.assertError(self.s.get("/api/admin/learning/quizzes/no-such-quiz/gift", self.admin), 404,
                         "request.not_found")

        who = self.person(self.member(0, 1))
        start = self.s.post(f"/api/portal/quizzes/{quiz_id}/attempts", {}, who)
        self.assertEqual(start.status, 200, start)
        text = start.body.decode() if isinstance(start.body, bytes) else start.body
        for secret in ("正解", "違います", "weight", "feedback", "correct", "6:0.5", "A/C"):
            self.assertNotIn(secret, text)
        self.assertEqual(self.s.get(f"/api/portal/quizzes/{quiz_id}", who).json()["open_attempt"]["id"],
                         start.json()["id"])  # the same attempt, the same order, when reloaded
        wrong = self.s.post(f"/api/portal/attempts/{start.json()['id']}", {"answers": [
            {"question": 0, "choices": [1]}, {"question": 1, "choices": [0, 2]}, {"question": 2, "truth": False},
            {"question": 3, "text": "10"}, {"question": 4, "text": "SIMV"}]}, who)
        self.assertEqual(wrong.status, 200, wrong)
        self.assertEqual(wrong.json()["percent"], 0)
        self.assertFalse(wrong.json()["passed"])
        self.assertIn("違います。", json.dumps(wrong.json(), ensure_ascii=False))  # feedback after submitting
        self.assertError(self.s.post(f"/api/portal/attempts/{start.json()['id']}", {"answers": RIGHT}, who),
                         409, "quiz.attempt_closed")
        again = self.s.post(f"/api/portal/quizzes/{quiz_id}/attempts", {}, who).json()
        malformed = self.s.post(f"/api/portal/attempts/{again['id']}", {"answers": [{"question": 0, "choices": [7]}]},
                                who)
        self.assertError(malformed, 400, "quiz.choice_out_of_range")
        for answers, code in (([{"question": 99, "text": "x"}], "quiz.unknown_question"),
                              ([{"question": 0, "choices": [0, 1]}], "quiz.too_many_choices"),
                              ([{"question": 1, "choices": [0, 0]}], "quiz.duplicate_choice")):
            self.assertError(self.s.post(f"/api/portal/attempts/{again['id']}", {"answers": answers}, who), 400, code)
        right = self.s.post(f"/api/portal/attempts/{again['id']}", {"answers": RIGHT}, who)
        self.assertEqual(right.status, 200, right)
        self.assertEqual((right.json()["percent"], right.json()["passed"]), (100, True))
        self.assertEqual([q["correct"] for q in right.json()["questions"]], [True] * 5)
        with self.s.server.db() as db:
            stored = db.execute("SELECT answers_json FROM quiz_attempts WHERE id = ?", (again["id"],)).fetchone()[0]
        self.assertEqual(json.loads(stored)[3]["text"], "６")  # every answer is kept as given

    def test_3b_time_limit(self):
        lectures = self.s.get(f"/api/admin/learning/{self.year}/lectures", self.admin).json()["lectures"]
        quiz_id = next(l for l in lectures if l["title"] == "試験用講義")["quizzes"][0]["id"]
        self.assertError(self.s.server.request("PUT", f"/api/admin/learning/quizzes/{quiz_id}",
                                               {"time_limit_minutes": -1}, headers=self.s.headers(self.admin)),
                         400, "field.out_of_range", "time_limit_minutes")
        r = self.s.server.request("PUT", f"/api/admin/learning/quizzes/{quiz_id}",
                                  {"time_limit_minutes": 1, "feedback": "score_only"}, headers=self.s.headers(self.admin))
        self.assertEqual(r.status, 200, r)
        who = self.person(self.member(1, 0))
        a = self.s.post(f"/api/portal/quizzes/{quiz_id}/attempts", {}, who).json()
        on_time = self.s.post(f"/api/portal/attempts/{a['id']}", {"answers": RIGHT}, who)
        self.assertEqual(on_time.status, 200, on_time)
        self.assertNotIn("correct", on_time.json()["questions"][0])  # score only, as configured
        b = self.s.post(f"/api/portal/quizzes/{quiz_id}/attempts", {}, who).json()
        self.s.advance(minutes=2)
        self.assertError(self.s.post(f"/api/portal/attempts/{b['id']}", {"answers": RIGHT}, who), 409,
                         "quiz.time_expired")
        with self.s.server.db() as db:
            self.assertEqual(db.execute("SELECT passed, percent FROM quiz_attempts WHERE id = ?", (b["id"],)).fetchone(),
                             (0, 0.0))  # recorded as taken, without credit

    def test_4_attempts_are_limited(self):
        who = self.person(self.member(0, 2))
        quiz = self.portal(self.member(0, 2))["quizzes"][0]
        self.assertEqual(quiz["attempts_allowed"], 3)
        for _ in range(3):
            a = self.s.post(f"/api/portal/quizzes/{quiz['id']}/attempts", {}, who)
            self.assertEqual(a.status, 200, a)
            r = self.s.post(f"/api/portal/attempts/{a.json()['id']}", {"answers": []}, who)
            self.assertEqual(r.status, 200, r)
            self.assertFalse(r.json()["passed"])
        self.assertError(self.s.post(f"/api/portal/quizzes/{quiz['id']}/attempts", {}, who), 409,
                         "quiz.no_attempts_left")
        q = self.portal(self.member(0, 2))["quizzes"][0]
        self.assertEqual((q["attempts_used"], q["attempts_left"], q["passed"]), (3, 0, False))

    def test_5_reminders_once_per_offset(self):
        day = datetime.date.fromisoformat(self.session["date"])
        seven_before = datetime.datetime.combine(day - datetime.timedelta(days=7), datetime.time(1, 0),
                                                 datetime.timezone.utc)
        self.jump(seven_before)
        r = self.s.post("/api/admin/learning/reminders/run", {}, self.admin)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["participants"], 8)
        self.assertEqual(r.json()["contacts"], 2)
        again = self.s.post("/api/admin/learning/reminders/run", {}, self.admin)
        self.assertEqual((again.json()["participants"], again.json()["contacts"]), (0, 0))
        self.s.server.wait_mail_idle()
        mails = [m for m in read_mails(self.s.server.mail_dir) if self.member(1, 3) in m["to"]]
        self.assertEqual(len([m for m in mails if "/portal" in m["body"]]), 1)
        contact = [m for m in read_mails(self.s.server.mail_dir) if self.teams[1]["contact"]["email"] in m["to"]
                   and "/portal" in m["body"] and "看護 花子" in m["body"]]
        self.assertEqual(len(contact), 1)
        with self.s.server.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM reminders_sent").fetchone()[0], 10)

    def test_6_questionnaire_windows_and_validation(self):
        pre = self.answers_for("pre", 2)
        who = self.person(self.member(0, 0))
        missing = dict(pre)
        missing.pop("conf_vent_modes")
        self.assertError(self.s.post("/api/portal/questionnaires/pre", {"answers": missing}, who), 400,
                         "questionnaire.required")
        out_of_range = dict(pre, conf_vent_modes={"scale": 9})
        self.assertError(self.s.post("/api/portal/questionnaires/pre", {"answers": out_of_range}, who), 400,
                         "questionnaire.out_of_range")
        for bad, code in ((dict(pre, nope={"text": "x"}), "questionnaire.unknown_item"),
                          (dict(pre, conf_vent_modes={"text": "x", "scale": 3}), "questionnaire.wrong_kind"),
                          (dict(pre, prior_training={"choices": [9]}), "questionnaire.choice_out_of_range"),
                          (dict(pre, prior_training={"choices": [0, 1]}), "questionnaire.too_many_choices"),
                          (dict(pre, know_ecmo_co2={"choices": [1, 1]}), "questionnaire.duplicate_choice"),
                          (dict(pre, expectations={"text": "あ" * 1001}), "questionnaire.too_long"),
                          (dict(pre, expectations={"text": "a\u0007b"}), "questionnaire.invalid_text")):
            self.assertError(self.s.post("/api/portal/questionnaires/pre", {"answers": bad}, who), 400, code)
        for t in range(2):
            for i in range(4):
                r = self.s.post("/api/portal/questionnaires/pre", {"answers": pre}, self.person(self.member(t, i)))
                self.assertEqual(r.status, 200, r)
        self.assertError(self.s.post("/api/portal/questionnaires/pre", {"answers": pre}, who), 409,
                         "questionnaire.already_answered")
        post = self.answers_for("post", 4)
        self.assertError(self.s.post("/api/portal/questionnaires/post", {"answers": post}, who), 409,
                         "questionnaire.not_open")
        # The day ends (18:00 JST at the latest): the post form opens; the pre form has closed.
        day = datetime.date.fromisoformat(self.session["date"])
        self.jump(datetime.datetime.combine(day, datetime.time(10, 0), datetime.timezone.utc))  # 19:00 JST
        late = self.person(self.member(0, 0))
        self.assertError(self.s.post("/api/portal/questionnaires/pre", {"answers": pre}, late), 409,
                         "questionnaire.closed")
        # Post-course reminders: none on the evening of the day; the next day (offset 1) everyone who has not
        # answered, once.
        self.assertEqual(self.s.post("/api/admin/learning/reminders/run", {}, self.admin).json()["post"], 0)
        self.jump(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(1, 0),
                                            datetime.timezone.utc))  # 10:00 JST the next day
        first = self.s.post("/api/admin/learning/reminders/run", {}, self.admin).json()
        self.assertEqual((first["post"], first["participants"], first["contacts"]), (8, 0, 0))
        self.assertEqual(self.s.post("/api/admin/learning/reminders/run", {}, self.admin).json()["post"], 0)
        self.s.server.wait_mail_idle()
        reminded = [m for m in read_mails(self.s.server.mail_dir)
                    if self.member(0, 0) in m["to"] and "受講後アンケート" in m["subject"]]
        self.assertEqual(len(reminded), 1)
        self.assertIn("/portal", reminded[0]["body"])
        for t in range(2):
            for i in range(4):
                answers = dict(post)
                if i == 3:
                    answers["conf_team"] = {"scale": 2}  # one unchanged pair
                r = self.s.post("/api/portal/questionnaires/post", {"answers": answers}, self.person(self.member(t, i)))
                self.assertEqual(r.status, 200, r)

    def test_7_results_for_staff_and_suppressed_for_the_ministry(self):
        staff = self.s.get(f"/api/admin/learning/{self.year}/results", self.admin)
        self.assertEqual(staff.status, 200, staff)
        body = staff.json()
        item = next(i for i in body["paired_items"] if i["id"] == "conf_vent_modes")
        everyone = item["groups"]["all"]
        self.assertEqual(everyone["n_pairs"], 8)
        self.assertEqual((everyone["mean_before"], everyone["mean_after"]), (2, 4))
        # Every pair moved by +2: all tied, so the normal approximation with tie and continuity correction.
        self.assertFalse(everyone["exact"])
        z = (36 - 18 - 0.5) / math.sqrt(8 * 9 * 17 / 24 - (8 ** 3 - 8) / 48)
        self.assertAlmostEqual(everyone["z"], z, places=9)
        self.assertAlmostEqual(everyone["p_value"], math.erfc(z / math.sqrt(2)), places=9)
        self.assertAlmostEqual(everyone["r"], z / math.sqrt(8), places=9)
        team = next(i for i in body["paired_items"] if i["id"] == "conf_team")["groups"]["all"]
        self.assertEqual((team["n_pairs"], team["n_zero"]), (8, 2))  # the unchanged pairs are dropped
        self.assertEqual(item["groups"]["profession:doctor"]["n_pairs"], 2)
        self.assertIn("free_text", body)
        self.assertEqual(body["response_rates"]["pre"]["answered"], 8)
        # Answers per Likert point among the pairs, before and after (the chart of distributions).
        self.assertEqual(everyone["distribution_before"], {"1": 0, "2": 8, "3": 0, "4": 0, "5": 0})
        self.assertEqual(everyone["distribution_after"], {"1": 0, "2": 0, "3": 0, "4": 8, "5": 0})
        self.assertEqual(team["distribution_after"], {"1": 0, "2": 2, "3": 0, "4": 6, "5": 0})
        self.assertEqual(sum(item["groups"]["profession:doctor"]["distribution_before"].values()), 2)
        choice = next(i for i in body["paired_items"] if i["groups"]["all"].get("distribution_before")
                      and i["kind"] == "single_choice")
        self.assertEqual(sum(choice["groups"]["all"]["distribution_before"].values()), 8)
        self.assertIn("0", choice["groups"]["all"]["distribution_before"])  # keyed by option index

        ministry = self.s.get(f"/api/admin/learning/{self.year}/results", self.ministry)
        self.assertEqual(ministry.status, 200, ministry)
        m = ministry.json()
        self.assertNotIn("free_text", m)
        mi = next(i for i in m["paired_items"] if i["id"] == "conf_vent_modes")
        self.assertEqual(mi["groups"]["all"]["n_pairs"], 8)
        self.assertTrue(mi["groups"]["profession:doctor"]["suppressed"])
        self.assertIsNone(mi["groups"]["profession:doctor"]["n_pairs"])
        self.assertNotIn("mean_before", mi["groups"]["profession:nurse"])
        # The Ministry's distributions go through suppress_counts: cells under 5 (empty ones too) are withheld.
        self.assertEqual(mi["groups"]["all"]["distribution_before"], {"1": None, "2": 8, "3": None, "4": None, "5": None})
        self.assertNotIn("distribution_before", mi["groups"]["profession:doctor"])
        mteam = next(i for i in m["paired_items"] if i["id"] == "conf_team")["groups"]["all"]
        self.assertEqual(mteam["distribution_after"], {"1": None, "2": None, "3": None, "4": 6, "5": None})
        text = ministry.body.decode() if isinstance(ministry.body, bytes) else ministry.body
        for t in self.teams:
            for mem in t["members"]:
                self.assertNotIn(mem["email"], text)
                self.assertNotIn(mem["name"], text)
        self.assertError(self.s.get(f"/api/admin/learning/{self.year}/progress", self.ministry), 404,
                         "request.not_found")

    def test_8_exports_read_back(self):
        csv = self.s.get(f"/api/admin/learning/{self.year}/progress.csv", self.admin)
        self.assertEqual(csv.status, 200, csv)
        x = self.s.get(f"/api/admin/learning/{self.year}/progress.xlsx", self.admin)
        self.assertEqual(x.status, 200, x)
        sheet = openpyxl.load_workbook(io.BytesIO(x.body)).worksheets[0]
        self.assertEqual(sheet.max_row, 1 + 8)
        r = self.s.get(f"/api/admin/learning/{self.year}/results.xlsx", self.admin)
        self.assertEqual(r.status, 200, r)
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        self.assertEqual(wb.sheetnames[:2], ["Summary", "Response rates"])
        rows = list(wb["Summary"].iter_rows(values_only=True))
        self.assertIn(("conf_vent_modes", "all", 8), [row[:3] for row in rows])
        m = self.s.get(f"/api/admin/learning/{self.year}/results.xlsx", self.ministry)
        self.assertEqual(m.status, 200, m)
        self.assertNotIn("Free text", openpyxl.load_workbook(io.BytesIO(m.body)).sheetnames)

    def test_9_post_form_closes(self):
        self.jump(self.s.now + datetime.timedelta(days=15))
        self.assertError(self.s.post("/api/portal/questionnaires/post", {"answers": {}},
                                     self.person(self.teams[0]["members"][0]["email"])), 409,
                         "questionnaire.closed")

    def test_9a_lectures_close_after_the_session_day(self):
        who = self.person(self.member(1, 0))
        p = self.portal(self.member(1, 0))
        self.assertTrue(all(not lec["open"] for lec in p["lectures"]))
        lecture = p["lectures"][1]
        self.assertFalse(self.s.get(f"/api/portal/lectures/{lecture['id']}", who).json()["open"])
        self.assertError(self.s.post(f"/api/portal/lectures/{lecture['id']}/studied", {}, who), 409, "lecture.closed")
        self.assertFalse(self.portal(self.member(1, 0))["lectures"][1]["studied"])

    def test_9b_a_year_copies_the_previous_years_lectures(self):
        def new_year(key, fy):
            body = {"key": key, "fiscal_year": fy, "label": {"ja": f"{key}年度", "en": f"FY{key}"},
                    "reference_prefix": f"C{fy % 100}"}
            r = self.s.post(f"/api/admin/years/{self.year}/copy", body, self.admin)
            self.assertEqual(r.status, 201, r)
        new_year("2091", 2091)
        new_year("2092", 2092)
        url = f"/api/admin/learning/2091/copy-from/{self.year}"
        self.assertEqual(self.s.post(url, {}, self.ministry).status, 404)
        old = self.s.get(f"/api/admin/learning/{self.year}/lectures", self.admin).json()["lectures"]
        r = self.s.post(url, {}, self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json()["lectures"], r.json()["quizzes"]), (len(old), sum(len(x["quizzes"]) for x in old)))
        self.assertTrue(r.json()["questionnaire"])
        new = self.s.get("/api/admin/learning/2091/lectures", self.admin).json()["lectures"]
        self.assertEqual([(x["title"], x["body_md"], x["course"], [q["questions"] for q in x["quizzes"]]) for x in old],
                         [(x["title"], x["body_md"], x["course"], [q["questions"] for q in x["quizzes"]]) for x in new])
        self.assertTrue(set(x["id"] for x in old).isdisjoint(x["id"] for x in new))
        self.assertEqual(r.json()["questions"], sum(q["questions"] for x in old for q in x["quizzes"]))
        self.assertError(self.s.post(url, {}, self.admin), 409, "lecture.copy_target_not_empty")
        self.assertError(self.s.post("/api/admin/learning/2092/copy-from/2092", {}, self.admin), 409,
                         "lecture.copy_source_empty")
        self.assertError(self.s.post("/api/admin/learning/2092/copy-from/1999", {}, self.admin), 404,
                         "program.year_not_found")
        with self.s.server.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM audit_log WHERE entity = 'learning_year'").fetchone()[0], 1)
        # The copied year's results have the questionnaire (nobody answered yet).
        self.assertEqual(self.s.get("/api/admin/learning/2091/results", self.admin).status, 200)

    def test_99_erasing_a_person_removes_their_learning_rows(self):
        email = self.member(0, 1)  # studied nothing, took the staff test, answered both forms
        with self.s.server.db() as db:
            member_id = db.execute("SELECT id FROM members WHERE email = ?", (email,)).fetchone()[0]
        export = self.s.post("/api/admin/privacy/export", {"email": email}, self.admin)
        self.assertEqual(export.status, 200, export)
        self.assertEqual(sorted(r["phase"] for r in export.json()["questionnaire_responses"]), ["post", "pre"])
        self.assertEqual(len(export.json()["quiz_attempts"]), 2)
        r = self.s.post("/api/admin/privacy/erase", {"email": email, "confirm": True}, self.admin)
        self.assertEqual(r.status, 200, r)
        with self.s.server.db() as db:
            for table in ("quiz_attempts", "questionnaire_responses", "lecture_progress"):
                self.assertEqual(db.execute(f"SELECT COUNT(*) FROM {table} WHERE member_id = ?", (member_id,))
                                 .fetchone()[0], 0, table)
            self.assertEqual(db.execute("SELECT COUNT(*) FROM reminders_sent WHERE recipient = ?", (member_id,))
                             .fetchone()[0], 0)


if __name__ == "__main__":
    unittest.main()
