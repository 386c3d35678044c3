"""Selection in the product against the real binary: dry runs (nothing sent, what-if capacity, sessions still open
refused), pins and exclusions with reasons (a run whose input changed is refused at publish), publishing (outcomes,
waitlists and one mail per team with its explanation), confirming and declining from the management link, promotion
from the waitlist in the same transaction with a mail, release of unconfirmed places, roles (404 out of reach), the
tiers on the public page, and 200 concurrent confirms/declines around the last place: exactly one winner."""
import datetime
import importlib.machinery
import os
import threading
import unittest

from kenshu_server import SmtpSink, read_mails, submit_and_token, valid_application, wait_for
from test_auth import AuthServer, iso

# The re-draw anyone can run: written from docs/selection.md alone, it shares no code with the server.
REDRAW = importlib.machinery.SourceFileLoader(
    "redraw_lottery", os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "redraw-lottery")).load_module()


def team(session_ids, tier):
    """A valid application whose hospital falls in priority `tier` under the demo year's rules (N = 10)."""
    body = valid_application(session_ids)
    h = body["hospital"]
    if tier == 1:
        h.update(critical_care_center="advanced", advanced_treatment_hospital=True, ecmo_cases_last_year={"vv": 12, "va": 30})
    elif tier == 2:
        h.update(critical_care_center="regular", advanced_treatment_hospital=False, ecmo_cases_last_year={"vv": 0, "va": 1})
    else:
        h.update(critical_care_center="none", advanced_treatment_hospital=False, ecmo_cases_last_year={"vv": 0, "va": 0})
    return body


class SelectionWorld:
    """A server, teams submitted while s1 is open, then the clock moved past s1's close and staff signed in."""

    def __init__(self, tiers, s2_also=(), smtp=False):
        # With smtp, mail goes over SMTP to a real sink (the "mails in the SMTP sink"); otherwise to files.
        self.sink = SmtpSink() if smtp else None
        self.a = AuthServer(**({"smtp_url": self.sink.url} if self.sink else {}))
        self.srv = self.a.server
        program = self.srv.program()
        self.program = program
        sessions = [s for s in program["sessions"] if s["is_open"]]
        self.s1, self.s2 = sessions[0], sessions[1]
        self.teams = []  # (application json, token, body)
        for i, tier in enumerate(tiers):
            prefs = [self.s1["id"], self.s2["id"]] if i in s2_also else [self.s1["id"]]
            body = team(prefs, tier)
            created, token = submit_and_token(self.srv, body, mails=self.mails)
            self.teams.append((created, token, body))
        close = datetime.datetime.fromisoformat(self.s1["applications_close_at"])
        self.a.now = close.astimezone(datetime.timezone.utc) + datetime.timedelta(hours=1)
        self.srv.set_clock(iso(self.a.now))
        self.admin = self.a.sign_in(self.a.create("admin@example.jp", "admin"))
        account = self.a.create("staff@example.jp", "staff")
        self.staff_secret = account["secret"]
        self.staff = self.a.sign_in(account)

    def mails(self):
        return self.sink.mails() if self.sink else read_mails(self.srv.mail_dir)

    def stop(self):
        self.a.stop()
        if self.sink:
            self.sink.stop()

    def send(self, method, path, body, who):
        return self.srv.request(method, path, body, headers=self.a.headers(who))

    def get(self, path, who):
        return self.a.get(path, session=who)

    def dry_run(self, who, session_ids, overrides=None, seed=None):
        body = {"session_ids": session_ids}
        if overrides is not None:
            body["capacity_overrides"] = overrides
        if seed is not None:
            body["seed"] = seed
        return self.send("POST", "/api/admin/selection/dry-run", body, who)

    def kinds(self, kind, application_id=None):
        where, args = "kind = ?", [kind]
        if application_id:
            where += " AND related_id = ?"
            args.append(application_id)
        return self.srv.count("outbox", where, tuple(args))

    def accepted_in(self, session_id):
        return self.srv.count("placements", "session_id = ? AND outcome = 'accepted'", (session_id,))


class SelectionFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # t0, t1 priority 1; t2 priority 2 (also ranks s2, selected later); t3 priority 3.
        cls.w = SelectionWorld([1, 1, 2, 3], s2_also=(2,), smtp=True)
        w = cls.w
        cls.coord = w.a.sign_in(w.a.create("coord@example.jp", "coordinator", "--session", w.s2["id"]))
        cls.instr = w.a.sign_in(w.a.create("instr@example.jp", "instructor", "--session", w.s1["id"]))

    @classmethod
    def tearDownClass(cls):
        cls.w.stop()

    def test_selection_end_to_end(self):
        w = self.w
        s1 = w.s1["id"]
        ids = [t[0]["id"] for t in w.teams]
        tokens = [t[1] for t in w.teams]

        # The public page states the tiers.
        tiers = w.srv.program()["selection"]["tiers"]
        self.assertEqual([t["tier"] for t in tiers], [1, 2, 3])
        self.assertIn("10", tiers[0]["description"]["ja"])

        # A session still open cannot be selected for; roles out of reach get 404.
        self.assertEqual(w.dry_run(w.staff, [w.s2["id"]]).error["code"], "selection.session_open")
        self.assertEqual(w.dry_run(w.staff, []).error["code"], "selection.no_sessions")
        self.assertEqual(w.dry_run(self.coord, [s1]).status, 404)
        self.assertEqual(w.dry_run(self.instr, [s1]).status, 404)
        self.assertEqual(w.srv.post("/api/admin/selection/dry-run", {"session_ids": [s1]}).status, 401)
        bad = w.send("POST", "/api/admin/selection/dry-run", {"session_ids": [s1], "sneaky": 1}, w.staff)
        self.assertEqual(bad.error["code"], "request.unknown_field")
        self.assertEqual(w.dry_run(w.staff, [s1, s1]).error["code"], "selection.duplicate_session")

        # Dry run with a what-if capacity of two teams: the two priority-1 teams get the places.
        r = w.dry_run(w.staff, [s1], overrides=[{"session_id": s1, "capacity_teams": 2, "capacity_people": 8}])
        self.assertEqual(r.status, 201, r)
        run = r.json()["run"]
        self.assertEqual(run["status"], "draft")
        result = run["result"]
        self.assertEqual(result["counts"], {"accepted": 2, "waitlisted": 2, "not_selected": 0})
        by_id = {t["application_id"]: t for t in result["teams"]}
        self.assertEqual({by_id[ids[0]]["outcome"], by_id[ids[1]]["outcome"]}, {"accepted"})
        self.assertEqual(by_id[ids[2]]["waitlist"], [{"session_id": s1, "position": 1}])
        self.assertEqual(by_id[ids[3]]["waitlist"], [{"session_id": s1, "position": 2}])
        self.assertEqual(by_id[ids[2]]["later_session_ids"], [w.s2["id"]])
        self.assertTrue(by_id[ids[2]]["explanation"]["ja"])
        self.assertEqual([t["selected"] for t in result["tiers"]], [2, 0, 0])
        self.assertEqual(result["sessions"][0]["teams"], 2)
        # The same seed gives the same result.
        again = w.dry_run(w.staff, [s1], overrides=[{"session_id": s1, "capacity_teams": 2, "capacity_people": 8}],
                          seed=run["seed"]).json()["run"]
        self.assertEqual(again["result"]["teams"], result["teams"])
        # Nothing is sent, nothing placed, for a run not published.
        self.assertEqual(w.srv.count("outbox", "kind LIKE 'selection_%'"), 0)
        self.assertEqual(w.srv.count("placements"), 0)
        self.assertEqual(w.get(f"/api/admin/selection/runs/{run['id']}", w.staff).json()["run"]["id"], run["id"])
        self.assertEqual(w.get("/api/admin/selection/runs/nope", w.staff).error["code"], "selection.run_not_found")
        self.assertEqual(len(w.get("/api/admin/selection/runs", w.staff).json()["runs"]), 2)

        # An exclusion (with reason, audited) changes the input: the earlier dry run is refused, until it is lifted.
        r = w.send("POST", "/api/admin/selection/excludes", {"application_id": ids[3], "reason": "重複申込の疑い"}, w.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["excludes"][0]["reason"], "重複申込の疑い")
        self.assertEqual(w.send("POST", "/api/admin/selection/excludes", {"application_id": ids[3], "reason": " "},
                                w.staff).error["code"], "field.required")
        pin = w.send("POST", "/api/admin/selection/pins",
                     {"application_id": ids[3], "session_id": s1, "reason": "x"}, w.staff)
        self.assertEqual(pin.error["code"], "selection.pin_conflict")
        self.assertEqual(w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, w.staff).error["code"],
                         "selection.run_stale")
        self.assertEqual(w.send("DELETE", f"/api/admin/selection/excludes/{ids[3]}", {"reason": "確認済み"}, w.staff).status, 200)
        self.assertGreaterEqual(w.srv.count("audit_log", "entity = 'selection_exclude'"), 2)
        r = w.send("POST", "/api/admin/selection/pins", {"application_id": ids[2], "session_id": s1, "reason": "地域枠"}, w.staff)
        self.assertEqual((r.status, r.json()["pins"][0]["session_id"]), (200, s1))
        self.assertEqual(w.send("DELETE", f"/api/admin/selection/pins/{ids[2]}", None, w.staff).status, 200)
        self.assertEqual(w.send("DELETE", f"/api/admin/selection/pins/{ids[2]}", None, w.staff).error["code"],
                         "selection.pin_not_found")

        # Publishing needs manage_sessions: a coordinator is refused.
        self.assertEqual(w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, self.coord).status, 404)
        self.assertEqual(w.srv.request("GET", "/api/selection/draws").json()["draws"], [])  # dry runs stay private
        r = w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, w.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["accepted"], r.json()["waitlisted"], r.json()["mails"]), (2, 2, 4))
        self.assertEqual(r.json()["run"]["status"], "published")
        self.check_published_draw(w, run, result)
        self.assertEqual(w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, w.staff).error["code"],
                         "selection.run_published")
        # The what-if capacity became the session's.
        cap = w.get(f"/api/admin/selection/sessions/{s1}/placements", w.staff).json()["capacity_teams"]
        self.assertEqual(cap, 2)

        # Each team is mailed its outcome, with its explanation; the waitlisted team that ranked s2 is told it stays.
        for i, kind in enumerate(["selection_accepted", "selection_accepted", "selection_waitlisted", "selection_waitlisted"]):
            self.assertEqual(w.kinds(kind, ids[i]), 1, kind)
        contact2 = w.teams[2][2]["contact"]["email"]
        mail = wait_for(lambda: [m for m in w.mails() if contact2 in m["to"] and "補欠" in m["subject"]], 15)[0]
        self.assertIn("1番目", mail["body"])
        self.assertIn("引き続き選定の対象", mail["body"])
        contact0 = w.teams[0][2]["contact"]["email"]
        wait_for(lambda: [m for m in w.mails() if contact0 in m["to"] and "受講決定" in m["subject"]], 15)

        # The management view shows the outcome.
        v0 = w.srv.manage("GET", tokens[0]).json()["selection"]
        self.assertEqual((v0["outcome"], v0["session"]["session_id"], v0["can_confirm"]), ("accepted", s1, True))
        v2 = w.srv.manage("GET", tokens[2]).json()["selection"]
        self.assertEqual(v2["outcome"], "waitlisted")
        self.assertEqual([(x["session_id"], x["position"]) for x in v2["waitlist"]], [(s1, 1)])
        self.assertEqual([x["session_id"] for x in v2["later_sessions"]], [w.s2["id"]])

        # Confirm (twice is once); a waitlisted team has nothing to confirm.
        r = w.srv.manage("POST", tokens[0], "/confirm")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["selection"]["confirmed_at"])
        self.assertEqual(w.srv.manage("POST", tokens[0], "/confirm").status, 200)
        self.assertEqual(w.srv.manage("POST", tokens[3], "/confirm").error["code"], "placement.not_offered")
        self.assertEqual(w.srv.manage("POST", "nope", "/confirm").status, 404)
        self.assertEqual(w.kinds("placement_confirmed", ids[0]), 1)

        # A decline promotes the next waitlisted team in the same transaction, and mails it.
        r = w.srv.manage("POST", tokens[1], "/decline")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["selection"]["outcome"], "declined")
        v2 = w.srv.manage("GET", tokens[2]).json()["selection"]
        self.assertEqual((v2["outcome"], v2["promoted"], v2["session"]["session_id"]), ("accepted", True, s1))
        self.assertEqual(w.kinds("selection_promoted", ids[2]), 1)
        self.assertEqual(w.accepted_in(s1), 2)
        wait_for(lambda: [m for m in w.mails() if contact2 in m["to"] and "繰り上げ" in m["subject"]], 15)

        # Staff release the unconfirmed place: the last waitlisted team gets it.
        self.assertEqual(w.send("POST", "/api/admin/selection/release", {"application_id": ids[0], "reason": "x"},
                                w.staff).error["code"], "placement.already_confirmed")
        self.assertEqual(w.send("POST", "/api/admin/selection/release", {"reason": "x"}, w.staff).error["code"],
                         "selection.release_target")
        r = w.send("POST", "/api/admin/selection/release", {"application_id": ids[2], "reason": "期限切れ"}, w.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["released"], r.json()["promoted"]), ([ids[2]], [ids[3]]))
        self.assertEqual(w.kinds("selection_released", ids[2]), 1)
        self.assertEqual(w.kinds("selection_promoted", ids[3]), 1)
        p = w.get(f"/api/admin/selection/sessions/{s1}/placements", w.staff).json()
        self.assertEqual((p["accepted_teams"], p["capacity_teams"]), (2, 2))
        self.assertEqual(w.get(f"/api/admin/selection/sessions/{s1}/placements", self.coord).status, 404)
        self.assertGreaterEqual(w.srv.count("audit_log", "entity = 'selection_run' AND action = 'change'"), 3)

        # Past its confirm-by date a place cannot be confirmed; staff release every overdue place of the session.
        w.a.advance(days=15)
        self.assertEqual(w.srv.manage("POST", tokens[3], "/confirm").error["code"], "placement.confirm_expired")
        staff = w.a.sign_in({"email": "staff@example.jp", "secret": w.staff_secret})
        r = w.send("POST", "/api/admin/selection/release", {"session_id": s1, "reason": "期限切れ"}, staff)
        self.assertEqual((r.status, r.json()["released"], r.json()["promoted"]), (200, [ids[3]], []))
        self.assertEqual(w.accepted_in(s1), 1)
        self.assertEqual(w.srv.manage("GET", tokens[3]).json()["selection"]["outcome"], "released")

    def check_published_draw(self, w, run, result):
        """A published run's lottery is public: its seed and the references in the order drawn, which the independent
        re-draw reproduces; no hospital, no name, no e-mail."""
        r = w.srv.request("GET", "/api/selection/draws")
        self.assertEqual(r.status, 200, r)
        draws = r.json()["draws"]
        self.assertEqual([d["run_id"] for d in draws], [run["id"]])
        d = draws[0]
        self.assertEqual((d["seed"], d["session_ids"], d["method"]), (run["seed"], [w.s1["id"]], REDRAW.METHOD))
        by_position = sorted(result["teams"], key=lambda t: t["lottery_position"])
        self.assertEqual(d["order"], [t["reference"] for t in by_position])
        self.assertEqual(len(d["order"]), 4)
        self.assertEqual(REDRAW.redraw(d["seed"], list(reversed(d["order"]))), d["order"])
        others = [REDRAW.redraw(int(d["seed"]) + k, d["order"]) for k in range(1, 10)]
        self.assertTrue(any(o != d["order"] for o in others))  # the seed decides it
        body = r.body.decode("utf-8")
        for _, _, application in w.teams:
            self.assertNotIn(application["hospital"]["name"], body)
            self.assertNotIn(application["contact"]["email"], body)
            self.assertNotIn(application["contact"]["name"], body)
        self.assertEqual(w.srv.request("GET", "/api/selection/draws?year=nope").error["code"], "program.year_not_found")
        self.assertEqual(w.srv.request("GET", "/api/selection/draws?x=1").error["code"], "request.unknown_field")


