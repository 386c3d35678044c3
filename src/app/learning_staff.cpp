// Staff views of pre-learning: progress per participant (export), paired pre/post results with the Wilcoxon
// signed-rank test by profession and session (the Ministry role: groups under 5 withheld, no free text, no rows
// about a person), minimal authoring (lectures, GIFT import), and the daily reminders.
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "domain/suppression.hpp"
#include "domain/wilcoxon.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

namespace {

store::ProgramYearRow year_of(soci::session& s, const std::string& key) {
  auto y = store::find_year(s, key);
  if (!y) throw ApiError("program.year_not_found");
  return *y;
}

domain::FormResponse response_from(const std::string& text) {
  domain::FormResponse r;
  const json::value v = json::parse(text);
  for (const auto& [k, a] : v.as_object()) {
    domain::ItemAnswer ia;
    const auto& o = a.as_object();
    if (auto* x = o.if_contains("scale")) ia.scale = static_cast<int>(x->to_number<std::int64_t>());
    if (auto* x = o.if_contains("choices"))
      for (const auto& c : x->as_array()) ia.choices.push_back(static_cast<std::size_t>(c.to_number<std::int64_t>()));
    if (auto* x = o.if_contains("number")) ia.number = x->to_number<double>();
    if (auto* x = o.if_contains("text")) ia.text = std::string(x->as_string());
    r.emplace(std::string(k), std::move(ia));
  }
  return r;
}

json::value num_or_null(std::optional<double> v) { return v ? json::value(*v) : json::value(nullptr); }

// One group's paired comparison; withheld (null figures) for the Ministry when fewer than 5 pairs.
json::object paired_stats(const std::vector<double>& before, const std::vector<double>& after, bool suppress) {
  json::object o{{"n_pairs", before.size()}};
  if (suppress && domain::is_suppressed(before.size())) {
    o["n_pairs"] = nullptr;
    o["suppressed"] = true;
    return o;
  }
  o["suppressed"] = false;
  if (before.empty()) return o;
  const auto w = domain::wilcoxon_signed_rank(before, after);
  o["mean_before"] = w.mean_before;
  o["mean_after"] = w.mean_after;
  o["median_before"] = w.median_before;
  o["median_after"] = w.median_after;
  o["mean_difference"] = w.mean_difference;
  o["n_zero"] = w.n_zero;
  o["w_plus"] = w.w_plus;
  o["w_minus"] = w.w_minus;
  o["statistic"] = w.statistic;
  o["exact"] = w.exact;
  o["z"] = num_or_null(w.z);
  o["p_value"] = num_or_null(w.p_value);
  o["r"] = num_or_null(w.r);
  return o;
}

using ResponseMap = std::map<std::string, domain::FormResponse, std::less<>>;

// Answers per Likert point (keys scale_min..scale_max) or per option (keys the option indices, 0-based, as in the
// answers) among the paired participants; nullopt for kinds without one (numeric, free text).
std::optional<std::vector<std::size_t>> answer_counts(const domain::QuestionnaireItem& it,
                                                      const std::vector<std::string>& who, const ResponseMap& rs) {
  using domain::ItemKind;
  std::size_t n = 0;
  if (it.kind == ItemKind::likert) n = static_cast<std::size_t>(std::max(0, it.scale_max - it.scale_min + 1));
  else if (it.kind == ItemKind::single_choice || it.kind == ItemKind::multiple_choice) n = it.options.size();
  else return std::nullopt;
  std::vector<std::size_t> cells(n, 0);
  for (const auto& m : who) {
    const auto r = rs.find(m);
    if (r == rs.end()) continue;
    const auto a = r->second.find(it.id);
    if (a == r->second.end()) continue;
    if (it.kind == ItemKind::likert) {
      if (a->second.scale && *a->second.scale >= it.scale_min && *a->second.scale <= it.scale_max)
        ++cells[static_cast<std::size_t>(*a->second.scale - it.scale_min)];
    } else {
      for (const auto c : a->second.choices)
        if (c < n) ++cells[c];
    }
  }
  return cells;
}

// The counts keyed by point/option; for the Ministry passed through domain::suppress_counts (withheld cells null).
json::value distribution_json(const domain::QuestionnaireItem& it, const std::vector<std::size_t>& cells,
                              std::size_t people, bool suppress) {
  const int first = it.kind == domain::ItemKind::likert ? it.scale_min : 0;
  json::object o;
  if (suppress) {
    const auto sc = domain::suppress_counts(people, cells, it.kind != domain::ItemKind::multiple_choice);
    for (std::size_t i = 0; i < cells.size(); ++i)
      o[std::to_string(first + static_cast<int>(i))] = sc.cells[i] ? json::value(*sc.cells[i]) : json::value(nullptr);
  } else {
    for (std::size_t i = 0; i < cells.size(); ++i) o[std::to_string(first + static_cast<int>(i))] = cells[i];
  }
  return o;
}

struct Responses {
  std::map<std::string, domain::FormResponse, std::less<>> pre, post;
  std::map<std::string, std::string> profession, session;  // by member
};

std::string participants_line(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += "・" + n + "\n";
  return out;
}

}  // namespace

