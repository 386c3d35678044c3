"""A team applies, is told by e-mail, manages its application with the link, and nothing it was told is lost:
submit, idempotent retry, one team per hospital, manage (view, edit, withdraw), the deadline, languages, mail."""
import datetime
import json
import threading
import time
import unittest

from kenshu_server import (Server, ServerTestCase, SmtpSink, eml_mails, management_link, mails_to, member,
                           open_session_ids, submit_and_token, valid_application, wait_for, wait_mails)


def jst(iso):
    return datetime.datetime.fromisoformat(iso)


class ApplyTest(ServerTestCase):
    def setUp(self):
        self.program = self.server.program()
        self.sessions = open_session_ids(self.program)
        self.assertGreaterEqual(len(self.sessions), 3)

    def test_happy_path(self):
        before = self.server.count("applications")
        app = valid_application(self.sessions[:2])
        r = self.server.apply(app)
        self.assertEqual(r.status, 201, r)
        body = r.json()
        self.assertEqual(body["status"], "submitted")
        self.assertEqual(body["program_year"], "demo")
        self.assertRegex(body["reference"], r"^DEMO-\d{4}$")
        self.assertRegex(body["id"], r"^[A-Za-z0-9_\-]{16,}$")
        self.assertEqual(r.header("cache-control"), "no-store")
        self.assertEqual(self.server.count("applications"), before + 1)
        self.assertEqual(self.server.count("members", "application_id = ?", (body["id"],)), 4)
        # The contact's confirmation and one notice per member: five mails, as .eml files (no SMTP configured).
        contact = wait_mails(lambda: eml_mails(self.server), app["contact"]["email"])[0]
        link, token = management_link(contact)
        self.assertIn(body["reference"], contact["subject"])
        self.assertTrue(link.startswith(self.server.base_url + "/manage#"), link)
        for m in app["members"]:
            notice = wait_mails(lambda: eml_mails(self.server), m["email"])[0]
            self.assertIn(body["reference"], notice["subject"])
            self.assertNotIn(token, notice["body"], "members never get the management link")
            self.assertNotIn("/manage#", notice["body"])
        # The token is what the link says, and it opens exactly this application.
        view = self.server.manage("GET", token)
        self.assertEqual(view.status, 200, view)
        self.assertEqual(view.json()["id"], body["id"])
        self.assertEqual(view.header("cache-control"), "no-store")

    def test_references_are_sequential_and_distinct(self):
        refs = [self.server.apply(valid_application(self.sessions[:1])).json()["reference"] for _ in range(3)]
        nums = [int(r.split("-")[1]) for r in refs]
        self.assertEqual(nums, [nums[0], nums[0] + 1, nums[0] + 2])

    def test_any_session_without_a_ranked_list(self):
        app = valid_application([], preferences={"any_session": True, "session_ids": []})
        data, token = submit_and_token(self.server, app)
        view = self.server.manage("GET", token).json()
        self.assertIs(view["preferences"]["any_session"], True)
        self.assertEqual(view["preferences"]["sessions"], [])

    def test_text_is_normalised(self):
        app = valid_application(self.sessions[:1])
        app["hospital"]["postal_code"] = "１０００００１"          # full-width digits, no hyphen
        app["hospital"]["phone"] = "０３-１２３４-５６７８"
        app["members"][0]["name_kana"] = "いし いちろう"           # hiragana reading → katakana
        app["members"][1]["name_kana"] = "ｶﾝｺﾞ ﾊﾅｺ"               # half-width katakana → full-width
        app["contact"]["email"] = app["contact"]["email"].replace("example.jp", "EXAMPLE.JP")
        r = self.server.apply(app)
        self.assertEqual(r.status, 201, r)
        mail = wait_mails(lambda: eml_mails(self.server), app["contact"]["email"].lower())[0]
        view = self.server.manage("GET", management_link(mail)[1]).json()
        self.assertEqual(view["hospital"]["postal_code"], "100-0001")
        self.assertEqual(view["hospital"]["phone"], "03-1234-5678")
        self.assertEqual(view["members"][0]["name_kana"], "イシ イチロウ")
        self.assertEqual(view["members"][1]["name_kana"], "カンゴ ハナコ")
        self.assertTrue(view["contact"]["email"].endswith("@example.jp"))

    def test_idempotent_retry_returns_the_first_answer_and_creates_nothing(self):
        app = valid_application(self.sessions[:1])
        key = "retry-" + app["contact"]["email"].split("@")[0]
        first = self.server.apply(app, headers={"Idempotency-Key": key})
        self.assertEqual(first.status, 201, first)
        wait_mails(lambda: eml_mails(self.server), app["contact"]["email"])
        state = self.server.state()
        mails = len(self.server.eml_files())
        for _ in range(3):
            again = self.server.apply(app, headers={"Idempotency-Key": key})
            self.assertEqual(again.status, 201, again)
            self.assertEqual(again.json(), first.json())
            self.assertEqual(again.header("idempotent-replayed"), "true")
            self.assertEqual(again.header("cache-control"), "no-store")
        self.assertEqual(self.server.state(), state)
        self.assertEqual(len(self.server.eml_files()), mails)
        # The same key with another body is refused, and changes nothing either.
        other = valid_application(self.sessions[:1])
        reused = self.server.apply(other, headers={"Idempotency-Key": key})
        self.assertError(reused, 422, "idempotency.key_reused")
        self.assertEqual(self.server.state(), state)

    def test_concurrent_retries_with_one_key_create_one_application(self):
        app = valid_application(self.sessions[:1])
        key = "race-" + app["contact"]["email"].split("@")[0]
        before = self.server.count("applications")
        results = []
        lock = threading.Lock()

        def submit():
            r = self.server.apply(app, headers={"Idempotency-Key": key})
            with lock:
                results.append(r)

        threads = [threading.Thread(target=submit) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual({r.status for r in results}, {201}, results)
        self.assertEqual(len({r.body for r in results}), 1, "every retry gets the first answer")
        self.assertEqual(self.server.count("applications"), before + 1)
        self.assertEqual(self.server.count("outbox", "related_id = ?", (results[0].json()["id"],)), 5)

    def test_one_active_application_per_hospital(self):
        app = valid_application(self.sessions[:1])
        first, token = submit_and_token(self.server, app)
        state = self.server.state()
        again = valid_application(self.sessions[1:2])
        again["hospital"] = dict(app["hospital"])
        self.assertError(self.server.apply(again), 409, "application.duplicate_hospital", "hospital.name")
        # The same hospital written differently (full-width digits, spaces) is still the same hospital.
        variant = valid_application(self.sessions[1:2])
        variant["hospital"] = dict(app["hospital"])
        variant["hospital"]["name"] = app["hospital"]["name"].translate(
            str.maketrans("0123456789", "０１２３４５６７８９")).replace("病院", "病院 ")
        self.assertError(self.server.apply(variant), 409, "application.duplicate_hospital")
        self.assertEqual(self.server.state(), state)
        # The same name in another prefecture is another hospital.
        elsewhere = valid_application(self.sessions[1:2])
        elsewhere["hospital"] = dict(app["hospital"], prefecture_code=27)
        self.assertEqual(self.server.apply(elsewhere).status, 201)
        # Once withdrawn, the hospital may apply again.
        self.assertEqual(self.server.manage("POST", token, "/withdraw").status, 200)
        self.assertEqual(self.server.apply(again).status, 201)

    def test_concurrent_submits_from_one_hospital_accept_exactly_one(self):
        base = valid_application(self.sessions[:1])
        apps = []
        for _ in range(8):
            a = valid_application(self.sessions[:1])
            a["hospital"] = dict(base["hospital"])
            apps.append(a)
        results = [None] * len(apps)

        def submit(i):
            results[i] = self.server.apply(apps[i])

        threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(apps))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status for r in results)
        self.assertEqual(statuses, [201] + [409] * 7, results)
        for r in results:
            if r.status == 409:
                self.assertEqual(r.error["code"], "application.duplicate_hospital")

    def test_manage_view_edit_withdraw(self):
        app = valid_application(self.sessions[:2])
        first, token = submit_and_token(self.server, app)
        view = self.server.manage("GET", token)
        self.assertEqual(view.status, 200)
        v = view.json()
        self.assertEqual((v["id"], v["reference"], v["status"]), (first["id"], first["reference"], "submitted"))
        self.assertIs(v["editable"], True)
        self.assertEqual([p["session_id"] for p in v["preferences"]["sessions"]], self.sessions[:2])
        self.assertEqual([p["rank"] for p in v["preferences"]["sessions"]], [1, 2])
        self.assertEqual([m["profession"] for m in v["members"]],
                         ["doctor", "nurse", "nurse", "clinical_engineer"])
        self.assertEqual([e["event"] for e in v["history"]], ["submitted"])
        self.assertTrue(v["editable_until"].endswith("+09:00"))

        # Edit: a smaller team and other sessions in another order.
        members = app["members"][:2]
        patched = self.server.manage("PATCH", token, body={
            "members": members, "preferences": {"any_session": False, "session_ids": [self.sessions[2], self.sessions[0]]}})
        self.assertEqual(patched.status, 200, patched)
        self.assertEqual(patched.header("cache-control"), "no-store")
        p = patched.json()
        self.assertEqual(len(p["members"]), 2)
        self.assertEqual([s["session_id"] for s in p["preferences"]["sessions"]], [self.sessions[2], self.sessions[0]])
        self.assertEqual(p["hospital"], v["hospital"], "sections not sent are kept")
        self.assertEqual([e["event"] for e in p["history"]], ["submitted", "updated"])
        self.assertEqual(self.server.manage("GET", token).json()["members"], p["members"])
        wait_mails(lambda: eml_mails(self.server), app["contact"]["email"], 2)

        # A bad edit is refused whole and changes nothing.
        bad = self.server.manage("PATCH", token, body={"members": [members[1]]})
        self.assertError(bad, 400, "team.too_small", "members")
        self.assertEqual(self.server.manage("GET", token).json(), self.server.manage("GET", token).json())
        self.assertEqual(len(self.server.manage("GET", token).json()["members"]), 2)

        # Withdraw, then every change is refused with a clear 409; the view stays readable.
        w = self.server.manage("POST", token, "/withdraw")
        self.assertEqual(w.status, 200, w)
        self.assertEqual(w.json()["status"], "withdrawn")
        self.assertIs(w.json()["editable"], False)
        wait_mails(lambda: eml_mails(self.server), app["contact"]["email"], 3)
        self.assertError(self.server.manage("POST", token, "/withdraw"), 409, "application.already_withdrawn")
        self.assertError(self.server.manage("PATCH", token, body={"members": members}), 409,
                         "application.already_withdrawn")
        self.assertEqual(self.server.manage("GET", token).json()["status"], "withdrawn")

    def test_wrong_or_missing_token_is_404(self):
        app = valid_application(self.sessions[:1])
        first, token = submit_and_token(self.server, app)
        state = self.server.state()
        wrong = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        for headers in ({"Authorization": f"Bearer {wrong}"}, {"Authorization": "Bearer "}, {},
                        {"Authorization": f"Basic {token}"}, {"Authorization": f"bearer{token}"},
                        {"Authorization": "Bearer " + "x" * 5000}):
            for method, path, body in (("GET", "", None), ("PATCH", "", {"members": app["members"]}),
                                       ("POST", "/withdraw", None)):
                with self.subTest(headers=str(headers)[:40], method=method):
                    h = dict(headers)
                    if body is not None:
                        h["Content-Type"] = "application/json"
                    r = self.server.request(method, "/api/manage/application" + path,
                                            body=json.dumps(body) if body else None, headers=h)
                    self.assertError(r, 404, "application.not_found")
        self.assertEqual(self.server.state(), state)
        self.assertEqual(self.server.manage("GET", token).json()["status"], "submitted")

    def test_english(self):
        app = valid_application(self.sessions[:1])
        r = self.server.apply(app, headers={"Accept-Language": "en-GB,en;q=0.9,ja;q=0.5"})
        self.assertEqual(r.status, 201)
        mail = wait_mails(lambda: eml_mails(self.server), app["contact"]["email"])[0]
        self.assertIn("Application", mail["subject"])
        self.assertIn("/manage#", mail["body"])
        # The same rejection in both languages: same code and field, different message.
        bad = valid_application(self.sessions[:1], members=[member("nurse", "n@example.jp"),
                                                            member("nurse", "m@example.jp")])
        ja = self.server.apply(bad)
        en = self.server.apply(bad, headers={"Accept-Language": "en"})
        self.assertEqual(ja.status, en.status)
        self.assertEqual((ja.error["code"], ja.error["field"]), (en.error["code"], en.error["field"]))
        self.assertEqual(ja.error["code"], "team.no_doctor")
        self.assertNotEqual(ja.error["message"], en.error["message"])
        self.assertTrue(en.error["message"].isascii(), en.error["message"])
        self.assertFalse(ja.error["message"].isascii(), ja.error["message"])

    def test_log_has_one_line_per_request_and_no_secrets(self):
        app = valid_application(self.sessions[:1])
        data, token = submit_and_token(self.server, app)
        self.server.manage("GET", token, headers={"X-Request-Id": "log-check-1"})
        self.server.manage("PATCH", token, body={"members": app["members"][:3]})
        wait_mails(lambda: eml_mails(self.server), app["contact"]["email"], 2)
        log = self.server.log()
        lines = [line for line in log.splitlines() if "id=log-check-1" in line]
        self.assertEqual(len(lines), 1, "one access line per request, with its id")
        self.assertIn("GET /api/manage/application 200", lines[0])
        self.assertNotIn(token, log, "the management token never reaches the log")
        for secret in (app["contact"]["email"], app["contact"]["phone"], app["members"][0]["email"],
                       app["hospital"]["name"]):
            self.assertNotIn(secret, log, "personal data never reaches the log")

    def test_check_endpoint_validates_without_saving(self):
        app = valid_application(self.sessions[:1])
        state = self.server.state()
        ok = self.server.post("/api/applications/check", app)
        self.assertEqual((ok.status, ok.json()), (200, {"ok": True}))
        bad = self.server.post("/api/applications/check", dict(app, members=app["members"][1:2]))
        self.assertEqual(bad.status, 400)
        self.assertEqual({d["code"] for d in bad.error["details"]}, {"team.too_small", "team.no_doctor"})
        self.assertEqual(self.server.state(), state)


