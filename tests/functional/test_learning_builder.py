"""The back office's questionnaire builder and the copy of a year's lecture files, against the real binary: the
definition read and written as JSON (stored as TOML the portal reads), every authoring problem by path with nothing
saved, answered items protected once responses exist, the audit entry; lecture files copied with new ids."""
import copy
import os
import unittest

from kenshu_server import open_session_ids, valid_application
from test_auth import AuthServer, Assertions

PDF = b"%PDF-1.4\n% lecture slides\n%%EOF\n"


class QuestionnaireBuilderTest(Assertions, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = AuthServer()
        cls.admin = cls.s.sign_in(cls.s.create("builder-admin@example.jp", "admin"))
        cls.ministry = cls.s.sign_in(cls.s.create("builder-moh@example.jp", "ministry"))
        program = cls.s.server.program()
        cls.year = program["year"]["key"]
        application = valid_application([open_session_ids(program)[0]])
        assert cls.s.server.apply(application).status == 201
        cls.member_email = application["members"][0]["email"]
        cls.member = None

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()

    # ---- helpers ----

    def url(self, year=None):
        return f"/api/admin/learning/{year or self.year}/questionnaire"

    def get_builder(self, year=None):
        r = self.s.get(self.url(year), self.admin)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def put(self, definition, who=None, year=None):
        return self.s.server.request("PUT", self.url(year), definition, headers=self.s.headers(who or self.admin))

    def stored(self, year_key=None):
        with self.s.server.db() as db:
            row = db.execute("SELECT q.definition_toml, q.updated_at FROM questionnaires q JOIN program_years y "
                             "ON y.id = q.program_year_id WHERE y.key = ?", (year_key or self.year,)).fetchone()
        return row

    def person(self):
        if type(self).member is None:
            type(self).member = self.s.sign_in_person(self.member_email)
        return type(self).member

    def portal_form(self, phase):
        r = self.s.get(f"/api/portal/questionnaires/{phase}", self.person())
        self.assertEqual(r.status, 200, r)
        return r.json()

    @staticmethod
    def item_ids(form):
        return [it["id"] for sec in form["sections"] for it in sec["items"]]

    # ---- tests, in order ----

    def test_1_read_as_json_only_with_the_set_up_capability(self):
        b = self.get_builder()
        d = b["definition"]
        self.assertEqual(d["title"], "ECMO・人工呼吸器管理研修 受講前後アンケート")
        self.assertEqual(d["forms"]["pre"]["title"], "受講前アンケート")
        self.assertEqual([s["id"] for s in d["scales"]], ["confidence", "satisfaction", "usefulness"])
        self.assertTrue(all(len(s["labels"]) == 5 for s in d["scales"]))
        self.assertEqual([s["id"] for s in d["sections"]], ["about", "confidence", "knowledge", "course"])
        conf = d["sections"][1]
        self.assertEqual(conf["forms"], ["pre", "post"])
        self.assertEqual(conf["items"][0]["scale"], "confidence")
        self.assertTrue(conf["items"][0]["paired"])
        know = d["sections"][2]["items"][0]
        self.assertEqual((know["kind"], know["correct"], len(know["options"])), ("single_choice", 1, 4))
        self.assertEqual(b["responses"], {"pre": 0, "post": 0})
        self.assertError(self.s.get(self.url(), self.ministry), 404, "request.not_found")
        self.assertError(self.s.get(self.url(), self.person()), 404, "request.not_found")
        self.assertError(self.s.get(self.url()), 401, "auth.required")
        self.assertError(self.put(d, self.ministry), 404, "request.not_found")

    def test_2_saving_it_unchanged_keeps_the_forms_the_portal_shows(self):
        before = {phase: self.portal_form(phase) for phase in ("pre", "post")}
        d = self.get_builder()["definition"]
        r = self.put(d)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["definition"], d)
        self.assertIn("questionnaire builder", self.stored()[0])  # now the builder's TOML
        for phase in ("pre", "post"):
            self.assertEqual(self.portal_form(phase)["sections"], before[phase]["sections"], phase)
        with self.s.server.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM audit_log WHERE entity = 'questionnaire'")
                             .fetchone()[0], 1)

    def test_3_a_new_paired_likert_item_reaches_both_forms(self):
        d = self.get_builder()["definition"]
        d["title_en"] = "Pre/post questionnaire (edited)"
        d["sections"][1]["items"].insert(0, {"id": "conf_prone", "kind": "likert", "scale": "confidence",
                                             "text": "腹臥位療法の適応と手順を説明できる", "text_en": "It's \"prone\" \\ ''' position",
                                             "required": True, "paired": True})
        r = self.put(d)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["definition"]["title_en"], "Pre/post questionnaire (edited)")
        again = self.get_builder()["definition"]
        self.assertEqual(again, r.json()["definition"])
        self.assertEqual(again["sections"][1]["items"][0]["text_en"], d["sections"][1]["items"][0]["text_en"],
                         "quotes and backslashes survive the stored TOML")
        for phase in ("pre", "post"):
            form = self.portal_form(phase)
            item = form["sections"][1]["items"][0] if phase == "pre" else form["sections"][0]["items"][0]
            self.assertEqual((item["id"], item["kind"], item["scale_max"], len(item["labels"])),
                             ("conf_prone", "likert", 5, 5), phase)
        results = self.s.get(f"/api/admin/learning/{self.year}/results", self.admin)
        self.assertEqual(results.status, 200, results)

    def test_4_every_authoring_problem_by_path_and_nothing_saved(self):
        good = self.get_builder()["definition"]
        stored = self.stored()
        d = copy.deepcopy(good)
        d["title"] = ""
        d["forms"]["post"]["title"] = ""
        d["scales"].append({"id": "confidence", "labels": ["1", "2"]})
        d["scales"].append({"id": "bad scale", "labels": ["1", "2", "3", "4", "5"]})
        about = d["sections"][0]["items"]
        about[0]["min"], about[0]["max"] = 10, 1                     # years_of_experience
        about[1]["paired"] = True                                    # numeric, pre only
        about[2]["options"] = ["ひとつだけ"]                           # prior_training
        about[2]["options_en"] = ["one", "two"]
        about[2]["correct"] = 5
        about[3]["max_length"] = 0                                   # expectations
        about[3]["paired"] = True
        conf = d["sections"][1]["items"]
        conf[1]["scale"] = "nope"
        conf[2]["id"] = conf[3]["id"]
        conf[4]["id"] = ""
        conf[5]["text"] = " "
        d["sections"][2]["id"] = "about"
        d["sections"].append({"id": "", "title": "空", "forms": ["pre"], "items": []})
        d["sections"][3]["forms"] = ["pre"]                          # the post form loses its last section …
        for s in d["sections"][1:3]:
            s["forms"] = ["pre"]                                     # … and every paired item its partner
        r = self.put(d)
        self.assertEqual(r.status, 400, r)
        got = {(x["code"], x["field"]) for x in r.error["details"]}
        expected = {
            ("field.required", "title"),
            ("field.required", "forms.post.title"),
            ("questionnaire.duplicate_scale", "scales[3].id"),
            ("questionnaire.bad_scale", "scales[3].labels"),
            ("questionnaire.bad_id", "scales[4].id"),
            ("questionnaire.bad_range", "sections[0].items[0].min"),
            ("questionnaire.unpaired_item", "sections[0].items[1].paired"),
            ("questionnaire.too_few_options", "sections[0].items[2].options"),
            ("questionnaire.bad_options", "sections[0].items[2].options"),
            ("questionnaire.bad_correct_option", "sections[0].items[2].correct"),
            ("questionnaire.bad_range", "sections[0].items[3].max_length"),
            ("questionnaire.unpairable", "sections[0].items[3].paired"),
            ("questionnaire.unknown_scale", "sections[1].items[1].scale"),
            ("questionnaire.duplicate_item", "sections[1].items[3].id"),
            ("questionnaire.empty_id", "sections[1].items[4].id"),
            ("questionnaire.empty_text", "sections[1].items[5].text"),
            ("questionnaire.duplicate_section", "sections[2].id"),
            ("questionnaire.empty_id", "sections[4].id"),
            ("questionnaire.empty_section", "sections[4].items"),
            ("questionnaire.empty_form", "forms.post"),
        }
        self.assertTrue(expected <= got, sorted(expected - got))
        self.assertIn(("questionnaire.unpaired_item", "sections[1].items[0].paired"), got)
        self.assertTrue(all(x["message"] for x in r.error["details"]))
        self.assertEqual(self.stored(), stored, "a rejected definition changed nothing")
        # The shape itself: wrong types and kinds, unknown fields.
        bad = copy.deepcopy(good)
        bad["sections"][0]["items"][0]["required"] = "yes"
        bad["sections"][0]["items"][1]["kind"] = "essay"
        bad["sections"][0]["colour"] = "red"
        r = self.put(bad)
        self.assertError(r, 400, "request.wrong_type", "sections[0].items[0].required")
        self.assertEqual({(x["code"], x["field"]) for x in r.error["details"]},
                         {("request.wrong_type", "sections[0].items[0].required"),
                          ("field.bad_enum", "sections[0].items[1].kind"),
                          ("request.unknown_field", "sections[0].colour")})
        self.assertEqual(self.stored(), stored)

    def test_5_answers_keep_their_items(self):
        form = self.portal_form("pre")
        answers = {}
        for sec in form["sections"]:
            for it in sec["items"]:
                answers[it["id"]] = ({"scale": 3} if it["kind"] == "likert" else
                                     {"choices": [0]} if it["kind"] in ("single_choice", "multiple_choice") else
                                     {"number": 1} if it["kind"] == "numeric" else None)
        answers = {k: v for k, v in answers.items() if v}
        r = self.s.post("/api/portal/questionnaires/pre", {"answers": answers}, self.person())
        self.assertEqual(r.status, 200, r)
        b = self.get_builder()
        self.assertEqual(b["responses"]["pre"], 1)
        self.assertIn("conf_prone", b["answered"]["pre"])
        self.assertNotIn("expectations", b["answered"]["pre"])  # free text left blank
        good = b["definition"]
        stored = self.stored()

        removed = copy.deepcopy(good)
        del removed["sections"][1]["items"][0]  # conf_prone, answered
        self.assertError(self.put(removed), 409, "questionnaire.answered_item_removed", "items[conf_prone]")
        moved = copy.deepcopy(good)
        moved["sections"][0]["items"][0]["forms"] = ["post"]
        self.assertError(self.put(moved), 409, "questionnaire.answered_item_removed", "sections[0].items[0].forms")
        for path, value, field in (("kind", "numeric", "kind"), ("paired", False, "paired"),
                                   ("scale", "satisfaction", "scale")):
            changed = copy.deepcopy(good)
            changed["sections"][1]["items"][0][path] = value
            self.assertError(self.put(changed), 409, "questionnaire.answered_item_changed",
                             f"sections[1].items[0].{field}")
        more = copy.deepcopy(good)
        more["sections"][2]["items"][0]["options"].append("わからない")
        more["sections"][2]["items"][0]["options_en"].append("Not sure")
        self.assertError(self.put(more), 409, "questionnaire.answered_item_changed", "sections[2].items[0].options")
        self.assertEqual(self.stored(), stored)

        # Wording, an unanswered item's removal and new items are fine.
        edited = copy.deepcopy(good)
        edited["sections"][1]["items"][0]["text"] = "腹臥位療法の適応と手順を説明できる (改)"
        edited["sections"][2]["items"][0]["options"][0] = "4 mL/kg より少ない"
        edited["sections"][0]["items"] = [i for i in edited["sections"][0]["items"] if i["id"] != "expectations"]
        edited["sections"][3]["items"].append({"id": "recommend", "kind": "single_choice", "text": "同僚に勧めたい",
                                               "options": ["はい", "いいえ"], "forms": ["post"]})
        r = self.put(edited)
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("expectations", self.item_ids(self.portal_form("pre")))
        self.assertIn("recommend", self.item_ids(self.portal_form("post")))

    def test_6_a_year_without_a_questionnaire_gets_one(self):
        body = {"key": "2093", "fiscal_year": 2093, "label": {"ja": "2093年度", "en": "FY2093"},
                "reference_prefix": "Q93"}
        r = self.s.post(f"/api/admin/years/{self.year}/copy", body, self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(self.get_builder("2093")["definition"])
        d = self.get_builder()["definition"]
        r = self.put(d, year="2093")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.get_builder("2093")["definition"], d)
        self.assertIn("2093-prepost", self.stored("2093")[0])
        self.assertError(self.put(d, year="1999"), 404, "program.year_not_found")