// ---- progress ----

json::value progress(App& app, const Principal& p, const std::string& year_key, const std::string& session_id) {
  const auto scope = require(p, Capability::review_applications);
  (void)scope;
  // A write transaction: the read of personal data is recorded in the audit log with it.
  return app.db.write([&](soci::session& s) -> json::value {
    const auto y = year_of(s, year_key);
    const YearContent c = year_content(s, y.id);
    json::array rows;
    for (const auto& m : store::participants_of_year(s, y.id)) {
      if (!session_id.empty() && m.session_id != session_id) continue;
      if (p.role != domain::Role::admin && p.role != domain::Role::staff &&
          std::find(p.session_ids.begin(), p.session_ids.end(), m.session_id) == p.session_ids.end())
        continue;
      const auto st = status_of(s, m, c);
      rows.push_back({{"member_id", m.member_id}, {"reference", m.reference}, {"hospital", m.hospital},
                      {"session_id", m.session_id}, {"name", m.name}, {"profession", m.profession},
                      {"lectures_required", st.lectures_required}, {"lectures_studied", st.lectures_studied},
                      {"quizzes", st.quizzes}, {"quizzes_passed", st.quizzes_passed}, {"pre_done", st.pre_done},
                      {"post_done", st.post_done}, {"ready", st.ready()}});
    }
    audit_read(app, s, Actor::of(p), "learning_progress", y.id);
    return json::object{{"year", y.key}, {"participants", rows}};
  });
}

docs::Table progress_table(App& app, const Principal& p, const std::string& year_key, const std::string& session_id,
                           Lang lang) {
  require(p, Capability::export_data);
  const json::value v = progress(app, p, year_key, session_id);
  const bool ja = lang == Lang::ja;
  docs::Table t{ja ? "事前学習" : "Pre-learning",
                ja ? std::vector<std::string>{"受付番号", "病院", "開催回ID", "氏名", "職種", "講義(受講/必須)",
                                              "確認テスト(合格/全)", "事前アンケート", "事後アンケート", "準備完了"}
                   : std::vector<std::string>{"Reference", "Hospital", "Session id", "Name", "Profession",
                                              "Lectures studied/required", "Tests passed/all", "Pre form",
                                              "Post form", "Ready"},
                {}};
  auto yes = [&](bool b) { return std::string(b ? (ja ? "済" : "yes") : (ja ? "未" : "no")); };
  for (const auto& r : v.at("participants").as_array()) {
    const auto& o = r.as_object();
    auto i = [&](const char* k) { return std::to_string(o.at(k).as_int64()); };
    t.rows.push_back({std::string(o.at("reference").as_string()), std::string(o.at("hospital").as_string()),
                      std::string(o.at("session_id").as_string()), std::string(o.at("name").as_string()),
                      std::string(o.at("profession").as_string()), i("lectures_studied") + "/" + i("lectures_required"),
                      i("quizzes_passed") + "/" + i("quizzes"), yes(o.at("pre_done").as_bool()),
                      yes(o.at("post_done").as_bool()), yes(o.at("ready").as_bool())});
  }
  return t;
}

// ---- results ----

