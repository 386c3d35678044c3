"""Every error code of the catalogue that a client can cause, each caused by a real request and asserted by
status, code and field (never wording) — and after each rejection, nothing changed: no row, no mail."""
import copy
import datetime
import json
import os
import unittest

from kenshu_server import (ServerTestCase, catalogue_codes, eml_mails, management_link, member,
                           open_session_ids, parse_raw_response, valid_application, wait_mails)

# Codes no client request can cause: asserted never to appear in test_limits (the server never answers 5xx).
NOT_CLIENT_CAUSED = {"server.internal", "server.unavailable",
                     # the engine's own input check: app/ hands it only consistent runs (pins outside a run are left out)
                     "selection.bad_input"}
# The public API's codes are caused here. Codes of the signed-in areas (back office, selection, portal …) are caused
# by their own suites: a code counts as tested there when another test file asserts it as a string literal.
def asserted_elsewhere():
    here = os.path.dirname(os.path.abspath(__file__))
    text = ""
    for name in os.listdir(here):
        if name.startswith("test_") and name.endswith(".py") and name != "test_errors.py":
            with open(os.path.join(here, name), encoding="utf-8") as f:
                text += f.read()
    return {c for c in catalogue_codes() if f'"{c}"' in text or f"'{c}'" in text}


COVERED = set()  # codes the tests below have seen, checked against the catalogue at the end


def record(code):
    COVERED.add(code)


class RejectionTestCase(ServerTestCase):
    def expect_rejection(self, send, status, code, field=None):
        """Sends a request (send() → Response), asserts the rejection and that nothing was written or mailed."""
        self.server.wait_mail_idle()  # mails of earlier successful submits are not this rejection's
        before = self.server.state()
        mails = len(self.server.eml_files())
        r = send()
        self.assertError(r, status, code, field)
        self.assertEqual(r.header("cache-control"), "no-store", "error bodies may echo personal data: never cached")
        self.assertEqual(self.server.state(), before, f"{code}: a rejection changed the database")
        self.assertEqual(len(self.server.eml_files()), mails, f"{code}: a rejection sent mail")
        record(code)
        return r


def mutate(app, path, value):
    """Sets (or with value=DELETE removes) a dotted path like 'members.1.email' in a copy of the application."""
    app = copy.deepcopy(app)
    keys = path.split(".")
    target = app
    for k in keys[:-1]:
        target = target[int(k)] if isinstance(target, list) else target[k]
    last = keys[-1]
    if value is DELETE:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return app


DELETE = object()