class DeadlineTest(unittest.TestCase):
    """With the server's clock moved (KENSHU_CLOCK_FILE): the deadline, closed sessions, past and future years."""

    T0 = "2025-08-01T10:00:00+09:00"  # inside R7's application window (opens 2025-07-28)

    # One server per test: the programme is cached for a second of the server's clock, so a clock moved backwards
    # would be served a cached future.
    def setUp(self):
        self.server = Server(clock=self.T0)

    def tearDown(self):
        self.server.stop()

    def test_r7_open_at_its_time_with_r7_references(self):
        p = self.server.program(2025)
        self.assertEqual([s["is_open"] for s in p["sessions"]], [True] * 8)
        ids = [s["id"] for s in p["sessions"]]
        r = self.server.apply(valid_application(ids[1:3], program_year="2025"))
        self.assertEqual(r.status, 201, r)
        self.assertRegex(r.json()["reference"], r"^R7-\d{4}$")
        self.assertEqual(r.json()["program_year"], "2025")

    def test_deadline_passed(self):
        p = self.server.program(2025)
        first = p["sessions"][0]
        app = valid_application([first["id"]], program_year="2025")
        data, token = submit_and_token(self.server, app)
        view = self.server.manage("GET", token).json()
        self.assertEqual(jst(view["editable_until"]), jst(first["applications_close_at"]))

        self.server.set_clock((jst(first["applications_close_at"]) + datetime.timedelta(minutes=1)).isoformat())
        state = self.server.state()
        late = self.server.manage("PATCH", token, body={"members": app["members"][:3]})
        self.assertEqual(late.status, 409, late)
        self.assertEqual(late.error["code"], "application.deadline_passed")
        en = self.server.manage("POST", token, "/withdraw", headers={"Accept-Language": "en"})
        self.assertEqual((en.status, en.error["code"]), (409, "application.deadline_passed"))
        self.assertIn("deadline", en.error["message"].lower())
        self.assertEqual(self.server.state(), state)
        after = self.server.manage("GET", token)
        self.assertEqual(after.status, 200, "the application stays readable after the deadline")
        self.assertIs(after.json()["editable"], False)
        self.assertEqual(after.json()["status"], "submitted")

        # The closed session is now refused to newcomers; sessions closing later still take applications.
        p2 = self.server.program(2025)
        now = jst(p2["now"])
        self.assertEqual([s["is_open"] for s in p2["sessions"]],
                         [jst(s["applications_close_at"]) >= now for s in p2["sessions"]])
        self.assertIs(p2["sessions"][0]["is_open"], False)
        still_open = [s for s in p2["sessions"] if s["is_open"]]
        self.assertTrue(still_open)
        closed = self.server.apply(valid_application([first["id"]], program_year="2025"))
        self.assertEqual((closed.status, closed.error["code"], closed.error["field"]),
                         (409, "preferences.session_closed", "preferences.session_ids[0]"))
        self.assertEqual(self.server.state(), state)
        ok = self.server.apply(valid_application([still_open[0]["id"]], program_year="2025"))
        self.assertEqual(ok.status, 201, ok)

    def test_window_closed_when_every_session_has_closed(self):
        p = self.server.program(2025)
        last = max(jst(s["applications_close_at"]) for s in p["sessions"])
        self.server.set_clock((last + datetime.timedelta(seconds=1)).isoformat())
        state = self.server.state()
        r = self.server.apply(valid_application([p["sessions"][7]["id"]], program_year="2025"))
        self.assertEqual((r.status, r.error["code"]), (409, "application.window_closed"))
        self.assertEqual(self.server.state(), state)
        self.assertEqual([s["is_open"] for s in self.server.program(2025)["sessions"]], [False] * 8)

    def test_window_not_yet_open(self):
        self.server.set_clock("2025-07-27T23:59:00+09:00")
        p = self.server.program(2025)
        self.assertEqual([s["is_open"] for s in p["sessions"]], [False] * 8)
        state = self.server.state()
        r = self.server.apply(valid_application([p["sessions"][3]["id"]], program_year="2025"))
        self.assertEqual((r.status, r.error["code"]), (409, "application.window_closed"))
        self.assertEqual(self.server.state(), state)


