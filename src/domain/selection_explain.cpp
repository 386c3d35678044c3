// Why each team got what it got, in Japanese and English: its tier, the preference it obtained, and for every
// better preference the reason it did not get it.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/prefectures.hpp"
#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

std::string ordinal(int n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string teams_en(int n) { return std::to_string(n) + (n == 1 ? " team" : " teams"); }

std::string join_en(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string join_ja(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "、" : "") + parts[i];
  return out;
}

// Who holds the places of a session: earlier teams, pinned teams, this run's teams by tier.
L10n holders(const Prepared& p, int s) {
  const SelectionSession& ss = p.input->sessions[static_cast<std::size_t>(s)];
  const SessionState& st = p.sessions[static_cast<std::size_t>(s)];
  std::vector<std::string> ja, en;
  if (ss.occupied_teams > 0) {
    ja.push_back("確定済みのチーム" + std::to_string(ss.occupied_teams) + "件");
    en.push_back(teams_en(ss.occupied_teams) + " confirmed earlier");
  }
  if (st.pinned > 0) {
    ja.push_back("事務局指定のチーム" + std::to_string(st.pinned) + "件");
    en.push_back(teams_en(st.pinned) + " placed by the secretariat");
  }
  for (std::size_t k = 0; k < st.selected_by_tier.size(); ++k) {
    int n = st.selected_by_tier[k];
    if (n == 0) continue;
    L10n tier = tier_name(static_cast<int>(k) + 1);
    ja.push_back(tier.ja + "のチーム" + std::to_string(n) + "件");
    en.push_back(teams_en(n) + " of " + tier.en);
  }
  return {join_ja(ja), join_en(en)};
}

struct Preference {
  int session = 0;
  int rank = 0;
  bool any = false;  // taken through "any session"
};

// The team's preferences, best first: its ranked sessions (in the run or not), then the "any session" ones.
void preferences(const Prepared& p, int t, std::vector<Preference>& out) {
  const std::size_t i = static_cast<std::size_t>(t);
  const int ranked = p.ranked_first[i + 1] - p.ranked_first[i];
  out.clear();
  for (int k = 0; k < ranked; ++k) {
    out.push_back({p.ranked[static_cast<std::size_t>(p.ranked_first[i] + k)], k + 1, false});
  }
  for (const Choice& c : p.choices[i]) {
    if (c.rank > ranked) out.push_back({c.session, c.rank, true});
  }
}

// Teams of each prefecture at each session, fixed before the run and selected in it: the prefecture limit's count.
class PrefectureCounts {
 public:
  explicit PrefectureCounts(const Prepared& p) : index_(p.prefecture_column), sessions_(p.input->sessions.size()) {
    count_.assign(sessions_ * index_.size(), 0);
    for (std::size_t s = 0; s < sessions_; ++s) {
      for (const auto* counts : {&p.sessions[s].fixed_by_prefecture, &p.sessions[s].selected_by_prefecture}) {
        for (const auto& [code, n] : *counts) {
          if (auto it = index_.find(code); it != index_.end()) count_[cell(static_cast<int>(s), it->second)] += n;
        }
      }
    }
  }
  int at(int session, int prefecture_code) const { return count_[cell(session, index_.at(prefecture_code))]; }

 private:
  std::size_t cell(int session, int column) const {
    return static_cast<std::size_t>(session) * index_.size() + static_cast<std::size_t>(column);
  }

  const std::unordered_map<int, int>& index_;  // prefecture code → column (Prepared::prefecture_column)
  std::size_t sessions_;
  std::vector<int> count_;
};

// Why a better preference went elsewhere; the prefecture code matters only for the prefecture limit.
PreferenceReason reason_of(const Prepared& p, const PrefectureCounts& prefectures, int t, const Preference& pref) {
  const SelectionTeam& team = p.input->teams[static_cast<std::size_t>(t)];
  const SelectionSession& ss = p.input->sessions[static_cast<std::size_t>(pref.session)];
  const SessionState& st = p.sessions[static_cast<std::size_t>(pref.session)];
  const auto& K = p.input->rules.max_teams_per_prefecture_per_session;
  if (!ss.in_run) return PreferenceReason::not_in_run;
  if (st.remaining_teams == 0) return PreferenceReason::full_before_run;
  if (K && prefectures.at(pref.session, team.prefecture_code) >= *K) return PreferenceReason::prefecture_limit;
  if (st.selected >= st.team_limit) {
    return st.team_limit < st.remaining_teams ? PreferenceReason::full_people : PreferenceReason::full_teams;
  }
  if (st.selected_people + team.people > st.remaining_people) return PreferenceReason::full_people;
  return PreferenceReason::other;
}

L10n note_text(const Prepared& p, const std::vector<L10n>& holder_text, const Preference& pref, PreferenceReason reason,
               int prefecture_code) {
  const SelectionSession& ss = p.input->sessions[static_cast<std::size_t>(pref.session)];
  const SessionState& st = p.sessions[static_cast<std::size_t>(pref.session)];
  const L10n& h = holder_text[static_cast<std::size_t>(pref.session)];
  L10n head = pref.any ? L10n{"「いずれの回でも可」の" + ss.label.ja + "回は、", ss.label.en + " (any session) "}
                       : L10n{"第" + std::to_string(pref.rank) + "希望の" + ss.label.ja + "回は、",
                              "Your " + ordinal(pref.rank) + " choice, " + ss.label.en + ", "};
  const std::string people = std::to_string(ss.capacity_people);
  L10n tail;
  switch (reason) {
    case PreferenceReason::not_in_run:
      tail = {"今回の選定の対象外です（後日選定します）。", "is not part of this run (it is selected later)."};
      break;
    case PreferenceReason::full_before_run:
      tail = {"既に確定したチームで満席です（" + h.ja + "）。", "was already full before this run (" + h.en + ")."};
      break;
    case PreferenceReason::prefecture_limit: {
      const int K = p.input->rules.max_teams_per_prefecture_per_session.value_or(0);
      const Prefecture* pf = prefecture(prefecture_code);
      L10n name = pf ? L10n{std::string(pf->ja), std::string(pf->en)} : L10n{"同じ都道府県", "your prefecture"};
      tail = {"同じ都道府県（" + name.ja + "）のチームが上限の" + std::to_string(K) + "件に達しています。",
              "already has the maximum of " + teams_en(K) + " from " + name.en + "."};
      break;
    }
    case PreferenceReason::full_people:
      tail = st.selected >= st.team_limit
                 ? L10n{"人数の定員（" + people + "名）の範囲で受け入れられるチームが、" + h.ja + "で埋まっています。",
                        "has no room left within its limit of " + people + " people: " + h.en + " hold it."}
                 : L10n{"人数の定員（" + people + "名）に達しています。",
                        "has reached its limit of " + people + " people."};
      break;
    case PreferenceReason::full_teams:
      tail = {h.ja + "で満席です。", "is full with " + h.en + "."};
      break;
    case PreferenceReason::other:
      tail = {"より優先されるチームの配置の結果、割り当てられませんでした。", "went to teams placed ahead of yours."};
      break;
  }
  return {head.ja + tail.ja, head.en + tail.en};
}

// The sentences repeat across thousands of teams: each is built once per session, rank, reason (and prefecture).
class NoteTexts {
 public:
  NoteTexts(const Prepared& p, const std::vector<L10n>& holder_text)
      : p_(p), holder_text_(holder_text), prefectures_(p), ranks_(rank_bound(p)),
        built_(p.input->sessions.size() * ranks_ * 2 * kReasons, -1) {}

  PreferenceNote note(int t, const Preference& pref) {
    const SelectionTeam& team = p_.input->teams[static_cast<std::size_t>(t)];
    PreferenceNote n;
    n.session_id = p_.input->sessions[static_cast<std::size_t>(pref.session)].id;
    n.rank = pref.rank;
    n.reason = reason_of(p_, prefectures_, t, pref);
    const std::size_t session = static_cast<std::size_t>(pref.session), rank = static_cast<std::size_t>(pref.rank);
    const std::size_t reason = static_cast<std::size_t>(n.reason);
    const std::size_t key = ((session * ranks_ + rank) * 2 + (pref.any ? 1 : 0)) * kReasons + reason;
    int* slot = &built_[key];
    if (n.reason == PreferenceReason::prefecture_limit) {
      const std::uint64_t code = static_cast<std::uint32_t>(team.prefecture_code);
      slot = &by_prefecture_.try_emplace((static_cast<std::uint64_t>(key) << 32) | code, -1).first->second;
    }
    if (*slot < 0) {
      *slot = static_cast<int>(texts_.size());
      texts_.push_back(std::make_shared<const L10n>(note_text(
          p_, holder_text_, pref, n.reason, n.reason == PreferenceReason::prefecture_limit ? team.prefecture_code : 0)));
    }
    n.text = texts_[static_cast<std::size_t>(*slot)];
    return n;
  }

 private:
  static constexpr std::size_t kReasons = 8;  // room for PreferenceReason's values
  static_assert(static_cast<std::size_t>(PreferenceReason::other) < kReasons, "a new reason needs a larger kReasons");
  // Above every rank a preference can have (max_rank counts the run's sessions; a ranked one out of it may be more).
  static std::size_t rank_bound(const Prepared& p) {
    int most = p.max_rank;
    for (std::size_t t = 0; t + 1 < p.ranked_first.size(); ++t) {
      most = std::max(most, p.ranked_first[t + 1] - p.ranked_first[t] + 1);
    }
    return static_cast<std::size_t>(most) + 1;
  }
  const Prepared& p_;
  const std::vector<L10n>& holder_text_;
  PrefectureCounts prefectures_;
  std::size_t ranks_;
  std::vector<std::shared_ptr<const L10n>> texts_;
  std::vector<int> built_;  // per (session, rank, any, reason): its sentence in texts_, −1 until needed
  std::unordered_map<std::uint64_t, int> by_prefecture_;  // the same with the prefecture, for the prefecture limit
};

}  // namespace