json::value learning_results(App& app, const Principal& p, const std::string& year_key) {
  const bool staff_view = p.is_staff() && (p.role == domain::Role::admin || p.role == domain::Role::staff);
  if (!staff_view) require(p, Capability::view_aggregates);
  const bool suppress = !staff_view;
  return app.db.write([&](soci::session& s) -> json::value {
    const auto y = year_of(s, year_key);
    const auto q = store::questionnaire_of_year(s, y.id);
    if (!q) throw ApiError("request.not_found");
    const QuestionnaireDef def = parse_questionnaire(q->definition_toml);
    Responses rs;
    for (const auto& r : store::responses_of(s, q->id)) {
      (r.phase == "pre" ? rs.pre : rs.post).emplace(r.member_id, response_from(r.answers_json));
      rs.profession[r.member_id] = r.profession;
      if (r.phase == "pre" || !rs.session.count(r.member_id)) rs.session[r.member_id] = r.session_id;
    }
    const auto participants = store::participants_of_year(s, y.id);
    const std::size_t invited = participants.size();

    // Groups: everyone, then by profession, then by session.
    std::vector<std::pair<std::string, std::function<bool(const std::string&)>>> groups;
    groups.push_back({"all", [](const std::string&) { return true; }});
    for (const char* prof : {"doctor", "nurse", "clinical_engineer", "other"})
      groups.push_back({std::string("profession:") + prof,
                        [&rs, prof](const std::string& m) { return rs.profession[m] == prof; }});
    std::set<std::string> sessions;
    for (const auto& [m, se] : rs.session) sessions.insert(se);
    for (const auto& se : sessions)
      groups.push_back({"session:" + se, [&rs, se](const std::string& m) { return rs.session[m] == se; }});

    auto filtered = [&](const std::map<std::string, domain::FormResponse, std::less<>>& all,
                        const std::function<bool(const std::string&)>& in) {
      std::map<std::string, domain::FormResponse, std::less<>> out;
      for (const auto& [m, r] : all)
        if (in(m)) out.emplace(m, r);
      return out;
    };

    json::array items;
    auto ids = domain::paired_item_ids(def.pre, def.post);
    for (const auto& id : ids) {
      const auto* item = def.pre.find_item(id);
      json::object by;
      for (const auto& [gname, in] : groups) {
        const auto pre_in = filtered(rs.pre, in);
        const auto post_in = filtered(rs.post, in);
        const auto pv = domain::pair_by_participant(domain::item_values(def.pre, id, pre_in),
                                                    domain::item_values(def.post, id, post_in));
        json::object st = paired_stats(pv.before, pv.after, suppress);
        // Answers per point or option, before and after, among the same pairs (the chart of distributions).
        const auto* post_item = def.post.find_item(id);
        if (item && post_item && !st.at("suppressed").as_bool() && !pv.participants.empty()) {
          const auto b = answer_counts(*item, pv.participants, pre_in);
          const auto a = answer_counts(*post_item, pv.participants, post_in);
          if (b && a) {
            st["distribution_before"] = distribution_json(*item, *b, pv.participants.size(), suppress);
            st["distribution_after"] = distribution_json(*post_item, *a, pv.participants.size(), suppress);
          }
        }
        by[gname] = std::move(st);
      }
      items.push_back({{"id", id}, {"text", item ? item->text : ""}, {"kind", item ? domain::to_string(item->kind) : ""},
                       {"groups", by}});
    }
    // The knowledge score (number of knowledge items right), paired likewise.
    {
      json::object by;
      for (const auto& [gname, in] : groups) {
        std::map<std::string, double, std::less<>> before, after;
        for (const auto& [m, r] : filtered(rs.pre, in))
          if (auto k = domain::knowledge_score(def.pre, r)) before[m] = *k;
        for (const auto& [m, r] : filtered(rs.post, in))
          if (auto k = domain::knowledge_score(def.post, r)) after[m] = *k;
        const auto pv = domain::pair_by_participant(before, after);
        by[gname] = paired_stats(pv.before, pv.after, suppress);
      }
      items.push_back({{"id", "knowledge_score"}, {"text", "知識スコア"}, {"kind", "score"}, {"groups", by}});
    }
    auto rate = [&](std::size_t n) {
      json::object o{{"answered", n}, {"invited", invited}};
      o["rate"] = invited ? json::value(static_cast<double>(n) / static_cast<double>(invited)) : json::value(nullptr);
      if (suppress && domain::is_suppressed(n)) o["answered"] = nullptr, o["rate"] = nullptr;
      return o;
    };
    json::object out{{"year", y.key}, {"questionnaire", q->title_ja}, {"suppressed_below", suppress ? 5 : 0},
                     {"response_rates", {{"pre", rate(rs.pre.size())}, {"post", rate(rs.post.size())}}},
                     {"paired_items", items}};
    if (!suppress) {
      json::array free;
      for (const auto* form : {&def.pre, &def.post})
        for (const auto& sec : form->sections)
          for (const auto& it : sec.items) {
            if (it.kind != domain::ItemKind::free_text) continue;
            json::array texts;
            for (const auto& [m, r] : form == &def.pre ? rs.pre : rs.post)
              if (auto a = r.find(it.id); a != r.end() && !a->second.text.empty())
                texts.push_back(json::value(a->second.text));
            free.push_back({{"phase", domain::to_string(form->phase)}, {"item", it.id}, {"text", it.text},
                            {"answers", texts}});
          }
      out["free_text"] = free;
      audit_read(app, s, Actor::of(p), "questionnaire_responses", q->id);
    }
    return out;
  });
}