class MailTest(unittest.TestCase):
    """Mail through a real SMTP server, with links built from --public-url."""

    PUBLIC_URL = "https://kenshu.example.test"

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink()
        cls.server = Server(smtp_url=cls.sink.url, public_url=cls.PUBLIC_URL)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sink.stop()

    def test_mail_through_smtp(self):
        sessions = open_session_ids(self.server.program())
        app = valid_application(sessions[:2])
        r = self.server.apply(app)
        self.assertEqual(r.status, 201)
        ref = r.json()["reference"]
        contact = wait_mails(self.sink.mails, app["contact"]["email"])[0]
        self.assertIn(app["contact"]["email"], contact["envelope_to"])
        self.assertIn(ref, contact["subject"])
        self.assertIn("申込", contact["subject"])
        link, token = management_link(contact)
        self.assertEqual(link, f"{self.PUBLIC_URL}/manage#{token}")
        body = contact["body"]
        self.assertIn(app["hospital"]["name"], body)
        for m in app["members"]:
            self.assertIn(m["name"], body)
        self.assertIn("個人情報", body)
        for m in app["members"]:
            notice = wait_mails(self.sink.mails, m["email"])[0]
            self.assertIn(ref, notice["subject"])
            self.assertIn(m["name"], notice["body"])
            self.assertIn("個人情報", notice["body"], "members are shown the privacy notice")
            self.assertNotIn(token, notice["body"])
        self.assertEqual(len(self.sink.mails()), 5, [m["to"] for m in self.sink.mails()])
        self.assertEqual(len({m["connection"] for m in self.sink.mails()}), 1, "the five mails share one connection")
        self.assertEqual(self.server.eml_files(), [], "with SMTP configured no .eml files are written")
        # Every outbox row is marked sent.
        wait_for(lambda: self.server.count("outbox", "sent_at IS NULL") == 0, 10, message="outbox marked sent")

        self.assertEqual(self.server.manage("PATCH", token, body={"members": app["members"][:3]}).status, 200)
        updated = wait_mails(self.sink.mails, app["contact"]["email"], 2)
        self.assertIn(ref, updated[-1]["subject"])
        self.assertEqual(self.server.manage("POST", token, "/withdraw").status, 200)
        withdrawn = wait_mails(self.sink.mails, app["contact"]["email"], 3)
        self.assertIn(ref, withdrawn[-1]["subject"])
        self.assertIn("取り下げ", withdrawn[-1]["subject"] + withdrawn[-1]["body"])

    def test_rejected_submit_sends_nothing(self):
        sessions = open_session_ids(self.server.program())
        before = len(self.sink.mails())
        bad = valid_application(sessions[:1], consents={"privacy_notice_version": "2025-1", "no_recording": False})
        self.assertEqual(self.server.apply(bad).status, 400)
        ok = valid_application(sessions[:1])
        self.assertEqual(self.server.apply(ok).status, 201)
        wait_mails(self.sink.mails, ok["contact"]["email"])
        for m in bad["members"] + [bad["contact"]]:
            self.assertEqual(mails_to(self.sink.mails(), m["email"]), [])
        self.assertEqual(len(self.sink.mails()), before + 5)


