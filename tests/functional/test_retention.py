"""Retention and a person's rights against the real binary: `kenshu purge --dry-run` counts and changes nothing,
`kenshu purge` erases names and addresses of years past the period but keeps the rows the report counts, a person's
export holds their records, erasure removes them and leaves an audit entry; the admin API does the same, and no
other role reaches it."""
import datetime
import json
import os
import sqlite3
import subprocess
import unittest

from kenshu_server import BIN, open_session_ids, valid_application
from test_auth import AuthServer, iso


def cli(server, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENSHU_")}
    env["KENSHU_CLOCK_FILE"] = server.clock_file
    return subprocess.run([BIN, *args, "--config", server.config_path], cwd=server.dir, capture_output=True,
                          text=True, timeout=60, env=env)


class Retention(unittest.TestCase):
    def setUp(self):
        self.a = AuthServer()
        self.srv = self.a.server
        self.sessions = open_session_ids(self.srv.program())
        self.body = valid_application(self.sessions[:1])
        r = self.srv.apply(self.body)
        self.assertEqual(r.status, 201, r)
        self.app_id = r.json()["id"]

    def tearDown(self):
        self.a.stop()

    def row(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as db:
            return db.execute(sql, args).fetchone()

    def test_purge_waits_for_the_period_then_erases_but_keeps_counts(self):
        out = cli(self.srv, "purge", "--dry-run")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("applications=0", out.stdout)
        self.a.sign_in(self.a.create("admin@example.jp", "admin"))  # leaves a session and a used set-up token
        self.assertGreater(self.row("SELECT COUNT(*) FROM auth_sessions")[0], 0)
        # Move the clock past the demo year's last session + 365 days.
        last = max(s["date"] for s in self.srv.program()["sessions"])
        later = datetime.datetime.fromisoformat(last).replace(tzinfo=datetime.timezone.utc) + datetime.timedelta(days=400)
        self.srv.set_clock(iso(later))
        dry = cli(self.srv, "purge", "--dry-run")
        self.assertIn("would erase: applications=1", dry.stdout)
        self.assertEqual(self.row("SELECT contact_email FROM applications WHERE id = ?", self.app_id)[0],
                         self.body["contact"]["email"])
        done = cli(self.srv, "purge")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("erased: applications=1", done.stdout)
        self.assertRegex(done.stdout, r"sign_in_rows=[1-9]")
        self.assertEqual(self.row("SELECT COUNT(*) FROM auth_sessions")[0], 0)
        self.assertEqual(self.row("SELECT COUNT(*) FROM setup_tokens")[0], 0)
        self.assertEqual(self.row("SELECT contact_email, contact_name, purged_at IS NOT NULL FROM applications "
                                  "WHERE id = ?", self.app_id), ("", "", 1))
        self.assertEqual(self.row("SELECT COUNT(*) FROM members WHERE application_id = ? AND name = '' AND email = ''",
                                  self.app_id)[0], 4)
        self.assertEqual(self.row("SELECT COUNT(*) FROM members WHERE application_id = ? AND profession = 'doctor'",
                                  self.app_id)[0], 1)
        self.assertEqual(self.row("SELECT COUNT(*) FROM outbox WHERE related_id = ? AND body_text <> ''",
                                  self.app_id)[0], 0)
        self.assertEqual(self.row("SELECT COUNT(*) FROM audit_log WHERE entity = 'retention.purge' "
                                  "AND actor_label = 'cli'")[0], 1)

    def test_person_export_and_erase_by_command(self):
        email = self.body["members"][1]["email"]
        out = cli(self.srv, "person", "export", "--email", email.upper())
        self.assertEqual(out.returncode, 0, out.stderr)
        data = json.loads(out.stdout)
        self.assertEqual([m["email"] for m in data["as_member"]], [email])
        self.assertEqual(data["as_contact"], [])
        self.assertGreaterEqual(len(data["mails"]), 1)
        erased = cli(self.srv, "person", "erase", "--email", email)
        self.assertEqual(erased.returncode, 0, erased.stderr)
        self.assertEqual(self.row("SELECT COUNT(*) FROM members WHERE email = ?", email)[0], 0)
        self.assertEqual(self.row("SELECT COUNT(*) FROM outbox WHERE to_address = ?", email)[0], 0)
        self.assertEqual(self.row("SELECT COUNT(*) FROM audit_log WHERE entity = 'person.erase'")[0], 1)
        self.assertEqual(self.row("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE ?", f"%{email}%")[0], 0)
        again = json.loads(cli(self.srv, "person", "export", "--email", email).stdout)
        self.assertEqual(again["as_member"], [])
        bad = cli(self.srv, "person", "erase", "--email", "not-an-address")
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("field.bad_email", bad.stderr)

    def test_admin_api_and_roles(self):
        admin = self.a.sign_in(self.a.create("admin@example.jp", "admin"))
        staff = self.a.sign_in(self.a.create("staff@example.jp", "staff"))
        email = self.body["contact"]["email"]
        send = lambda who, path, body: self.srv.request("POST", path, body, headers=self.a.headers(who))
        self.assertEqual(send(staff, "/api/admin/privacy/export", {"email": email}).status, 404)
        r = send(admin, "/api/admin/privacy/export", {"email": email})
        self.assertEqual(r.status, 200, r)
        self.assertIn("no-store", r.header("cache-control", ""))
        self.assertEqual(r.json()["as_contact"][0]["contact_email"], email)
        self.assertEqual(send(admin, "/api/admin/privacy/erase", {"email": email}).error["code"],
                         "request.missing_field")
        self.assertEqual(send(admin, "/api/admin/privacy/erase", {"email": email, "confirm": False}).error["code"],
                         "field.required")
        self.assertEqual(self.row("SELECT contact_email FROM applications WHERE id = ?", self.app_id)[0], email)
        r = send(admin, "/api/admin/privacy/erase", {"email": email, "confirm": True})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.row("SELECT contact_email FROM applications WHERE id = ?", self.app_id)[0], "")
        dry = send(admin, "/api/admin/privacy/purge", {})
        self.assertEqual(dry.json()["dry_run"], True)


if __name__ == "__main__":
    unittest.main()
