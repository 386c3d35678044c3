"""Staff accounts and sign-in against the real binary: set-up links, password rules, TOTP (codes computed here),
recovery codes, throttling, session fixation, expiry (test clock), CSRF and Origin, enumeration-safe answers,
e-mail link sign-in, role checks on /api/admin/users, the audit log and its append-only table."""
import base64
import datetime
import hashlib
import hmac
import os
import re
import sqlite3
import struct
import subprocess
import unittest

from kenshu_server import BIN, Server, open_session_ids, read_mails, valid_application, wait_for

T0 = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
GOOD_PASSWORD = "blue kettle under the pier 7"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def totp(secret, t):
    """RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps: what an authenticator app shows at instant t."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int(t.timestamp()) // 30
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def cookie_of(response):
    """(name, value, attributes) of the Set-Cookie header, or None."""
    raw = response.header("set-cookie")
    if not raw:
        return None
    parts = [p.strip() for p in raw.split(";")]
    name, _, value = parts[0].partition("=")
    return name, value, [p.lower() for p in parts[1:]]


def without_request_id(response):
    body = response.json()
    body["error"].pop("request_id", None)
    return response.status, body


class AuthServer:
    """One server with a test clock and helpers to create accounts and sign in as them."""

    def __init__(self, **options):
        self.now = T0
        self.server = Server(clock=iso(self.now), **options)
        self.origin = self.server.base_url
        self.cookie_name = "kenshu_session"

    def stop(self):
        self.server.stop()

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)
        self.server.set_clock(iso(self.now))

    def headers(self, session=None, csrf=True, origin=True):
        h = {}
        if origin:
            h["Origin"] = self.origin
        if session:
            h["Cookie"] = f"{self.cookie_name}={session['token']}"
            if csrf and session.get("csrf"):
                h["X-CSRF-Token"] = session["csrf"]
        return h

    def post(self, path, body=None, session=None, **kw):
        return self.server.post(path, body, headers=self.headers(session, **kw))

    def get(self, path, session=None):
        return self.server.get(path, headers=self.headers(session, origin=False))

    def cli_user_add(self, email, role, *extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KENSHU_")}
        env["KENSHU_CLOCK_FILE"] = self.server.clock_file  # the command sees the server's (test) time
        out = subprocess.run([BIN, "user", "add", "--config", self.server.config_path, "--email", email, "--role",
                              role, *extra], cwd=self.server.dir, capture_output=True, text=True, timeout=30, env=env)
        return out

    def add_user(self, email, role="admin", *extra):
        out = self.cli_user_add(email, role, *extra)
        assert out.returncode == 0, out.stderr
        link = re.search(r"(\S+/admin/setup#(\S+))", out.stdout)
        assert link, out.stdout
        return link.group(2)

    def set_up(self, token, password=GOOD_PASSWORD):
        start = self.post("/api/auth/setup/start", {"token": token})
        assert start.status == 200, start
        secret = start.json()["totp_secret"]
        done = self.post("/api/auth/setup/complete",
                         {"token": token, "password": password, "totp_code": totp(secret, self.now)})
        assert done.status == 200, done
        return secret, done.json()["recovery_codes"]

    def create(self, email, role="admin", *extra):
        secret, codes = self.set_up(self.add_user(email, role, *extra))
        return {"email": email, "secret": secret, "codes": codes}

    def sign_in(self, account, password=GOOD_PASSWORD):
        """Password then TOTP; the clock moves one step first, since each code is accepted once."""
        self.advance(seconds=30)
        first = self.post("/api/auth/sign-in", {"email": account["email"], "password": password})
        assert first.status == 200 and first.json()["stage"] == "second_factor", first
        pending = {"token": cookie_of(first)[1]}
        second = self.post("/api/auth/sign-in/second-factor", {"code": totp(account["secret"], self.now)},
                           session=pending, csrf=False)
        assert second.status == 200, second
        me = second.json()["me"]
        return {"token": cookie_of(second)[1], "csrf": me["csrf_token"], "me": me}


    def sign_in_person(self, email):
        """A session for a contact or participant, by the e-mail link flow: request, read the mail, confirm."""
        self.advance(seconds=1)
        requested = self.post("/api/auth/email-link", {"email": email})
        assert requested.status == 202, requested
        self.server.wait_mail_idle()
        tokens = [re.search(r"/sign-in/email#(\S+)", m["body"]).group(1) for m in read_mails(self.server.mail_dir)
                  if email in m["to"] and "/sign-in/email#" in m["body"]]
        assert tokens, f"no sign-in link mailed to {email}"
        r = self.post("/api/auth/email-link/confirm", {"token": tokens[-1]})
        assert r.status == 200, r
        me = r.json()["me"]
        assert me["kind"] == "person", me
        return {"token": cookie_of(r)[1], "csrf": me["csrf_token"]}


class Assertions:
    def assertError(self, response, status, code, field=None):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.error["code"], code, response)
        if field is not None:
            self.assertEqual(response.error["field"], field, response)


class AuthTestCase(Assertions, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = AuthServer()
        cls.admin = cls.s.create("admin@example.jp", "admin")

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()


class SetUpTest(AuthTestCase):
    def test_link_shows_the_authenticator_secret_and_qr_code_and_works_once(self):
        token = self.s.add_user("setup-once@example.jp", "staff")
        start = self.s.post("/api/auth/setup/start", {"token": token})
        self.assertEqual(start.status, 200, start)
        body = start.json()
        self.assertEqual(body["email"], "setup-once@example.jp")
        self.assertTrue(body["second_factor_required"])
        self.assertTrue(body["otpauth_uri"].startswith("otpauth://totp/kenshu:setup-once@example.jp?secret="))
        self.assertTrue(body["qr_svg"].startswith("<svg "))
        self.assertEqual(start.header("cache-control"), "no-store")
        # Reloading the page shows the same secret.
        again = self.s.post("/api/auth/setup/start", {"token": token})
        self.assertEqual(again.json()["totp_secret"], body["totp_secret"])
        done = self.s.post("/api/auth/setup/complete", {"token": token, "password": GOOD_PASSWORD,
                                                       "totp_code": totp(body["totp_secret"], self.s.now)})
        self.assertEqual(done.status, 200, done)
        codes = done.json()["recovery_codes"]
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        self.assertError(self.s.post("/api/auth/setup/start", {"token": token}), 404, "auth.setup_link_invalid")
        self.assertError(self.s.post("/api/auth/setup/complete", {"token": token, "password": GOOD_PASSWORD,
                                                                  "totp_code": "000000"}),
                         404, "auth.setup_link_invalid")
        with self.s.server.db() as db:
            stored = db.execute("SELECT password_hash, totp_confirmed FROM users WHERE email = ?",
                                ("setup-once@example.jp",)).fetchone()
            self.assertTrue(stored[0].startswith("$argon2id$"))
            self.assertEqual(stored[1], 1)
            # Tokens and recovery codes are stored hashed.
            self.assertEqual(db.execute("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = ?",
                                        (token,)).fetchone()[0], 0)
            hashes = [r[0] for r in db.execute("SELECT code_hash FROM recovery_codes")]
            self.assertFalse(any(c.replace("-", "") in hashes for c in codes))

    def test_password_rules(self):
        token = self.s.add_user("rules@example.jp", "staff")
        secret = self.s.post("/api/auth/setup/start", {"token": token}).json()["totp_secret"]

        def complete(password):
            return self.s.post("/api/auth/setup/complete",
                               {"token": token, "password": password, "totp_code": totp(secret, self.s.now)})

        self.assertError(complete("short pass 1"), 400, "password.too_short", "password")
        self.assertError(complete("Password12345!"), 400, "password.too_common", "password")
        self.assertError(complete("qwertyuiopasdfghjkl"), 400, "password.too_common", "password")
        self.assertError(complete("rules@example.jp"), 400, "password.personal", "password")
        self.assertError(complete("x" * 300), 400, "password.too_long", "password")
        # Still unused after the refusals.
        self.assertEqual(complete(GOOD_PASSWORD).status, 200)

    def test_authenticator_code_is_required_and_checked(self):
        token = self.s.add_user("code@example.jp", "admin")
        secret = self.s.post("/api/auth/setup/start", {"token": token}).json()["totp_secret"]
        self.assertError(self.s.post("/api/auth/setup/complete", {"token": token, "password": GOOD_PASSWORD}),
                         400, "request.missing_field", "totp_code")
        wrong = f"{(int(totp(secret, self.s.now)) + 1) % 1_000_000:06d}"
        self.assertError(self.s.post("/api/auth/setup/complete",
                                     {"token": token, "password": GOOD_PASSWORD, "totp_code": wrong}),
                         401, "auth.invalid_code", "totp_code")

    def test_unknown_fields_and_links(self):
        self.assertError(self.s.post("/api/auth/setup/start", {"token": "nope", "role": "admin"}),
                         400, "request.unknown_field", "role")
        self.assertError(self.s.post("/api/auth/setup/start", {"token": "x" * 43}), 404, "auth.setup_link_invalid")

    def test_link_expires_after_72_hours(self):
        token = self.s.add_user("late@example.jp", "staff")
        self.s.advance(hours=72, seconds=1)
        self.assertError(self.s.post("/api/auth/setup/start", {"token": token}), 404, "auth.setup_link_invalid")

    def test_cli_refuses_a_taken_address_and_bad_role(self):
        out = self.s.cli_user_add("admin@example.jp", "admin")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("user.email_taken", out.stderr)
        self.assertNotEqual(self.s.cli_user_add("x@example.jp", "root").returncode, 0)


class SignInTest(AuthTestCase):
    def test_password_then_code(self):
        session = self.s.sign_in(self.admin)
        self.assertEqual(session["me"]["role"], "admin")
        me = self.s.get("/api/auth/me", session)
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json()["email"], "admin@example.jp")
        self.assertEqual(me.header("cache-control"), "no-store")

    def test_cookie_attributes_and_a_new_id_at_each_step(self):
        self.s.advance(seconds=30)
        first = self.s.post("/api/auth/sign-in", {"email": "ADMIN@example.jp ", "password": GOOD_PASSWORD},
                            session={"token": "planted-by-an-attacker"}, csrf=False)
        name, pending, attrs = cookie_of(first)
        self.assertEqual(name, "kenshu_session")
        self.assertNotEqual(pending, "planted-by-an-attacker")
        self.assertIn("httponly", attrs)
        self.assertIn("samesite=lax", attrs)
        self.assertIn("path=/", attrs)
        self.assertNotIn("secure", attrs)  # plain http here; see HttpsCookieTest
        # Half signed in is not signed in.
        self.assertError(self.s.get("/api/auth/me", {"token": pending}), 401, "auth.required")
        second = self.s.post("/api/auth/sign-in/second-factor", {"code": totp(self.admin["secret"], self.s.now)},
                             session={"token": pending}, csrf=False)
        self.assertEqual(second.status, 200, second)
        final = cookie_of(second)[1]
        self.assertNotEqual(final, pending)
        # The pending id is spent.
        self.assertError(self.s.post("/api/auth/sign-in/second-factor",
                                     {"code": totp(self.admin["secret"], self.s.now)},
                                     session={"token": pending}, csrf=False), 401, "auth.required")

    def test_session_fixation_a_planted_session_ends_at_sign_in(self):
        planted = self.s.sign_in(self.admin)  # an attacker's own, valid session, planted in the victim's browser
        self.s.advance(seconds=30)
        first = self.s.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD},
                            session=planted, csrf=False)
        self.assertNotEqual(cookie_of(first)[1], planted["token"])
        self.assertError(self.s.get("/api/auth/me", planted), 401, "auth.required")

    def test_a_code_is_accepted_once(self):
        self.s.advance(seconds=30)
        code = totp(self.admin["secret"], self.s.now)
        tokens = []
        for _ in range(2):
            r = self.s.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD})
            tokens.append(cookie_of(r)[1])
        ok = self.s.post("/api/auth/sign-in/second-factor", {"code": code}, session={"token": tokens[0]}, csrf=False)
        self.assertEqual(ok.status, 200)
        replay = self.s.post("/api/auth/sign-in/second-factor", {"code": code}, session={"token": tokens[1]},
                             csrf=False)
        self.assertError(replay, 401, "auth.invalid_code")

    def test_recovery_code_works_once(self):
        account = self.s.create("recovery@example.jp", "staff")
        for expected in (200, 401):
            self.s.advance(seconds=30)
            r = self.s.post("/api/auth/sign-in", {"email": account["email"], "password": GOOD_PASSWORD})
            pending = {"token": cookie_of(r)[1]}
            second = self.s.post("/api/auth/sign-in/second-factor",
                                 {"recovery_code": account["codes"][0].upper()}, session=pending, csrf=False)
            self.assertEqual(second.status, expected, second)

    def test_second_step_needs_exactly_one_code(self):
        self.s.advance(seconds=30)
        r = self.s.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD})
        pending = {"token": cookie_of(r)[1]}
        self.assertError(self.s.post("/api/auth/sign-in/second-factor", {}, session=pending, csrf=False),
                         400, "request.missing_field")
        self.assertError(self.s.post("/api/auth/sign-in/second-factor", {"code": "1", "recovery_code": "2"},
                                     session=pending, csrf=False), 400, "request.missing_field")

    def test_sign_in_needs_a_matching_origin(self):
        r = self.s.server.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD})
        self.assertError(r, 403, "auth.csrf", "Origin")
        r = self.s.server.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD},
                               headers={"Origin": "https://evil.example"})
        self.assertError(r, 403, "auth.csrf", "Origin")

    def test_mass_assignment_is_refused(self):
        r = self.s.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": "x", "role": "admin"})
        self.assertError(r, 400, "request.unknown_field", "role")


class EnumerationAndThrottleTest(Assertions, unittest.TestCase):
    """Its own server: throttling state must not leak into other tests."""

    def setUp(self):
        self.s = AuthServer()
        self.account = self.s.create("known@example.jp", "staff")

    def tearDown(self):
        self.s.stop()

    def attempt(self, email, password, forwarded_for=None):
        h = self.s.headers()
        if forwarded_for:
            h["X-Forwarded-For"] = forwarded_for
        return self.s.server.post("/api/auth/sign-in", {"email": email, "password": password}, headers=h)

    def test_unknown_and_known_addresses_answer_alike(self):
        known = self.attempt("known@example.jp", "wrong password 123")
        unknown = self.attempt("nobody@example.jp", "wrong password 123")
        self.assertEqual(without_request_id(known), without_request_id(unknown))
        self.assertEqual(known.status, 401)
        self.assertEqual(known.error["code"], "auth.invalid_credentials")
        self.assertIsNone(known.header("set-cookie"))

    def test_growing_delays_per_account_with_the_same_answers_for_unknown_accounts(self):
        for email in ("known@example.jp", "nobody@example.jp"):
            answers = [self.attempt(email, f"wrong password {i}").error["code"] for i in range(5)]
            self.assertEqual(answers, ["auth.invalid_credentials"] * 5, email)
            # Locked now, even with the right password.
            self.assertEqual(self.attempt(email, GOOD_PASSWORD).error["code"], "auth.throttled")
            r = self.attempt(email, GOOD_PASSWORD)
            self.assertEqual(r.status, 429)
        # The first wait is one second; a further failure doubles it.
        self.s.advance(seconds=1)
        self.assertEqual(self.attempt("known@example.jp", "wrong again 12345").status, 401)
        self.s.advance(seconds=1)
        self.assertEqual(self.attempt("known@example.jp", GOOD_PASSWORD).status, 429)
        self.s.advance(seconds=1)
        ok = self.attempt("known@example.jp", GOOD_PASSWORD)
        self.assertEqual(ok.status, 200, ok)
        self.assertEqual(ok.json()["stage"], "second_factor")
        # Success forgets the account's failures.
        for i in range(4):
            self.assertEqual(self.attempt("known@example.jp", f"wrong {i} password").status, 401)
        self.assertEqual(self.attempt("known@example.jp", GOOD_PASSWORD).status, 200)

    def test_per_address_throttle_across_accounts(self):
        for i in range(20):
            # A client's own X-Forwarded-For is ignored: no proxy is trusted by default.
            r = self.attempt(f"spray{i}@example.jp", "Winter2025 password", forwarded_for=f"10.0.0.{i}")
            self.assertEqual(r.status, 401, (i, r))
        # This address now waits, for every account.
        self.assertError(self.attempt("known@example.jp", GOOD_PASSWORD), 429, "auth.throttled")
        self.s.advance(seconds=2)
        self.assertEqual(self.attempt("known@example.jp", GOOD_PASSWORD).status, 200)

    def test_wrong_codes_count_too(self):
        self.s.advance(seconds=30)
        r = self.attempt("known@example.jp", GOOD_PASSWORD)
        pending = {"token": cookie_of(r)[1]}
        right = totp(self.account["secret"], self.s.now)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for _ in range(5):
            self.assertEqual(self.s.post("/api/auth/sign-in/second-factor", {"code": wrong}, session=pending,
                                         csrf=False).status, 401)
        r = self.s.post("/api/auth/sign-in/second-factor", {"code": right}, session=pending, csrf=False)
        self.assertEqual(r.status, 429, r)

    def test_disabled_account_answers_like_a_wrong_password(self):
        admin = self.s.create("boss@example.jp", "admin")
        session = self.s.sign_in(admin)
        uid = self.s.get("/api/admin/users", session).json()["users"]
        target = next(u for u in uid if u["email"] == "known@example.jp")
        r = self.s.post(f"/api/admin/users/{target['id']}/disable", session=session)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["user"]["disabled"])
        self.s.advance(seconds=30)
        self.assertError(self.attempt("known@example.jp", GOOD_PASSWORD), 401, "auth.invalid_credentials")


class ExpiryTest(AuthTestCase):
    def test_idle_timeout_30_minutes(self):
        session = self.s.sign_in(self.admin)
        self.s.advance(minutes=29)
        self.assertEqual(self.s.get("/api/auth/me", session).status, 200)  # and the idle timer restarts
        self.s.advance(minutes=29)
        self.assertEqual(self.s.get("/api/auth/me", session).status, 200)
        self.s.advance(minutes=30)
        self.assertError(self.s.get("/api/auth/me", session), 401, "auth.required")
        self.assertError(self.s.get("/api/auth/me", session), 401, "auth.required")

    def test_absolute_timeout_12_hours(self):
        session = self.s.sign_in(self.admin)
        for _ in range(29):  # 11 h 36 min of steady use
            self.s.advance(minutes=24)
            self.assertEqual(self.s.get("/api/auth/me", session).status, 200)
        self.s.advance(minutes=24)
        self.assertError(self.s.get("/api/auth/me", session), 401, "auth.required")

    def test_second_step_within_five_minutes(self):
        self.s.advance(seconds=30)
        r = self.s.post("/api/auth/sign-in", {"email": "admin@example.jp", "password": GOOD_PASSWORD})
        self.s.advance(minutes=5, seconds=1)
        r = self.s.post("/api/auth/sign-in/second-factor", {"code": totp(self.admin["secret"], self.s.now)},
                        session={"token": cookie_of(r)[1]}, csrf=False)
        self.assertError(r, 401, "auth.required")


class CsrfAndSignOutTest(AuthTestCase):
    def test_unsafe_methods_need_the_token_and_the_origin(self):
        session = self.s.sign_in(self.admin)
        self.assertError(self.s.post("/api/auth/sign-out-everywhere", session=session, csrf=False),
                         403, "auth.csrf", "X-CSRF-Token")
        bad = dict(session, csrf="x" * len(session["csrf"]))
        self.assertError(self.s.post("/api/auth/sign-out-everywhere", session=bad), 403, "auth.csrf")
        self.assertError(self.s.post("/api/auth/sign-out-everywhere", session=session, origin=False),
                         403, "auth.csrf", "Origin")
        foreign = self.s.server.post("/api/auth/sign-out-everywhere",
                                     headers={"Origin": "http://127.0.0.1:1", "X-CSRF-Token": session["csrf"],
                                              "Cookie": f"kenshu_session={session['token']}"})
        self.assertError(foreign, 403, "auth.csrf", "Origin")
        # Nothing happened: the session still works.
        self.assertEqual(self.s.get("/api/auth/me", session).status, 200)

    def test_sign_out_ends_this_session_only(self):
        a, b = self.s.sign_in(self.admin), self.s.sign_in(self.admin)
        self.assertError(self.s.post("/api/auth/sign-out", session=a, csrf=False), 403, "auth.csrf")
        r = self.s.post("/api/auth/sign-out", session=a)
        self.assertEqual(r.status, 204, r)
        self.assertIn("max-age=0", cookie_of(r)[2])
        self.assertEqual(self.s.get("/api/auth/me", a).status, 401)
        self.assertEqual(self.s.get("/api/auth/me", b).status, 200)

    def test_sign_out_everywhere(self):
        a, b = self.s.sign_in(self.admin), self.s.sign_in(self.admin)
        self.assertEqual(self.s.post("/api/auth/sign-out-everywhere", session=a).status, 204)
        self.assertEqual(self.s.get("/api/auth/me", a).status, 401)
        self.assertEqual(self.s.get("/api/auth/me", b).status, 401)


class AdminUsersTest(AuthTestCase):
    def audit_count(self, where="1=1", args=()):
        return self.s.server.count("audit_log", where, args)

    def test_invite_sends_the_link_by_mail_only(self):
        session = self.s.sign_in(self.admin)
        r = self.s.post("/api/admin/users", {"email": "invitee@example.jp", "role": "staff",
                                             "display_name": "事務局 花子"}, session=session)
        self.assertEqual(r.status, 201, r)
        user = r.json()["user"]
        self.assertEqual(user["role"], "staff")
        self.assertFalse(user["password_set"])
        self.assertNotIn("setup_link", r.body.decode())
        self.s.server.wait_mail_idle()
        mails = [m for m in read_mails(self.s.server.mail_dir) if m["to"].endswith("invitee@example.jp>")
                 or m["to"] == "invitee@example.jp"]
        self.assertEqual(len(mails), 1, [m["to"] for m in read_mails(self.s.server.mail_dir)])
        token = re.search(r"/admin/setup#(\S+)", mails[0]["body"]).group(1)
        secret, _ = self.s.set_up(token)
        staff = self.s.sign_in({"email": "invitee@example.jp", "secret": secret})
        self.assertEqual(staff["me"]["role"], "staff")
        # Staff may not manage accounts: 404, as for a route that does not exist.
        self.assertError(self.s.get("/api/admin/users", staff), 404, "request.not_found")
        self.assertError(self.s.get(f"/api/admin/users/{user['id']}", staff), 404, "request.not_found")
        self.assertError(self.s.post("/api/admin/users", {"email": "y@example.jp", "role": "admin"}, session=staff),
                         404, "request.not_found")

    def test_no_session_answers_401(self):
        for path in ("/api/admin/users", "/api/admin/users/abc", "/api/admin/audit", "/api/auth/me"):
            self.assertError(self.s.get(path), 401, "auth.required")
        self.assertError(self.s.post("/api/admin/users", {"email": "z@example.jp", "role": "staff"}),
                         401, "auth.required")

    def test_invite_checks_its_input(self):
        session = self.s.sign_in(self.admin)
        self.assertError(self.s.post("/api/admin/users", {"email": "a@example.jp", "role": "root"}, session=session),
                         400, "field.bad_enum", "role")
        self.assertError(self.s.post("/api/admin/users", {"email": "a@example.jp", "role": "staff",
                                                          "password_hash": "x"}, session=session),
                         400, "request.unknown_field", "password_hash")
        self.assertError(self.s.post("/api/admin/users", {"email": "admin@example.jp", "role": "staff"},
                                     session=session), 409, "user.email_taken")
        self.assertError(self.s.post("/api/admin/users", {"email": "c@example.jp", "role": "coordinator",
                                                          "session_ids": ["nope"]}, session=session),
                         400, "preferences.unknown_session")
        sessions = open_session_ids(self.s.server.program())
        r = self.s.post("/api/admin/users", {"email": "coord@example.jp", "role": "coordinator",
                                             "session_ids": sessions[:2]}, session=session)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(sorted(r.json()["user"]["session_ids"]), sorted(sessions[:2]))

    def test_each_read_of_accounts_is_one_audit_row(self):
        session = self.s.sign_in(self.admin)
        uid = session["me"]["user_id"]
        before = self.audit_count("actor_user_id = ? AND action = 'read'", (uid,))
        users = self.s.get("/api/admin/users", session)
        self.assertEqual(users.status, 200)
        self.assertEqual(self.audit_count("actor_user_id = ? AND action = 'read'", (uid,)), before + 1)
        one = users.json()["users"][0]["id"]
        self.assertEqual(self.s.get(f"/api/admin/users/{one}", session).status, 200)
        self.assertEqual(self.audit_count("actor_user_id = ? AND action = 'read'", (uid,)), before + 2)
        with self.s.server.db() as db:
            row = db.execute("SELECT entity, entity_id, ip, actor_label FROM audit_log WHERE actor_user_id = ? "
                             "ORDER BY at DESC, rowid DESC LIMIT 1", (uid,)).fetchone()
        self.assertEqual(row, ("user", one, "127.0.0.1", "admin@example.jp"))
        # Unknown ids answer 404 and read nothing.
        self.assertError(self.s.get("/api/admin/users/doesnotexist", session), 404, "user.not_found")

    def test_changes_are_audited_with_before_and_after(self):
        session = self.s.sign_in(self.admin)
        r = self.s.post("/api/admin/users", {"email": "tobedisabled@example.jp", "role": "ministry"}, session=session)
        uid = r.json()["user"]["id"]
        self.assertEqual(self.s.post(f"/api/admin/users/{uid}/disable", session=session).status, 200)
        audit = self.s.get(f"/api/admin/audit?entity=user&entity_id={uid}&action=change", session)
        self.assertEqual(audit.status, 200, audit)
        entries = audit.json()["entries"]
        self.assertEqual(len(entries), 2)  # created, then disabled (at the same instant of the test clock)
        created = next(e for e in entries if e["before"] is None)
        disabled = next(e for e in entries if e["before"] is not None)
        self.assertFalse(created["after"]["disabled"])
        self.assertFalse(disabled["before"]["disabled"])
        self.assertTrue(disabled["after"]["disabled"])
        self.assertEqual(disabled["actor"], "admin@example.jp")
        self.assertError(self.s.get("/api/admin/audit?colour=red", session), 400, "request.unknown_field")
        self.assertError(self.s.get("/api/admin/audit?limit=0", session), 400, "field.out_of_range")

    def test_the_last_admin_cannot_be_disabled(self):
        session = self.s.sign_in(self.admin)
        admins = [u for u in self.s.get("/api/admin/users", session).json()["users"]
                  if u["role"] == "admin" and not u["disabled"]]
        if len(admins) == 1:
            self.assertError(self.s.post(f"/api/admin/users/{admins[0]['id']}/disable", session=session),
                             409, "user.last_admin")

    def test_disabling_ends_the_sessions_of_that_account(self):
        session = self.s.sign_in(self.admin)
        other = self.s.create("short-lived@example.jp", "staff")
        their = self.s.sign_in(other)
        uid = their["me"]["user_id"]
        self.assertEqual(self.s.post(f"/api/admin/users/{uid}/disable", session=session).status, 200)
        self.assertError(self.s.get("/api/auth/me", their), 401, "auth.required")
        self.assertEqual(self.s.post(f"/api/admin/users/{uid}/enable", session=session).status, 200)

    def test_the_audit_log_refuses_update_and_delete(self):
        self.s.sign_in(self.admin)
        self.s.get("/api/admin/users", self.s.sign_in(self.admin))
        conn = sqlite3.connect(self.s.server.db_path, timeout=10)
        try:
            with self.assertRaisesRegex(sqlite3.DatabaseError, "append-only"):
                conn.execute("UPDATE audit_log SET actor_label = 'someone else'")
            with self.assertRaisesRegex(sqlite3.DatabaseError, "append-only"):
                conn.execute("DELETE FROM audit_log")
        finally:
            conn.rollback()
            conn.close()
        self.assertGreater(self.audit_count(), 0)


class EmailLinkTest(AuthTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        program = cls.s.server.program()
        application = valid_application(open_session_ids(program)[:1])
        r = cls.s.server.apply(application)
        assert r.status == 201, r
        cls.contact = application["contact"]["email"]
        cls.member = application["members"][1]["email"]

    def links_to(self, address):
        self.s.server.wait_mail_idle()
        out = []
        for m in read_mails(self.s.server.mail_dir):
            if address in m["to"]:
                found = re.search(r"/sign-in/email#(\S+)", m["body"])
                if found:
                    out.append(found.group(1))
        return out

    def request_link(self, address):
        return self.s.post("/api/auth/email-link", {"email": address})

    def test_same_answer_whether_known_or_not(self):
        self.s.advance(minutes=16)  # past the cap of earlier requests
        before = len(self.links_to(self.member))
        known = self.request_link(self.member)
        unknown = self.request_link("stranger@example.jp")
        self.assertEqual(known.status, 202)
        self.assertEqual((known.status, known.body), (unknown.status, unknown.body))
        self.assertEqual(len(self.links_to(self.member)), before + 1)
        self.assertEqual(self.links_to("stranger@example.jp"), [])

    def test_link_is_confirmed_by_post_and_works_once(self):
        self.s.advance(minutes=16)
        self.assertEqual(self.request_link(self.contact.upper()).status, 202)
        token = self.links_to(self.contact)[-1]
        with self.s.server.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM email_login_links WHERE token_hash = ?",
                                        (token,)).fetchone()[0], 0)  # stored hashed
        r = self.s.post("/api/auth/email-link/confirm", {"token": token})
        self.assertEqual(r.status, 200, r)
        me = r.json()["me"]
        self.assertEqual(me["kind"], "person")
        self.assertEqual(me["email"], self.contact.lower())
        session = {"token": cookie_of(r)[1], "csrf": me["csrf_token"]}
        self.assertEqual(self.s.get("/api/auth/me", session).status, 200)
        # A person is not staff: the back office does not exist for them.
        self.assertError(self.s.get("/api/admin/users", session), 404, "request.not_found")
        self.assertError(self.s.post("/api/auth/email-link/confirm", {"token": token}), 404,
                         "auth.email_link_invalid")

    def test_link_expires_after_15_minutes(self):
        self.s.advance(minutes=16)
        self.request_link(self.contact)
        token = self.links_to(self.contact)[-1]
        self.s.advance(minutes=15)
        self.assertError(self.s.post("/api/auth/email-link/confirm", {"token": token}), 404,
                         "auth.email_link_invalid")

    def test_requests_are_capped_per_address_silently(self):
        self.s.advance(minutes=16)
        before = len(self.links_to(self.member))
        for _ in range(5):
            self.assertEqual(self.request_link(self.member).status, 202)
        self.assertEqual(len(self.links_to(self.member)) - before, 3)

    def test_link_request_checks_the_address(self):
        self.assertError(self.request_link("not an address"), 400, "field.bad_email", "email")
        self.assertError(self.s.server.post("/api/auth/email-link", {"email": self.member}), 403, "auth.csrf")


class TrustedProxyTest(Assertions, unittest.TestCase):
    """Behind nginx every connection comes from the proxy: its X-Forwarded-For names the client, and only its."""

    def test_forwarded_address_is_used_only_from_a_trusted_proxy(self):
        s = AuthServer(env={"KENSHU_SERVER_TRUSTED_PROXIES": "127.0.0.1"})
        try:
            account = s.create("proxied@example.jp", "admin")

            tries = iter(range(1000))

            def attempt(forwarded):
                h = s.headers()
                h["X-Forwarded-For"] = forwarded
                return s.server.post("/api/auth/sign-in", {"email": f"user{next(tries)}@example.jp",
                                                           "password": "wrong password here"}, headers=h)

            for i in range(20):
                self.assertEqual(attempt(f"203.0.113.9, 198.51.100.{i % 2}").status, 401)
            # 198.51.100.0 and .1 each failed ten times: neither waits yet; a spray from one address does.
            for i in range(20):
                attempt("192.0.2.77")
            self.assertError(attempt("192.0.2.77"), 429, "auth.throttled")
            self.assertEqual(attempt("192.0.2.78").status, 401)
            session = s.sign_in(account)
            s.get("/api/admin/users", session)
            with s.server.db() as db:
                ip = db.execute("SELECT ip FROM audit_log WHERE action = 'read' ORDER BY at DESC LIMIT 1").fetchone()
            self.assertEqual(ip[0], "127.0.0.1")  # no X-Forwarded-For sent: the proxy's own address
        finally:
            s.stop()


class HttpsCookieTest(unittest.TestCase):
    def test_host_prefixed_secure_cookie_behind_https(self):
        s = AuthServer(public_url="https://kenshu.example.jp")
        try:
            s.origin = "https://kenshu.example.jp"
            s.cookie_name = "__Host-kenshu_session"
            account = s.create("tls@example.jp", "admin")
            s.advance(seconds=30)
            r = s.post("/api/auth/sign-in", {"email": account["email"], "password": GOOD_PASSWORD})
            name, _, attrs = cookie_of(r)
            self.assertEqual(name, "__Host-kenshu_session")
            for a in ("secure", "httponly", "samesite=lax", "path=/"):
                self.assertIn(a, attrs)
            self.assertFalse(any(a.startswith("domain=") for a in attrs))
            session = s.sign_in(account)
            self.assertEqual(s.get("/api/auth/me", session).status, 200)
            # The listening address is not the public origin.
            r = s.server.post("/api/auth/sign-in", {"email": account["email"], "password": GOOD_PASSWORD},
                              headers={"Origin": s.server.base_url})
            self.assertEqual(r.error["code"], "auth.csrf")
        finally:
            s.stop()


if __name__ == "__main__":
    unittest.main()