class MailPacingTest(unittest.TestCase):
    """mail.max_per_minute paces delivery to a relay's sending limit; every mail still goes out."""

    def test_paced_delivery(self):
        with SmtpSink() as sink:
            server = Server(smtp_url=sink.url, env={"KENSHU_MAIL_MAX_PER_MINUTE": "240"})  # one mail every 0.25 s
            try:
                app = valid_application(open_session_ids(server.program())[:1])
                before = time.monotonic()
                self.assertEqual(server.apply(app).status, 201)
                mails = sink.wait(5)
                # The first mail's slot comes after the submit, and the fifth's four intervals after the first's.
                self.assertGreaterEqual(time.monotonic() - before, 0.95, "five mails went out in under a second")
                self.assertEqual(len(mails), 5)
                self.assertEqual(len({m["connection"] for m in mails}), 1, "the paced mails share one connection")
                wait_for(lambda: server.count("outbox", "sent_at IS NULL") == 0, 10, message="outbox marked sent")
            finally:
                server.stop()

    def test_slow_pace_records_each_mail_as_it_goes(self):
        # At 6 a minute a batch is one mail: the first is marked sent long before the second is due (10 s later).
        with SmtpSink() as sink:
            server = Server(smtp_url=sink.url, env={"KENSHU_MAIL_MAX_PER_MINUTE": "6"})
            try:
                self.assertEqual(server.apply(valid_application(open_session_ids(server.program())[:1])).status, 201)
                sink.wait(1)
                wait_for(lambda: server.count("outbox", "sent_at IS NOT NULL") == 1, 8, message="first mail marked")
                self.assertEqual(server.count("outbox", "sent_at IS NULL"), 4)
            finally:
                server.stop()

    def test_out_of_range_is_refused_at_start(self):
        with self.assertRaises(RuntimeError) as ctx:
            Server(env={"KENSHU_MAIL_MAX_PER_MINUTE": "-1"})
        self.assertIn("mail.max_per_minute", str(ctx.exception))