std::vector<docs::Table> results_workbook(App& app, const Principal& p, const std::string& year_key) {
  const json::value r = learning_results(app, p, year_key);
  docs::Table summary{"Summary", {"item", "group", "n_pairs", "mean_before", "mean_after", "median_before",
                                  "median_after", "z", "p_value", "r"}, {}};
  auto cell = [](const json::object& o, const char* k) -> docs::Cell {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::string{};
    if (v->is_number()) return v->to_number<double>();
    return std::string(v->is_bool() ? (v->as_bool() ? "true" : "false") : "");
  };
  for (const auto& it : r.at("paired_items").as_array())
    for (const auto& [g, st] : it.at("groups").as_object()) {
      const auto& o = st.as_object();
      summary.rows.push_back({std::string(it.at("id").as_string()), std::string(g), cell(o, "n_pairs"),
                              cell(o, "mean_before"), cell(o, "mean_after"), cell(o, "median_before"),
                              cell(o, "median_after"), cell(o, "z"), cell(o, "p_value"), cell(o, "r")});
    }
  docs::Table rates{"Response rates", {"phase", "answered", "invited", "rate"}, {}};
  for (const char* ph : {"pre", "post"}) {
    const auto& o = r.at("response_rates").at(ph).as_object();
    rates.rows.push_back({std::string(ph), cell(o, "answered"), cell(o, "invited"), cell(o, "rate")});
  }
  std::vector<docs::Table> out{summary, rates};
  if (const auto* free = r.as_object().if_contains("free_text")) {
    docs::Table ft{"Free text", {"phase", "item", "answer"}, {}};
    for (const auto& f : free->as_array())
      for (const auto& a : f.at("answers").as_array())
        ft.rows.push_back({std::string(f.at("phase").as_string()), std::string(f.at("item").as_string()),
                           std::string(a.as_string())});
    out.push_back(ft);
  }
  return out;
}

// ---- authoring ----

json::value list_lectures(App& app, const Principal& p, const std::string& year_key) {
  require(p, Capability::setup_programme);
  return app.db.read([&](soci::session& s) -> json::value {
    const auto y = year_of(s, year_key);
    const YearContent c = year_content(s, y.id);
    json::array out;
    for (const auto& l : c.lectures) {
      json::array qs;
      if (auto it = c.quizzes.find(l.id); it != c.quizzes.end())
        for (const auto& q : it->second)
          qs.push_back({{"id", q.row.id}, {"questions", q.questions.size()}, {"pass_percent", q.row.pass_percent},
                        {"attempts_allowed", q.row.attempts_allowed}});
      out.push_back({{"id", l.id}, {"course", l.course_code}, {"slug", l.slug}, {"position", l.position},
                     {"title", l.title_ja}, {"title_en", l.title_en}, {"summary", l.summary_ja},
                     {"body_md", l.body_md}, {"video_url", l.video_url}, {"estimated_minutes", l.estimated_minutes},
                     {"required", l.required}, {"quizzes", qs}});
    }
    return json::object{{"year", y.key}, {"lectures", out}};
  });
}