class LectureFilesCopyTest(Assertions, unittest.TestCase):
    """A year copying another's lectures gets their files too: new rows, new ids, the same bytes on disk."""

    @classmethod
    def setUpClass(cls):
        cls.s = AuthServer()
        cls.admin = cls.s.sign_in(cls.s.create("files-admin@example.jp", "admin"))
        cls.year = cls.s.server.program()["year"]["key"]

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()

    def test_files_are_copied_with_the_lectures(self):
        lectures = self.s.get(f"/api/admin/learning/{self.year}/lectures", self.admin).json()["lectures"]
        first = lectures[0]["id"]
        headers = dict(self.s.headers(self.admin), **{"Content-Type": "application/pdf"})
        r = self.s.server.request("POST", f"/api/admin/learning/lectures/{first}/attachments?name=slides.pdf", PDF,
                                  headers=headers)
        self.assertEqual(r.status, 201, r)
        original = r.json()["id"]
        body = {"key": "2094", "fiscal_year": 2094, "label": {"ja": "2094年度", "en": "FY2094"},
                "reference_prefix": "F94"}
        self.assertEqual(self.s.post(f"/api/admin/years/{self.year}/copy", body, self.admin).status, 201)
        r = self.s.post(f"/api/admin/learning/2094/copy-from/{self.year}", {}, self.admin)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["attachments"], 1)
        with self.s.server.db() as db:
            rows = db.execute("SELECT a.id, a.file_name, a.sha256, l.slug FROM lecture_attachments a JOIN lectures l "
                              "ON l.id = a.lecture_id JOIN program_years y ON y.id = l.program_year_id "
                              "WHERE y.key = '2094'").fetchall()
            slug = db.execute("SELECT slug FROM lectures WHERE id = ?", (first,)).fetchone()[0]
            self.assertEqual(db.execute("SELECT COUNT(*) FROM lecture_attachments WHERE id = ?", (original,))
                             .fetchone()[0], 1, "the original stays")
        self.assertEqual(len(rows), 1)
        copied, name, _sha, copied_slug = rows[0]
        self.assertNotEqual(copied, original)
        self.assertEqual((name, copied_slug), ("slides.pdf", slug))
        got = self.s.get(f"/api/portal/attachments/{copied}", self.admin)
        self.assertEqual((got.status, got.body), (200, PDF))
        files = [f for _, _, fs in os.walk(self.s.server.dir) for f in fs]
        self.assertIn(copied, files)
        self.assertIn(original, files)


if __name__ == "__main__":
    unittest.main()