class MailAfterRestartTest(unittest.TestCase):
    """An application acknowledged while the SMTP relay is down is mailed once a relay answers, even across a
    restart of the server (the outbox is in the database, written with the application)."""

    def test_outbox_survives_a_down_relay_and_a_restart(self):
        dead = SmtpSink()
        dead_url = dead.url
        dead.stop()  # nothing listens there any more
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        server = Server(smtp_url=dead_url, clock=now.isoformat())
        sessions = open_session_ids(server.program())
        app = valid_application(sessions[:1])
        r = server.apply(app)
        self.assertEqual(r.status, 201, "the submit does not wait for the mail")
        app_id = r.json()["id"]
        self.assertEqual(server.count("outbox", "related_id = ?", (app_id,)), 5)
        wait_for(lambda: server.count("outbox", "attempts > 0 AND last_error IS NOT NULL") == 5, 15,
                 message="five failed delivery attempts")
        self.assertEqual(server.count("outbox", "sent_at IS NOT NULL"), 0)
        server.stop(keep=True)

        with SmtpSink() as sink:
            again = Server(smtp_url=sink.url, directory=server.dir)
            try:
                again.set_clock((now + datetime.timedelta(hours=2)).isoformat())  # past the retry back-off
                mails = sink.wait(5)
                self.assertEqual(sorted(m["to"].strip("<>") for m in mails),
                                 sorted([app["contact"]["email"]] + [m["email"] for m in app["members"]]))
                self.assertEqual(len(mails_to(mails, app["contact"]["email"])), 1)
                link, token = management_link(mails_to(mails, app["contact"]["email"])[0])
                self.assertEqual(again.manage("GET", token).json()["id"], app_id)
                wait_for(lambda: again.count("outbox", "sent_at IS NULL") == 0, 10, message="outbox marked sent")
            finally:
                again.stop()


if __name__ == "__main__":
    unittest.main()