json::value save_lecture(App& app, const Principal& p, const std::string& year_key, const std::string& lecture_id,
                         const json::value& body) {
  require(p, Capability::setup_programme);
  const std::string now = app.clock.now_utc();
  const auto* o = body.if_object();
  if (!o) throw ApiError("request.malformed");
  auto text = [&](const char* k, const std::string& d) {
    const auto* v = o->if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : d;
  };
  std::string id = lecture_id;
  app.db.write([&](soci::session& s) {
    const auto y = year_of(s, year_key);
    store::LectureRow l;
    if (!lecture_id.empty()) {
      auto found = store::find_lecture(s, lecture_id);
      if (!found || found->program_year_id != y.id) throw ApiError("request.not_found");
      l = *found;
    } else {
      const std::string course = text("course", "");
      for (const auto& c : store::courses_of(s, y.id))
        if (c.code == course) l.course_id = c.id;
      if (l.course_id.empty()) throw ApiError("field.bad_enum", "course");
      l.program_year_id = y.id;
      l.slug = store::new_id();
      l.id = id = store::new_id();
    }
    l.title_ja = text("title", l.title_ja);
    l.title_en = text("title_en", l.title_en);
    l.summary_ja = text("summary", l.summary_ja);
    l.body_md = text("body_md", l.body_md);
    l.video_url = text("video_url", l.video_url);
    if (const auto* v = o->if_contains("estimated_minutes"); v && v->is_int64()) l.estimated_minutes = static_cast<int>(v->as_int64());
    if (const auto* v = o->if_contains("position"); v && v->is_int64()) l.position = static_cast<int>(v->as_int64());
    if (const auto* v = o->if_contains("required"); v && v->is_bool()) l.required = v->as_bool();
    Problems pr;
    if (l.title_ja.empty()) pr.add("field.required", "title");
    if (!l.video_url.empty() && l.video_url.rfind("https://", 0) != 0) pr.add("field.out_of_range", "video_url");
    if (l.estimated_minutes < 0 || l.position < 0) pr.add("field.out_of_range", "estimated_minutes");
    pr.throw_if_any();
    if (lecture_id.empty()) {
      store::insert_lecture(s, l, now);
      store::QuizRow q;
      q.id = store::new_id();
      q.lecture_id = l.id;
      q.title_ja = l.title_ja;
      store::insert_quiz(s, q, now);
    } else {
      store::update_lecture(s, l, now);
    }
    audit_change(app, s, Actor::of(p), "lecture", l.id, json::value(nullptr), json::object{{"title", l.title_ja}});
  });
  return json::object{{"id", id}};
}

json::value copy_lectures(App& app, const Principal& p, const std::string& year_key, const std::string& from_key) {
  require(p, Capability::setup_programme);
  const std::string now = app.clock.now_utc();
  return app.db.write([&](soci::session& s) -> json::value {
    const auto to = year_of(s, year_key);
    const auto from = year_of(s, from_key);
    if (store::count_lectures(s, to.id) > 0) throw ApiError("lecture.copy_target_not_empty");
    const auto lectures = store::lectures_of_year(s, from.id);
    if (lectures.empty()) throw ApiError("lecture.copy_source_empty");
    std::map<std::string, std::string> course_by_code;
    for (const auto& c : store::courses_of(s, to.id)) course_by_code[c.code] = c.id;
    int copied = 0, quizzes = 0, questions = 0;
    json::array skipped;  // lectures of a course the target year does not run
    for (const auto& src : lectures) {
      const auto course = course_by_code.find(src.course_code);
      if (course == course_by_code.end()) {
        skipped.push_back(json::value(src.title_ja));
        continue;
      }
      store::LectureRow l = src;
      l.id = store::new_id();
      l.program_year_id = to.id;
      l.course_id = course->second;
      store::insert_lecture(s, l, now);
      ++copied;
      for (const auto& q0 : store::quizzes_of_lecture(s, src.id)) {
        const QuizContent qc = quiz_content(s, q0);
        store::QuizRow q = q0;
        q.id = store::new_id();
        q.lecture_id = l.id;
        store::insert_quiz(s, q, now);
        ++quizzes;
        const auto gifts = store::quiz_question_gifts(s, q0.id);
        std::vector<std::string> cats;
        for (std::size_t i = 0; i < gifts.size(); ++i)
          cats.push_back(i < qc.questions.size() ? qc.questions[i].category : std::string{});
        if (!gifts.empty()) store::replace_quiz_questions(s, q.id, gifts, cats);
        questions += static_cast<int>(gifts.size());
      }
    }
    bool questionnaire = false;
    if (!store::questionnaire_of_year(s, to.id))
      if (auto q = store::questionnaire_of_year(s, from.id)) {
        q->id = store::new_id();
        q->program_year_id = to.id;
        store::upsert_questionnaire(s, *q, now);
        questionnaire = true;
      }
    const json::object out{{"year", to.key}, {"from_year", from.key}, {"lectures", copied}, {"quizzes", quizzes},
                           {"questions", questions}, {"questionnaire", questionnaire}, {"skipped", skipped}};
    audit_change(app, s, Actor::of(p), "learning_year", to.id, json::value(nullptr), out);
    return out;
  });
}