class LastPlaceRace(unittest.TestCase):
    """200 concurrent confirms and declines around the last place: exactly one winner, no 5xx, no double count."""

    @classmethod
    def setUpClass(cls):
        cls.w = SelectionWorld([1, 2, 3, 3, 3])

    @classmethod
    def tearDownClass(cls):
        cls.w.stop()

    def storm(self, calls):
        barrier = threading.Barrier(len(calls))
        statuses = []
        lock = threading.Lock()

        def run(token, action):
            barrier.wait()
            try:
                r = self.w.srv.request("POST", "/api/manage/application" + action,
                                       headers={"Authorization": f"Bearer {token}"}, timeout=60)
                status = r.status
            except Exception as e:  # a refused or reset connection counts as a failure
                status = repr(e)
            with lock:
                statuses.append(status)

        threads = [threading.Thread(target=run, args=c) for c in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        return statuses

    def test_one_winner(self):
        w = self.w
        s1 = w.s1["id"]
        ids = [t[0]["id"] for t in w.teams]
        tok = [t[1] for t in w.teams]
        r = w.dry_run(w.admin, [s1], overrides=[{"session_id": s1, "capacity_teams": 1, "capacity_people": 4}])
        self.assertEqual(r.status, 201, r)
        run = r.json()["run"]
        self.assertEqual(w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", None, w.admin).status, 200)
        self.assertEqual(w.accepted_in(s1), 1)
        self.assertEqual(w.srv.manage("GET", tok[0]).json()["selection"]["outcome"], "accepted")

        # Round 1: the holder declines (100 times) while the next two waitlisted teams try to confirm (50 each).
        calls = [(tok[0], "/decline")] * 100 + [(tok[1], "/confirm")] * 50 + [(tok[2], "/confirm")] * 50
        statuses = self.storm(calls)
        self.assertEqual(len(statuses), 200)
        self.assertTrue(all(isinstance(s, int) and s < 500 for s in statuses), sorted(set(map(str, statuses))))
        self.assertTrue(set(statuses) <= {200, 409}, set(statuses))
        self.assertEqual(w.accepted_in(s1), 1)
        self.assertEqual(w.srv.count("outbox", "kind = 'selection_promoted'"), 1)
        self.assertEqual(w.kinds("selection_promoted", ids[1]), 1)
        self.assertEqual(w.kinds("placement_declined", ids[0]), 1)
        self.assertEqual(w.srv.manage("GET", tok[2]).json()["selection"]["outcome"], "waitlisted")

        # Round 2: the promoted team and two waitlisted teams decline at once while others confirm.
        calls = ([(tok[1], "/decline")] * 70 + [(tok[2], "/decline")] * 30 + [(tok[3], "/confirm")] * 50 +
                 [(tok[4], "/confirm")] * 50)
        statuses = self.storm(calls)
        self.assertTrue(all(isinstance(s, int) and s < 500 for s in statuses), sorted(set(map(str, statuses))))
        self.assertEqual(w.accepted_in(s1), 1)
        holders = [i for i in range(5) if w.srv.manage("GET", tok[i]).json()["selection"]["outcome"] == "accepted"]
        self.assertEqual(len(holders), 1, holders)
        # The declining waitlisted team may have been promoted first and then declined its place: 2 or 3 promotions,
        # never one team twice, and one place held.
        with w.srv.db() as conn:
            per_team = conn.execute("SELECT related_id, COUNT(*) FROM outbox WHERE kind = 'selection_promoted' "
                                    "GROUP BY related_id").fetchall()
        self.assertIn(len(per_team), (2, 3))
        self.assertTrue(all(n == 1 for _, n in per_team), per_team)
        self.assertEqual(w.srv.count("placements", "promoted = 1 AND outcome = 'accepted'"), 1)
        self.assertEqual(w.srv.count("placements", "outcome = 'accepted'"), 1)
        self.assertTrue(w.srv.alive())


if __name__ == "__main__":
    unittest.main()
