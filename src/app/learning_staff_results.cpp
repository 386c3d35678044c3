// Staff results: paired pre/post answers with the Wilcoxon signed-rank test by profession and session (Ministry: groups under 5 withheld, no free text, no rows about a person).
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "domain/suppression.hpp"
#include "domain/wilcoxon.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

namespace {

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

}  // namespace

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

}  // namespace kenshu::app