json::value save_quiz_settings(App& app, const Principal& p, const std::string& quiz_id, const json::value& body) {
  require(p, Capability::setup_programme);
  const auto* o = body.if_object();
  if (!o) throw ApiError("request.malformed");
  const std::string now = app.clock.now_utc();
  app.db.write([&](soci::session& s) {
    auto q = store::find_quiz(s, quiz_id);
    if (!q) throw ApiError("request.not_found");
    Problems pr;
    if (const auto* v = o->if_contains("pass_percent")) {
      if (!v->is_number() || v->to_number<double>() <= 0 || v->to_number<double>() > 100)
        pr.add("field.out_of_range", "pass_percent");
      else q->pass_percent = v->to_number<double>();
    }
    if (const auto* v = o->if_contains("attempts_allowed")) {
      if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 100) pr.add("field.out_of_range", "attempts_allowed");
      else q->attempts_allowed = static_cast<int>(v->as_int64());
    }
    if (const auto* v = o->if_contains("time_limit_minutes")) {
      if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 600) pr.add("field.out_of_range", "time_limit_minutes");
      else if (v->as_int64() == 0) q->time_limit_minutes.reset();
      else q->time_limit_minutes = static_cast<int>(v->as_int64());
    }
    for (const char* k : {"shuffle_questions", "shuffle_choices"})
      if (const auto* v = o->if_contains(k)) {
        if (!v->is_bool()) pr.add("field.bad_enum", k);
        else (std::string(k) == "shuffle_questions" ? q->shuffle_questions : q->shuffle_choices) = v->as_bool();
      }
    if (const auto* v = o->if_contains("feedback")) {
      if (!v->is_string() || !domain::feedback_level_from(std::string(v->as_string()))) pr.add("field.bad_enum", "feedback");
      else q->feedback = std::string(v->as_string());
    }
    if (const auto* v = o->if_contains("policy")) {
      if (!v->is_string() || !domain::attempt_policy_from(std::string(v->as_string()))) pr.add("field.bad_enum", "policy");
      else q->policy = std::string(v->as_string());
    }
    pr.throw_if_any();
    store::update_quiz(s, *q, now);
    audit_change(app, s, Actor::of(p), "quiz", quiz_id, json::value(nullptr), body);
  });
  return json::object{{"id", quiz_id}};
}

json::value import_quiz_gift(App& app, const Principal& p, const std::string& quiz_id, const std::string& gift) {
  require(p, Capability::setup_programme);
  const auto imported = domain::import_gift(gift);
  if (!imported.ok() || imported.questions.empty()) {
    json::array errors;
    for (const auto& e : imported.errors)
      errors.push_back({{"line", e.line}, {"code", e.code}, {"detail", e.detail}});
    if (imported.ok()) errors.push_back({{"line", 1}, {"code", "gift.no_questions"}, {"detail", ""}});
    return json::object{{"imported", 0}, {"errors", errors}};
  }
  const std::string now = app.clock.now_utc();
  app.db.write([&](soci::session& s) {
    if (!store::find_quiz(s, quiz_id)) throw ApiError("request.not_found");
    if (store::count_attempts_of_quiz(s, quiz_id) > 0) throw ApiError("quiz.attempt_closed");
    std::vector<std::string> gifts, cats;
    for (const auto& q : imported.questions) {
      gifts.push_back(domain::export_gift(std::span<const domain::Question>(&q, 1)));
      cats.push_back(q.category);
    }
    store::replace_quiz_questions(s, quiz_id, gifts, cats);
    audit_change(app, s, Actor::of(p), "quiz", quiz_id, json::value(nullptr),
                 json::object{{"questions", gifts.size()}});
  });
  return json::object{{"imported", imported.questions.size()}, {"errors", json::array{}}};
}

