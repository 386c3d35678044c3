"""The rest of selection against the real binary: the official lists of 救命救急センター and 特定機能病院 imported from
the Ministry's CSV (Shift_JIS or UTF-8; a bad file refused with its line and nothing imported), applications that
disagree with them flagged, counted by the dry run and blocking publication until reviewed with a reason; a change of
an accepted session's date or venue asks its teams to confirm again; a team asks to replace a member after acceptance
and staff approve (the team rules still hold) or refuse, with mails to the contact and the new member."""
import unittest

from kenshu_server import wait_for
from test_selection import SelectionWorld

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def publish(w, session_ids):
    r = w.dry_run(w.staff, session_ids)
    assert r.status == 201, r
    run = r.json()["run"]
    return run, w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, w.staff)


def import_list(w, kind, data, who=None, year=None):
    path = f"/api/admin/selection/hospital-lists/{kind}" + (f"?year={year}" if year else "")
    headers = dict(w.a.headers(who or w.staff), **{"Content-Type": "text/csv"})
    return w.srv.request("POST", path, data, headers=headers)


class HospitalListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # t0 declares an advanced critical-care centre and an advanced treatment hospital; t1 a regular centre;
        # t2 neither.
        cls.w = SelectionWorld([1, 2, 3])

    @classmethod
    def tearDownClass(cls):
        cls.w.stop()

    def test_lists_flags_review_and_publish(self):
        w = self.w
        s1 = w.s1["id"]
        names = [t[2]["hospital"]["name"] for t in w.teams]
        ids = [t[0]["id"] for t in w.teams]

        # Nothing imported: nothing flagged.
        r = w.get("/api/admin/selection/flags", w.staff)
        self.assertEqual((r.status, r.json()["unresolved"]), (200, 0), r)

        # The critical-care list as the Ministry publishes it: Shift_JIS, its own header, t0 written with a
        # corporation prefix and full-width digits. t1 (declares a regular centre) is not on it.
        sjis = ("都道府県,医療機関名,区分\r\n"
                f"東京都,医療法人社団　{names[0].translate(FULL_WIDTH)},高度救命救急センター\r\n"
                "大阪府,大阪急性期病院,救命救急センター\r\n").encode("cp932")
        r = import_list(w, "critical_care_center", sjis)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json()["entries"], r.json()["unresolved_flags"]), (2, 1))

        # The advanced treatment hospitals in UTF-8 with a BOM and English headers, the prefecture written short.
        utf8 = ("\ufeffname,prefecture\n" f"\"{names[0]}\",東京\n").encode("utf-8")
        r = import_list(w, "advanced_treatment_hospital", utf8)
        self.assertEqual(r.status, 201, r)

        # A bad file: its line is named and nothing of it is imported.
        bad = ("名称,都道府県\n" "A病院,東京都\n" "B病院,火星\n").encode("cp932")
        r = import_list(w, "advanced_treatment_hospital", bad)
        self.assertEqual((r.status, r.error["code"], r.error.get("field")), (400, "field.bad_prefecture", "lines[3].prefecture"), r)
        self.assertEqual(import_list(w, "advanced_treatment_hospital", b"\xff\xfe\xff").error["code"],
                         "hospital_list.bad_encoding")
        self.assertEqual(import_list(w, "critical_care_center", "名称,都道府県\nA病院,東京都\n").error["code"],
                         "hospital_list.missing_column")
        self.assertEqual(import_list(w, "hospitals", utf8).error["code"], "hospital_list.unknown_kind")
        for data, code, field in [
                ("名称,都道府県\nA病院,東京都\n\"B病院,東京都\n", "hospital_list.bad_csv", "lines[3]"),
                ("名称,都道府県\nA病院,東京都\nＡ病院,東京\n", "hospital_list.duplicate", "lines[3].name"),
                ("名称,都道府県\n", "hospital_list.empty", "file"),
                ("名称,都道府県\n,東京都\n", "field.required", "lines[2].name")]:
            r = import_list(w, "advanced_treatment_hospital", data.encode("cp932"))
            self.assertEqual((r.status, r.error["code"], r.error.get("field")), (400, code, field), data)
        self.assertEqual(import_list(w, "advanced_treatment_hospital", utf8, who=w.staff, year="1999").error["code"],
                         "program.year_not_found")
        self.assertEqual(w.srv.request("POST", "/api/admin/selection/hospital-lists/critical_care_center", sjis).status, 401)
        lists = {l["kind"]: l["entries"] for l in w.get("/api/admin/selection/hospital-lists", w.staff).json()["lists"]}
        self.assertEqual(lists, {"critical_care_center": 2, "advanced_treatment_hospital": 1})
        self.assertEqual(w.srv.count("hospital_list_entries"), 3)

        # t1 is flagged: it declares a regular centre and is on no list.
        flags = w.get("/api/admin/selection/flags", w.staff).json()
        self.assertEqual(flags["unresolved"], 1)
        self.assertEqual([(f["application_id"], f["reason"], f["reviewed"]) for f in flags["flags"]],
                         [(ids[1], "hospital_unmatched", False)])

        # The dry run counts it, and publishing waits for a review.
        run, r = publish(w, [s1])
        self.assertEqual(run["result"]["unresolved_flags"], 1)
        self.assertEqual(r.error["code"], "selection.flags_unresolved")
        self.assertEqual(w.srv.count("placements"), 0)

        review = f"/api/admin/selection/flags/{ids[1]}/review"
        self.assertEqual(w.send("POST", review, {"reason": " "}, w.staff).error["code"], "field.required")
        self.assertEqual(w.send("POST", f"/api/admin/selection/flags/{ids[2]}/review", {"reason": "x"}, w.staff).error["code"],
                         "selection.flag_not_found")
        r = w.send("POST", review, {"reason": "指定通知で救命救急センターと確認"}, w.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json()["unresolved"], r.json()["flags"][0]["review"]["reason"]), (0, "指定通知で救命救急センターと確認"))
        self.assertEqual(w.srv.count("audit_log", "entity = 'selection_flag'"), 1)
        self.assertGreaterEqual(w.srv.count("audit_log", "entity = 'hospital_list'"), 2)

        # The run's input did not change: the same run is published now.
        r = w.send("POST", f"/api/admin/selection/runs/{run['id']}/publish", {}, w.staff)
        self.assertEqual(r.status, 200, r)


class SessionChangeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = SelectionWorld([1, 1, 2])

    @classmethod
    def tearDownClass(cls):
        cls.w.stop()

    def placement(self, application_id):
        return self.w.srv.db().execute("SELECT outcome, confirmed_at, confirm_by FROM placements WHERE application_id = ?",
                                       (application_id,)).fetchone()

    def test_a_changed_date_or_venue_asks_accepted_teams_to_confirm_again(self):
        w = self.w
        s1 = w.s1["id"]
        ids = [t[0]["id"] for t in w.teams]
        tokens = [t[1] for t in w.teams]
        contacts = [t[2]["contact"]["email"] for t in w.teams]
        r = w.send("PATCH", f"/api/admin/sessions/{s1}", {"capacity_teams": 2}, w.staff)
        self.assertEqual(r.status, 200, r)
        run, r = publish(w, [s1])
        self.assertEqual((r.status, r.json()["accepted"]), (200, 2), r)
        self.assertEqual(w.srv.manage("POST", tokens[0], "/confirm").status, 200)
        self.assertTrue(self.placement(ids[0])[1])
        before = self.placement(ids[1])[2]

        # A capacity change is not a change of date or venue: nothing to confirm again.
        self.assertEqual(w.send("PATCH", f"/api/admin/sessions/{s1}", {"capacity_people": 40}, w.staff).status, 200)
        self.assertTrue(self.placement(ids[0])[1])

        w.a.advance(minutes=10)
        r = w.send("PATCH", f"/api/admin/sessions/{s1}", {"venue": {"ja": "新会場ホール", "en": "New Hall"}}, w.staff)
        self.assertEqual(r.status, 200, r)
        for i in (0, 1):
            outcome, confirmed_at, confirm_by = self.placement(ids[i])
            self.assertEqual((outcome, confirmed_at), ("accepted", None))
            self.assertGreater(confirm_by, before)
        # The waitlisted team is told of the change but has nothing to confirm.
        self.assertEqual(self.placement(ids[2])[0], "waitlisted")
        self.assertEqual(w.srv.count("application_events", "event = 'placement_reconfirm_requested'"), 2)

        mails = wait_for(lambda: len(found := [m for m in w.mails() if "新会場ホール" in m["body"]]) >= 3 and found, 15)
        by_to = {c: [m for m in mails if c in m["to"]][0] for c in contacts}
        self.assertIn("改めて「受講確定」", by_to[contacts[0]]["body"])
        self.assertIn("改めて「受講確定」", by_to[contacts[1]]["body"])
        self.assertNotIn("改めて「受講確定」", by_to[contacts[2]]["body"])

        # The management view offers confirming again; confirming works as before.
        v = w.srv.manage("GET", tokens[0]).json()["selection"]
        self.assertEqual((v["outcome"], v["confirmed_at"], v["can_confirm"]), ("accepted", None, True))
        r = w.srv.manage("POST", tokens[0], "/confirm")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["selection"]["confirmed_at"])


class MemberReplacementTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = SelectionWorld([1, 2])

    @classmethod
    def tearDownClass(cls):
        cls.w.stop()

    def ask(self, token, body):
        return self.w.srv.manage("POST", token, "/member-replacements", body)

    def test_replace_a_member_after_acceptance(self):
        w = self.w
        s1 = w.s1["id"]
        ids = [t[0]["id"] for t in w.teams]
        tokens = [t[1] for t in w.teams]
        view = w.srv.manage("GET", tokens[0]).json()
        members = view["members"] if "members" in view else view["application"]["members"]
        doctor = next(m for m in members if m["profession"] == "doctor")
        nurse = next(m for m in members if m["profession"] == "nurse")
        new_doctor = {"name": "交代 医師", "name_kana": "こうたい いし", "profession": "doctor", "department": "救急科",
                      "years_of_experience": 8, "email": "new-doctor@example.jp"}

        # Not before acceptance.
        self.assertEqual(self.ask(tokens[0], {"member_id": doctor["id"], "member": new_doctor}).error["code"],
                         "replacement.not_accepted")
        w.send("PATCH", f"/api/admin/sessions/{s1}", {"capacity_teams": 1}, w.staff)
        run, r = publish(w, [s1])
        self.assertEqual((r.status, r.json()["accepted"]), (200, 1), r)

        # The waitlisted team may not; the accepted one may, within the team rules.
        self.assertEqual(self.ask(tokens[1], {"member_id": doctor["id"], "member": new_doctor}).error["code"],
                         "replacement.not_accepted")
        self.assertEqual(self.ask(tokens[0], {"member_id": "nope", "member": new_doctor}).error["code"],
                         "replacement.member_not_found")
        nurse_for_doctor = dict(new_doctor, profession="nurse")
        self.assertEqual(self.ask(tokens[0], {"member_id": doctor["id"], "member": nurse_for_doctor}).error["code"],
                         "team.no_doctor")
        same_email = dict(new_doctor, email=nurse["email"].upper())
        self.assertEqual(self.ask(tokens[0], {"member_id": doctor["id"], "member": same_email}).error["code"],
                         "team.duplicate_email")
        bad = self.ask(tokens[0], {"member_id": doctor["id"], "member": dict(new_doctor, name_kana="Kotai")})
        self.assertEqual((bad.status, bad.error["code"]), (400, "field.not_katakana"))
        self.assertEqual(w.srv.manage("POST", "nope", "/member-replacements", {"member_id": doctor["id"], "member": new_doctor}).status, 404)

        r = self.ask(tokens[0], {"member_id": doctor["id"], "member": new_doctor})
        self.assertEqual(r.status, 201, r)
        rep = r.json()["replacement"]
        self.assertEqual((rep["status"], rep["new_member"]["name_kana"]), ("pending", "コウタイ イシ"))
        self.assertEqual(self.ask(tokens[0], {"member_id": doctor["id"], "member": new_doctor}).error["code"],
                         "replacement.pending")
        listed = w.srv.manage("GET", tokens[0], "/member-replacements").json()["replacements"]
        self.assertEqual([x["id"] for x in listed], [rep["id"]])

        # Staff: a refusal needs a reason; approving replaces the member and mails the contact and the new member.
        base = f"/api/admin/applications/{ids[0]}/member-replacements"
        self.assertEqual(w.get(base, w.staff).json()["replacements"][0]["id"], rep["id"])
        self.assertEqual(w.send("POST", f"{base}/{rep['id']}/refuse", {}, w.staff).error["code"], "field.required")
        self.assertEqual(w.send("POST", f"{base}/nope/approve", {}, w.staff).error["code"], "replacement.not_found")
        self.assertEqual(w.send("POST", f"/api/admin/applications/{ids[1]}/member-replacements/{rep['id']}/approve", {},
                                w.staff).error["code"], "replacement.not_found")
        self.assertEqual(w.srv.post(f"{base}/{rep['id']}/approve", {}).status, 401)
        r = w.send("POST", f"{base}/{rep['id']}/approve", {"reason": "所属長の承認あり"}, w.staff)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["replacement"]["status"], "approved")
        self.assertEqual(w.send("POST", f"{base}/{rep['id']}/refuse", {"reason": "x"}, w.staff).error["code"],
                         "replacement.decided")
        after = w.srv.manage("GET", tokens[0]).json()
        emails = [m["email"] for m in (after["members"] if "members" in after else after["application"]["members"])]
        self.assertIn("new-doctor@example.jp", emails)
        self.assertNotIn(doctor["email"], emails)
        self.assertEqual(len(emails), 4)
        self.assertEqual(w.srv.count("audit_log", "entity = 'member_replacement'"), 1)
        contact = w.teams[0][2]["contact"]["email"]
        wait_for(lambda: [m for m in w.mails() if "new-doctor@example.jp" in m["to"]], 15)
        mail = wait_for(lambda: [m for m in w.mails() if contact in m["to"] and "交代を承認" in m["subject"]], 15)[0]
        self.assertIn("交代 医師", mail["body"])

        # A refusal, with its reason, leaves the team as it was.
        r = self.ask(tokens[0], {"member_id": nurse["id"], "member": dict(new_doctor, profession="nurse", email="n3@example.jp")})
        self.assertEqual(r.status, 201, r)
        rid = r.json()["replacement"]["id"]
        r = w.send("POST", f"{base}/{rid}/refuse", {"reason": "研修経験の要件を満たしません"}, w.staff)
        self.assertEqual((r.status, r.json()["replacement"]["status"]), (200, "refused"))
        again = w.srv.manage("GET", tokens[0]).json()
        emails = [m["email"] for m in (again["members"] if "members" in again else again["application"]["members"])]
        self.assertIn(nurse["email"], emails)
        wait_for(lambda: [m for m in w.mails() if contact in m["to"] and "研修経験の要件" in m["body"]], 15)

        # A person's export shows the replacement naming them, and erasing the person removes it.
        privacy = lambda path, body: w.srv.request("POST", path, body, headers=w.a.headers(w.admin))
        r = privacy("/api/admin/privacy/export", {"email": "New-Doctor@example.jp"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual([x["id"] for x in r.json()["member_replacements"]], [rep["id"]])
        r = privacy("/api/admin/privacy/erase", {"email": "new-doctor@example.jp", "confirm": True})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(w.srv.count("member_replacements", "id = ?", (rep["id"],)), 0)
        self.assertEqual(w.srv.count("member_replacements", "id = ?", (rid,)), 1)


if __name__ == "__main__":
    unittest.main()