void explain(const Prepared& p, SelectionResult& result) {
  const SelectionInput& in = *p.input;
  std::vector<L10n> holder_text;
  for (std::size_t s = 0; s < in.sessions.size(); ++s) holder_text.push_back(holders(p, static_cast<int>(s)));
  NoteTexts notes(p, holder_text);
  std::vector<L10n> tier_text;  // per tier: "tier (rule)"
  for (int k = 1; k <= p.tier_count; ++k) {
    L10n tier = tier_name(k), rule = describe_tier(k, in.rules);
    tier_text.push_back({tier.ja + "（" + rule.ja + "）に該当します（前年のECMO実施",
                         "Your team is in " + tier.en + " (" + rule.en + "; "});
  }
  std::vector<Preference> prefs;
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    const SelectionTeam& team = in.teams[t];
    TeamResult& r = result.teams[t];
    const int ti = static_cast<int>(t);
    const L10n& tier = tier_text[static_cast<std::size_t>(r.tier - 1)];
    std::string cases = std::to_string(team.ecmo_cases_last_year), lottery = std::to_string(r.lottery_position);
    L10n text;
    text.ja.reserve(512);
    text.en.reserve(512);
    text.ja.append(tier.ja).append(cases).append("件、抽選番号").append(lottery).append("）。");
    text.en.append(tier.en).append(cases).append(" ECMO cases last year; lottery number ").append(lottery).append(").");
    auto say = [&](const L10n& s) {
      text.ja += s.ja;
      text.en.append(" ").append(s.en);
    };

    preferences(p, ti, prefs);
    const SelectionSession* placed =
        p.assigned[t] >= 0 ? &in.sessions[static_cast<std::size_t>(p.assigned[t])] : nullptr;
    bool list_better = false, list_later = false;
    switch (r.outcome) {
      case TeamOutcome::selected:
        if (r.rank <= static_cast<int>(team.preferences.size())) {
          say({"第" + std::to_string(r.rank) + "希望の" + placed->label.ja + "回に選定されました。",
               "Selected for your " + ordinal(r.rank) + " choice, " + placed->label.en + "."});
        } else {
          say({"「いずれの回でも可」により" + placed->label.ja + "回に選定されました。",
               "Selected for " + placed->label.en + " under \"any session\"."});
        }
        list_better = true;
        break;
      case TeamOutcome::pinned:
        say({"事務局の指定により" + placed->label.ja + "回に選定されました。",
             "Placed in " + placed->label.en + " by the secretariat."});
        break;
      case TeamOutcome::not_selected:
        say({"今回の選定では選ばれませんでした。", "Not selected in this run."});
        list_better = list_later = true;
        break;
      case TeamOutcome::excluded:
        say({"事務局の判断により、今回の選定の対象外です。", "Left out of this run by the secretariat."});
        break;
      case TeamOutcome::hospital_taken:
        say({"同じ病院の別のチームが選定されているため、対象外です（1病院1チーム）。",
             "Another team of the same hospital is selected (one team per hospital)."});
        break;
      case TeamOutcome::no_session:
        say({"希望の回はいずれも今回の選定の対象外です。", "None of your chosen sessions is part of this run."});
        list_later = true;
        break;
    }
    if (list_better) {
      r.better_preferences.reserve(prefs.size());
      for (const Preference& pref : prefs) {
        if (r.outcome == TeamOutcome::selected && pref.rank >= r.rank) break;
        r.better_preferences.push_back(notes.note(ti, pref));
        // A session of a later run is told once, below, as a chance still open.
        if (!(list_later && r.better_preferences.back().reason == PreferenceReason::not_in_run)) {
          say(*r.better_preferences.back().text);
        }
      }
    }
    if (list_later) {
      for (const Preference& pref : prefs) {
        const SelectionSession& ss = in.sessions[static_cast<std::size_t>(pref.session)];
        if (ss.in_run || pref.any) continue;
        r.later_sessions.push_back(ss.id);
        say({"今後の選定で、第" + std::to_string(pref.rank) + "希望の" + ss.label.ja + "回の候補として残ります。",
             "You remain a candidate for your " + ordinal(pref.rank) + " choice, " + ss.label.en +
                 ", in a later selection."});
      }
    }
    r.explanation = std::move(text);
  }
}

}  // namespace kenshu::domain::selection_detail