class ApplicationRejectionTest(RejectionTestCase):
    def setUp(self):
        self.sessions = open_session_ids(self.server.program())
        self.app = valid_application(self.sessions[:2])

    # Each case: (path to change, value, status, code, field). One problem per case, so the top code is it.
    FIELD_CASES = [
        ("hospital.name", "", 400, "field.required", "hospital.name"),
        ("hospital.name", "病" * 101, 400, "field.too_long", "hospital.name"),
        ("hospital.name", "試験病院\n2行目", 400, "field.line_break", "hospital.name"),
        ("hospital.address", "東京都\r\n千代田区", 400, "field.line_break", "hospital.address"),
        ("hospital.name", "試験\u0007病院", 400, "field.bad_text", "hospital.name"),
        ("contact.name", "山田\x00太郎", 400, "field.bad_text", "contact.name"),
        ("contact.name", "山田\x1b[31m太郎", 400, "field.bad_text", "contact.name"),
        ("hospital.name_kana", "Shiken Byouin", 400, "field.not_katakana", "hospital.name_kana"),
        ("hospital.name_kana", "試験病院", 400, "field.not_katakana", "hospital.name_kana"),
        ("hospital.prefecture_code", 0, 400, "field.bad_prefecture", "hospital.prefecture_code"),
        ("hospital.prefecture_code", 48, 400, "field.bad_prefecture", "hospital.prefecture_code"),
        ("hospital.postal_code", "100-001", 400, "field.bad_postal_code", "hospital.postal_code"),
        ("hospital.postal_code", "10-00001", 400, "field.bad_postal_code", "hospital.postal_code"),
        ("hospital.postal_code", "100-00011", 400, "field.too_long", "hospital.postal_code"),
        ("hospital.phone", "3-1234-5678", 400, "field.bad_phone", "hospital.phone"),
        ("hospital.phone", "03-1234-567a", 400, "field.bad_phone", "hospital.phone"),
        ("hospital.phone", "0312345", 400, "field.bad_phone", "hospital.phone"),
        ("hospital.critical_care_center", "huge", 400, "field.bad_enum", "hospital.critical_care_center"),
        ("hospital.ecmo_cases_last_year.vv", -1, 400, "field.out_of_range", "hospital.ecmo_cases_last_year.vv"),
        ("hospital.ecmo_cases_last_year.va", 10001, 400, "field.out_of_range", "hospital.ecmo_cases_last_year.va"),
        ("hospital.ecmo_cases_last_year.va", 2 ** 40, 400, "field.out_of_range", "hospital.ecmo_cases_last_year.va"),
        ("hospital.ecmo_cases_last_year.va", 1.5, 400, "field.out_of_range", "hospital.ecmo_cases_last_year.va"),
        ("hospital.ecmo_cases_last_year.va", "3", 400, "request.wrong_type", "hospital.ecmo_cases_last_year.va"),
        ("hospital.prefecture_code", "13", 400, "request.wrong_type", "hospital.prefecture_code"),
        ("hospital.advanced_treatment_hospital", "yes", 400, "request.wrong_type",
         "hospital.advanced_treatment_hospital"),
        ("hospital.phone", DELETE, 400, "request.missing_field", "hospital.phone"),
        ("hospital.phone", None, 400, "request.missing_field", "hospital.phone"),
        ("hospital.ecmo_cases_last_year", DELETE, 400, "request.missing_field", "hospital.ecmo_cases_last_year"),
        ("hospital.beds", 500, 400, "request.unknown_field", "hospital.beds"),
        ("contact.email", "not-an-address", 400, "field.bad_email", "contact.email"),
        ("contact.email", "a@b@example.jp", 400, "field.bad_email", "contact.email"),
        ("contact.email", "someone@localhost", 400, "field.bad_email", "contact.email"),
        ("contact.email", "x@example.jp\r\nBcc: victim@example.jp", 400, "field.line_break", "contact.email"),
        ("contact.name_kana", "やまだ 太郎", 400, "field.not_katakana", "contact.name_kana"),
        ("contact.phone", "", 400, "field.required", "contact.phone"),
        ("contact.fax", "03-0000-0000", 400, "request.unknown_field", "contact.fax"),
        ("contact", "山田", 400, "request.wrong_type", "contact"),
        ("contact", DELETE, 400, "request.missing_field", "contact"),
        ("members.1.email", "bad", 400, "field.bad_email", "members[1].email"),
        ("members.2.profession", "surgeon", 400, "field.bad_enum", "members[2].profession"),
        ("members.0.years_of_experience", 71, 400, "field.out_of_range", "members[0].years_of_experience"),
        ("members.0.years_of_experience", -1, 400, "field.out_of_range", "members[0].years_of_experience"),
        ("members.3.name", "工学" * 60, 400, "field.too_long", "members[3].name"),
        ("members.3.name_kana", "kougaku", 400, "field.not_katakana", "members[3].name_kana"),
        ("members.3.department", "ICU\nCCU", 400, "field.line_break", "members[3].department"),
        ("members.3.role", "leader", 400, "request.unknown_field", "members[3].role"),
        ("members.3", "工学 三郎", 400, "request.wrong_type", "members[3]"),
        ("members", {"0": {}}, 400, "request.wrong_type", "members"),
        ("preferences.session_ids", [], 400, "preferences.empty", "preferences.session_ids"),
        ("preferences.session_ids", ["no-such-session"], 400, "preferences.unknown_session",
         "preferences.session_ids[0]"),
        ("preferences.session_ids", [1], 400, "request.wrong_type", "preferences.session_ids[0]"),
        ("preferences.session_ids", ["x"] * 21, 400, "field.out_of_range", "preferences.session_ids"),
        ("preferences.any_session", "no", 400, "request.wrong_type", "preferences.any_session"),
        ("consents.privacy_notice_version", "", 400, "consent.privacy_required", "consents.privacy_notice_version"),
        ("consents.privacy_notice_version", "2024-1", 400, "consent.privacy_outdated",
         "consents.privacy_notice_version"),
        ("consents.no_recording", False, 400, "consent.no_recording_required", "consents.no_recording"),
        ("consents.photos", True, 400, "request.unknown_field", "consents.photos"),
        ("program_year", "1999", 404, "program.year_not_found", "program_year"),
        ("program_year", 2025, 400, "request.wrong_type", "program_year"),
        ("comment", "よろしく", 400, "request.unknown_field", "comment"),
    ]

    def test_field_rules(self):
        for path, value, status, code, field in self.FIELD_CASES:
            with self.subTest(path=path, value=str(value)[:30], code=code):
                body = mutate(self.app, path, value)
                self.expect_rejection(lambda: self.server.apply(body), status, code, field)

    def test_team_rules(self):
        d = member("doctor", "d-team@example.jp")
        n = member("nurse", "n-team@example.jp")
        ce = member("clinical_engineer", "ce-team@example.jp")
        cases = [
            ([n, member("nurse", "n2@example.jp"), ce], "team.no_doctor", "members"),
            ([d, ce, member("other", "o@example.jp")], "team.no_nurse", "members"),
            ([d], "team.too_small", "members"),
            ([], "team.too_small", "members"),
            ([d, n] + [member("other", f"o{i}@example.jp") for i in range(7)], "team.too_large", "members"),
            ([d, n] + [member("other", f"o{i}@example.jp") for i in range(19)], "team.too_large", "members"),
            ([d, n, member("nurse", "N-TEAM@EXAMPLE.JP")], "team.duplicate_email", "members[2].email"),
        ]
        for members, code, field in cases:
            with self.subTest(code=code, size=len(members)):
                body = dict(self.app, members=members)
                self.expect_rejection(lambda: self.server.apply(body), 400, code, field)
        # One check reports every problem at once, each with its field.
        body = dict(self.app, members=[member("other", "solo@example.jp")])
        r = self.server.apply(body)
        self.assertEqual({(x["code"], x["field"]) for x in r.error["details"]},
                         {("team.too_small", "members"), ("team.no_doctor", "members"),
                          ("team.no_nurse", "members")})

    def test_preferences_duplicate(self):
        body = mutate(self.app, "preferences.session_ids", [self.sessions[0], self.sessions[1], self.sessions[0]])
        self.expect_rejection(lambda: self.server.apply(body), 400, "preferences.duplicate",
                              "preferences.session_ids[2]")

    def test_session_of_another_year_is_unknown(self):
        r7 = self.server.program(2025)["sessions"][0]["id"]
        body = mutate(self.app, "preferences.session_ids", [r7])
        self.expect_rejection(lambda: self.server.apply(body), 400, "preferences.unknown_session",
                              "preferences.session_ids[0]")

    def test_every_problem_is_listed_with_its_field(self):
        body = mutate(mutate(mutate(self.app, "hospital.phone", "x"), "contact.email", "y"), "members.1.name_kana",
                      "abc")
        r = self.expect_rejection(lambda: self.server.apply(body), 400, "field.bad_phone", "hospital.phone")
        self.assertEqual({(x["code"], x["field"]) for x in r.error["details"]},
                         {("field.bad_phone", "hospital.phone"), ("field.bad_email", "contact.email"),
                          ("field.not_katakana", "members[1].name_kana")})
        for d in r.error["details"]:
            self.assertTrue(d["message"])

    def test_request_shape(self):
        ok = json.dumps(self.app, ensure_ascii=False).encode()
        cases = [
            ("bad json", b'{"hospital": ', {}, 400, "request.bad_json"),
            ("trailing garbage", ok + b"x", {}, 400, "request.bad_json"),
            ("two documents", ok + ok, {}, 400, "request.bad_json"),
            ("empty body", b"", {}, 400, "request.bad_json"),
            ("deep nesting", b"[" * 5000 + b"]" * 5000, {}, 400, "request.bad_json"),
            ("not an object", b"[1,2,3]", {}, 400, "request.wrong_type"),
            ("a string", b'"hello"', {}, 400, "request.wrong_type"),
            ("bad utf-8", ok.replace("試験".encode(), b"\xff\xfe", 1), {}, 400, "request.bad_utf8"),
            ("truncated utf-8", ok.replace("試験".encode(), "試".encode()[:2], 1), {}, 400, "request.bad_utf8"),
            ("overlong utf-8", ok.replace(b'"03-1234-5678"', b'"\xc0\xaf03-1234-5678"', 1), {}, 400,
             "request.bad_utf8"),
            ("encoded surrogate", ok.replace("試験".encode(), b"\xed\xa0\x80", 1), {}, 400, "request.bad_utf8"),
            ("escaped lone surrogate", ok.replace("山田 太郎".encode(), b"\\ud800", 1), {}, 400, "request.bad_json"),
            ("text/plain", ok, {"Content-Type": "text/plain"}, 415, "request.bad_content_type"),
            ("form", b"a=1", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "request.bad_content_type"),
            ("no type", ok, {"Content-Type": ""}, 415, "request.bad_content_type"),
            ("bad idempotency key", ok, {"Idempotency-Key": "has space"}, 400, "idempotency.bad_key"),
            ("long idempotency key", ok, {"Idempotency-Key": "k" * 129}, 400, "idempotency.bad_key"),
        ]
        for name, body, headers, status, code in cases:
            with self.subTest(name):
                h = {"Content-Type": "application/json"}
                h.update(headers)
                if h["Content-Type"] == "":
                    del h["Content-Type"]
                self.expect_rejection(lambda: self.server.post("/api/applications", body, headers=h), status, code)

    def test_duplicate_hospital(self):
        first = valid_application(self.sessions[:1])
        self.assertEqual(self.server.apply(first).status, 201)
        wait_mails(lambda: eml_mails(self.server), first["contact"]["email"])
        second = valid_application(self.sessions[1:2], hospital=first["hospital"])
        self.expect_rejection(lambda: self.server.apply(second), 409, "application.duplicate_hospital",
                              "hospital.name")

    def test_idempotency_key_reused(self):
        first = valid_application(self.sessions[:1])
        key = "errors-reuse-" + first["contact"]["email"].split("@")[0]
        self.assertEqual(self.server.apply(first, headers={"Idempotency-Key": key}).status, 201)
        wait_mails(lambda: eml_mails(self.server), first["contact"]["email"])
        other = valid_application(self.sessions[:1])
        self.expect_rejection(lambda: self.server.apply(other, headers={"Idempotency-Key": key}), 422,
                              "idempotency.key_reused", "Idempotency-Key")

    def test_program_year_not_found(self):
        self.expect_rejection(lambda: self.server.get("/api/program?year=1999"), 404, "program.year_not_found")

    def test_session_not_found(self):
        self.expect_rejection(lambda: self.server.get("/api/sessions/nope/calendar.ics"), 404, "session.not_found")

    def test_routing(self):
        self.expect_rejection(lambda: self.server.get("/api/nothing"), 404, "request.not_found")
        self.expect_rejection(lambda: self.server.request("PUT", "/api/applications", body=self.app), 405,
                              "request.method_not_allowed")

    def test_request_level_rejections_on_the_wire(self):
        """Rejections decided before routing: header size, body size, unparseable requests."""
        before = self.server.state()
        cases = [
            ("header too large", b"GET /api/program HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
             431, "request.header_too_large"),
            ("body too large", b"POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"Content-Length: 70000\r\n\r\n" + b" " * 70000, 413, "request.too_large"),
            ("bad content length", b"POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
             400, "request.malformed"),
            ("garbage request line", b"HELLO THERE\r\n\r\n", 400, "request.malformed"),
            ("absolute-form target", b"GET http://evil.example/api/program HTTP/1.1\r\nHost: x\r\n\r\n", 400,
             "request.malformed"),
        ]
        for name, raw, status, code in cases:
            with self.subTest(name):
                got, headers, body = parse_raw_response(self.server.raw(raw))
                self.assertEqual(got, status, (name, body))
                self.assertEqual(json.loads(body)["error"]["code"], code)
                self.assertEqual(headers.get("x-content-type-options"), "nosniff")
                record(code)
        self.assertEqual(self.server.state(), before)
        self.assertEqual(self.server.get("/healthz").status, 200)


class ManageRejectionTest(RejectionTestCase):
    def setUp(self):
        sessions = open_session_ids(self.server.program())
        self.app = valid_application(sessions[:1])
        r = self.server.apply(self.app)
        self.assertEqual(r.status, 201)
        mail = wait_mails(lambda: eml_mails(self.server), self.app["contact"]["email"])[0]
        self.token = management_link(mail)[1]

    def test_not_found(self):
        for token in ("A" * 22, "", "x" * 200):
            with self.subTest(token=token[:10]):
                self.expect_rejection(lambda: self.server.manage("GET", token), 404, "application.not_found")
                self.expect_rejection(lambda: self.server.manage("POST", token, "/withdraw"), 404,
                                      "application.not_found")

    def test_patch_rules(self):
        cases = [
            ({"members": self.app["members"][1:3]}, 400, "team.no_doctor", "members"),
            ({"contact": dict(self.app["contact"], email="bad")}, 400, "field.bad_email", "contact.email"),
            ({"preferences": {"any_session": False, "session_ids": []}}, 400, "preferences.empty",
             "preferences.session_ids"),
            ({"consents": self.app["consents"]}, 400, "request.unknown_field", "consents"),
            ({"status": "selected"}, 400, "request.unknown_field", "status"),
            ({"members": "all"}, 400, "request.wrong_type", "members"),
        ]
        for patch, status, code, field in cases:
            with self.subTest(code=code):
                self.expect_rejection(lambda: self.server.manage("PATCH", self.token, body=patch), status, code,
                                      field)
        self.expect_rejection(
            lambda: self.server.manage("PATCH", self.token, body=b"{", headers={"Content-Type": "application/json"}),
            400, "request.bad_json")
        self.expect_rejection(
            lambda: self.server.manage("PATCH", self.token, body=b'{"members":"\xff"}',
                                       headers={"Content-Type": "application/json"}), 400, "request.bad_utf8")
        self.expect_rejection(
            lambda: self.server.manage("PATCH", self.token, body=b"{}", headers={"Content-Type": "text/plain"}),
            415, "request.bad_content_type")
        self.assertEqual(self.server.manage("GET", self.token).json()["members"][0]["email"],
                         self.app["members"][0]["email"])

    def test_patch_to_a_hospital_that_already_applied(self):
        other = valid_application(open_session_ids(self.server.program())[:1])
        self.assertEqual(self.server.apply(other).status, 201)
        wait_mails(lambda: eml_mails(self.server), other["contact"]["email"])
        self.expect_rejection(lambda: self.server.manage("PATCH", self.token, body={"hospital": other["hospital"]}),
                              409, "application.duplicate_hospital", "hospital.name")

    def test_already_withdrawn(self):
        self.assertEqual(self.server.manage("POST", self.token, "/withdraw").status, 200)
        wait_mails(lambda: eml_mails(self.server), self.app["contact"]["email"], 2)
        self.expect_rejection(lambda: self.server.manage("POST", self.token, "/withdraw"), 409,
                              "application.already_withdrawn")
        self.expect_rejection(lambda: self.server.manage("PATCH", self.token, body={"members": self.app["members"]}),
                              409, "application.already_withdrawn")


class ClockRejectionTest(RejectionTestCase):
    """Rejections that depend on the time: the server's clock is moved forward only (KENSHU_CLOCK_FILE)."""

    server_options = {"clock": "2025-08-01T10:00:00+09:00"}

    def test_time_dependent_rejections(self):
        p = self.server.program(2025)
        first = p["sessions"][0]
        app = valid_application([first["id"]], program_year="2025")
        self.assertEqual(self.server.apply(app).status, 201)
        token = management_link(wait_mails(lambda: eml_mails(self.server), app["contact"]["email"])[0])[1]

        close = datetime.datetime.fromisoformat(first["applications_close_at"])
        self.server.set_clock((close + datetime.timedelta(seconds=1)).isoformat())
        self.expect_rejection(lambda: self.server.manage("PATCH", token, body={"members": app["members"][:2]}), 409,
                              "application.deadline_passed")
        self.expect_rejection(lambda: self.server.manage("POST", token, "/withdraw"), 409,
                              "application.deadline_passed")
        late = valid_application([first["id"]], program_year="2025")
        self.expect_rejection(lambda: self.server.apply(late), 409, "preferences.session_closed",
                              "preferences.session_ids[0]")

        last = max(datetime.datetime.fromisoformat(s["applications_close_at"]) for s in p["sessions"])
        self.server.set_clock((last + datetime.timedelta(seconds=1)).isoformat())
        later = valid_application([p["sessions"][-1]["id"]], program_year="2025")
        self.expect_rejection(lambda: self.server.apply(later), 409, "application.window_closed")


def load_tests(loader, tests, pattern):
    """Runs the catalogue check after every other test of this module."""
    suite = unittest.TestSuite()
    for cls in (ApplicationRejectionTest, ManageRejectionTest, ClockRejectionTest):
        suite.addTests(loader.loadTestsFromTestCase(cls))
    suite.addTests(loader.loadTestsFromTestCase(CatalogueCoverageTest))
    return suite


class CatalogueCoverageTest(unittest.TestCase):
    def test_every_client_error_code_was_caused(self):
        catalogue = catalogue_codes()
        self.assertGreater(len(catalogue), 30)
        expected = {c for c in catalogue if c not in NOT_CLIENT_CAUSED} - asserted_elsewhere()
        missing = expected - COVERED
        self.assertFalse(missing, f"codes of the catalogue no test caused: {sorted(missing)}")
        self.assertFalse(COVERED - set(catalogue), "the tests saw codes that are not in the catalogue")


if __name__ == "__main__":
    unittest.main()