// ---- reminders ----

ReminderReport send_reminders(App& app) {
  std::vector<int> offsets;
  {
    std::stringstream ss(app.config.learning.reminder_days);
    std::string part;
    while (std::getline(ss, part, ','))
      if (!part.empty()) offsets.push_back(std::stoi(part));
  }
  const time::Instant now = app.clock.now();
  const auto today = time::jst_date_of(now);
  const std::string now_utc = time::to_utc_string(now);
  ReminderReport report;
  app.db.write([&](soci::session& s) {
    for (const auto& y : store::list_years(s)) {
      const auto participants = store::participants_of_year(s, y.id);
      if (participants.empty()) continue;
      const YearContent c = year_content(s, y.id);
      if (c.lectures.empty()) continue;
      std::map<std::string, std::vector<const store::ParticipantRow*>> behind_by_team;
      std::map<std::string, int> offset_of_team;
      for (const auto& m : participants) {
        const auto session = store::find_session(s, m.session_id);
        if (!session) continue;
        const int days = time::days_between(today, time::parse_date(session->date).value_or(today));
        // The largest configured offset already reached and not yet sent catches up a missed day.
        std::optional<int> due;
        for (int off : offsets)
          if (days <= off && days >= 0 && (!due || off < *due)) due = off;
        if (!due) continue;
        if (status_of(s, m, c).ready()) continue;
        behind_by_team[m.application_id].push_back(&m);
        offset_of_team[m.application_id] = *due;
        mail::Data d;
        d.set("name", m.name);
        d.set("days", std::to_string(days));
        d.set("date", time::wareki_date(time::parse_date(session->date).value_or(today)));
        d.set("portal_link", app.public_url + "/portal");
        const auto lang = m.locale == "en" ? Lang::en : Lang::ja;
        const auto r = app.templates.render("learning_reminder", lang, d);
        const std::string outbox_id = store::new_id();
        if (!store::record_reminder(s, m.member_id, session->id, *due, outbox_id, now_utc)) continue;
        store::enqueue_mail(s, {outbox_id, "learning_reminder", m.email, r.subject, r.body, m.application_id, 0},
                            now_utc);
        ++report.participants;
      }
      for (const auto& [app_id, members] : behind_by_team) {
        const auto& first = *members.front();
        std::vector<std::string> names;
        for (const auto* m : members) names.push_back(m->name);
        mail::Data d;
        d.set("name", first.contact_name);
        d.set("members", participants_line(names));
        d.set("portal_link", app.public_url + "/portal");
        const auto r = app.templates.render("learning_reminder_contact", first.locale == "en" ? Lang::en : Lang::ja, d);
        const std::string outbox_id = store::new_id();
        if (!store::record_reminder(s, "contact:" + app_id, first.session_id, offset_of_team[app_id], outbox_id,
                                    now_utc))
          continue;
        store::enqueue_mail(s, {outbox_id, "learning_reminder_contact", first.contact_email, r.subject, r.body, app_id, 0},
                            now_utc);
        ++report.contacts;
      }
    }
  });
  return report;
}

ReminderReport send_reminders_as(App& app, const Principal& p) {
  require(p, Capability::send_notifications);
  return send_reminders(app);
}

DailyReminders::DailyReminders(App& app) : app_(app) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        const auto r = send_reminders(app_);
        spdlog::info("learning reminders: {} participants, {} contacts", r.participants, r.contacts);
      } catch (const std::exception& e) {
        spdlog::error("learning reminders failed: {}", e.what());
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; });
    }
  });
}

DailyReminders::~DailyReminders() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace kenshu::app
