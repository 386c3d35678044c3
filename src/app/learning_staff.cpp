// Staff view of pre-learning progress: per participant, as JSON and as an export table.
#include <boost/json.hpp>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

store::ProgramYearRow year_of(soci::session& s, const std::string& key) {
  auto y = store::find_year(s, key);
  if (!y) throw ApiError("program.year_not_found");
  return *y;
}

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

}  // namespace kenshu::app
