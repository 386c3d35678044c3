#include "domain/hospital_match.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>

#include "domain/prefectures.hpp"
#include "domain/text.hpp"

namespace kenshu::domain {
namespace {

// Corporation forms written before a hospital's name; the longer first, so 医療法人社団 goes before 医療法人.
constexpr std::array<std::string_view, 30> kPrefixes = {
    "地方独立行政法人", "独立行政法人", "国立研究開発法人", "国立大学法人", "公立大学法人", "社会医療法人財団",
    "社会医療法人社団", "社会医療法人", "医療法人財団", "医療法人社団", "医療法人", "社会福祉法人",
    "一般財団法人", "公益財団法人", "一般社団法人", "公益社団法人", "学校法人", "宗教法人", "株式会社",
    "有限会社", "(株)", "(医)", "(独)", "(学)", "(社)", "(財)", "(福)", "(社医)", "(一財)", "(公財)"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

std::string trimmed_nfkc(std::string_view s) { return text::normalize(s).value_or(std::string(s)); }

}  // namespace

const char* to_string(HospitalListKind k) {
  return k == HospitalListKind::critical_care_center ? "critical_care_center" : "advanced_treatment_hospital";
}

std::optional<HospitalListKind> hospital_list_kind_from(std::string_view s) {
  if (s == "critical_care_center") return HospitalListKind::critical_care_center;
  if (s == "advanced_treatment_hospital") return HospitalListKind::advanced_treatment_hospital;
  return std::nullopt;
}

std::string hospital_match_key(std::string_view name) {
  std::string s = trimmed_nfkc(name);
  std::erase_if(s, [](char c) { return c == ' ' || c == '\t'; });
  replace_all(s, "\xE3\x80\x80", "");  // U+3000, should NFKC have left one
  replace_all(s, "付属", "附属");
  for (bool again = true; again;) {
    again = false;
    for (auto p : kPrefixes)
      if (starts_with(s, p) && s.size() > p.size()) {
        s.erase(0, p.size());
        again = true;
      }
  }
  return text::to_lower_ascii(s);
}

int prefecture_code_from(std::string_view raw) {
  std::string s = trimmed_nfkc(raw);
  std::erase_if(s, [](char c) { return c == ' '; });
  if (s.empty()) return 0;
  int code = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), code);
  if (ec == std::errc{} && end == s.data() + s.size()) return prefecture(code) ? code : 0;
  const std::string lower = text::to_lower_ascii(s);
  for (int c = 1; c <= 47; ++c) {
    const Prefecture* p = prefecture(c);
    if (s == p->ja || lower == text::to_lower_ascii(p->en)) return c;
    // 東京 for 東京都, 大阪 for 大阪府, 神奈川 for 神奈川県 (北海道 is written whole).
    std::string_view ja = p->ja;
    if (c != 1 && ja.size() > 3 && s == ja.substr(0, ja.size() - 3)) return c;
  }
  return 0;
}

const ListedHospital* match_hospital(const std::vector<ListedHospital>& list, std::string_view name,
                                     int prefecture_code) {
  const std::string key = hospital_match_key(name);
  if (key.empty()) return nullptr;
  const ListedHospital* suffix = nullptr;
  int suffixes = 0;
  for (const auto& h : list) {
    if (h.prefecture_code != prefecture_code) continue;
    const std::string k = hospital_match_key(h.name);
    if (k == key) return &h;
    const auto& longer = k.size() > key.size() ? k : key;
    const auto& shorter = k.size() > key.size() ? key : k;
    // At least four characters in common (12 bytes of kanji), so 病院 alone never matches.
    if (shorter.size() >= 12 && longer.size() > shorter.size() &&
        longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0) {
      suffix = &h;
      ++suffixes;
    }
  }
  return suffixes == 1 ? suffix : nullptr;
}

std::optional<std::string> csv_to_utf8(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (text::is_valid_utf8(bytes)) return std::string(bytes);
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open("windows-31j", &err), ucnv_close);
  if (U_FAILURE(err)) return std::nullopt;
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return std::nullopt;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), cnv.get(), err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  u.toUTF8String(out);
  return out;
}

namespace {

struct Record {
  int line = 0;
  std::vector<std::string> cells;
};

// RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; CRLF or LF. Unclosed quotes: false.
bool split_csv(std::string_view s, std::vector<Record>& out, int& bad_line) {
  int line = 1;
  Record rec{1, {}};
  std::string cell;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      rec.cells.push_back(std::move(cell));
      cell.clear();
      quoted = false;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      continue;
    } else if (c == '\n' || c == '\r') {
      rec.cells.push_back(std::move(cell));
      cell.clear();
      quoted = false;
      out.push_back(std::move(rec));
      rec = Record{++line, {}};
    } else {
      cell += c;
    }
  }
  if (in_quotes) {
    bad_line = rec.line;
    return false;
  }
  if (!cell.empty() || !rec.cells.empty() || quoted) {
    rec.cells.push_back(std::move(cell));
    out.push_back(std::move(rec));
  }
  return true;
}

bool blank(const Record& r) {
  return std::all_of(r.cells.begin(), r.cells.end(), [](const std::string& c) { return trimmed_nfkc(c).empty(); });
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

enum class Column { none, name, prefecture, address, advanced };

Column column_of(const std::string& raw) {
  std::string h = text::to_lower_ascii(trimmed_nfkc(raw));
  std::erase_if(h, [](char c) { return c == ' ' || c == '_' || c == '-'; });
  if (h == "name" || h == "hospital" || h == "hospitalname" || h == "facility" || h == "facilityname" ||
      contains(h, "医療機関名") || contains(h, "病院名") || contains(h, "施設名") || h == "名称" || h == "医療機関" ||
      h == "病院" || h == "施設" || contains(h, "センター名"))
    return Column::name;
  if (h == "prefecture" || h == "pref" || contains(h, "都道府県")) return Column::prefecture;
  if (h == "address" || contains(h, "所在地") || contains(h, "住所")) return Column::address;
  if (h == "advanced" || h == "type" || h == "kind" || contains(h, "高度") || contains(h, "区分") ||
      contains(h, "種別") || contains(h, "分類"))
    return Column::advanced;
  return Column::none;
}

std::optional<bool> advanced_of(const std::string& raw) {
  const std::string v = text::to_lower_ascii(trimmed_nfkc(raw));
  if (contains(v, "高度") || v == "1" || v == "true" || v == "yes" || v == "y" || v == "advanced" || v == "○" ||
      v == "◯" || v == "〇" || v == "はい")
    return true;
  if (v.empty() || v == "0" || v == "false" || v == "no" || v == "n" || v == "regular" || v == "-" || v == "×" ||
      v == "いいえ" || v == "通常" || v == "救命救急センター" || v == "救命")
    return false;
  return std::nullopt;
}

int prefecture_of_address(const std::string& raw) {
  const std::string a = trimmed_nfkc(raw);
  for (int c = 1; c <= 47; ++c)
    if (starts_with(a, prefecture(c)->ja)) return c;
  return 0;
}

std::string line_field(int line, std::string_view column = {}) {
  std::string f = "lines[" + std::to_string(line) + "]";
  if (!column.empty()) (f += '.') += column;
  return f;
}

constexpr std::size_t kMaxProblems = 100;
constexpr std::size_t kMaxNameChars = 200;

}  // namespace

std::vector<ListedHospital> parse_hospital_list(std::string_view bytes, HospitalListKind kind) {
  Problems p;
  const auto utf8 = csv_to_utf8(bytes);
  if (!utf8) throw ApiError("hospital_list.bad_encoding", "file");
  std::vector<Record> records;
  int bad_line = 0;
  if (!split_csv(*utf8, records, bad_line)) throw ApiError("hospital_list.bad_csv", line_field(bad_line));
  std::erase_if(records, blank);
  if (records.empty()) throw ApiError("hospital_list.empty", "file");

  const Record& header = records.front();
  int name_col = -1, pref_col = -1, addr_col = -1, adv_col = -1;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    int* slot = nullptr;
    switch (column_of(header.cells[i])) {
      case Column::name: slot = &name_col; break;
      case Column::prefecture: slot = &pref_col; break;
      case Column::address: slot = &addr_col; break;
      case Column::advanced: slot = &adv_col; break;
      case Column::none: break;
    }
    if (slot && *slot < 0) *slot = static_cast<int>(i);
  }
  const bool critical = kind == HospitalListKind::critical_care_center;
  if (name_col < 0) p.add("hospital_list.missing_column", "name");
  if (pref_col < 0 && addr_col < 0) p.add("hospital_list.missing_column", "prefecture");
  if (critical && adv_col < 0) p.add("hospital_list.missing_column", "advanced");
  p.throw_if_any();
  if (records.size() == 1) throw ApiError("hospital_list.empty", "file");

  std::vector<ListedHospital> out;
  std::vector<std::pair<int, std::string>> seen;
  for (std::size_t r = 1; r < records.size() && p.list().size() < kMaxProblems; ++r) {
    const Record& rec = records[r];
    auto cell = [&](int col) -> std::string {
      return col >= 0 && static_cast<std::size_t>(col) < rec.cells.size() ? rec.cells[col] : std::string{};
    };
    if (rec.cells.size() > header.cells.size()) {
      p.add("hospital_list.bad_csv", line_field(rec.line));
      continue;
    }
    ListedHospital h;
    h.line = rec.line;
    const std::string raw_name = cell(name_col);
    auto name = text::normalize(raw_name);
    if (!name || text::has_control_char(*name) || text::has_line_break(*name)) {
      p.add("field.bad_text", line_field(rec.line, "name"));
      continue;
    }
    if (name->empty()) p.add("field.required", line_field(rec.line, "name"));
    else if (text::length_in_chars(*name) > kMaxNameChars) p.add("field.too_long", line_field(rec.line, "name"));
    h.name = *name;
    h.prefecture_code = pref_col >= 0 ? prefecture_code_from(cell(pref_col)) : 0;
    if (h.prefecture_code == 0 && addr_col >= 0) h.prefecture_code = prefecture_of_address(cell(addr_col));
    if (h.prefecture_code == 0) p.add("field.bad_prefecture", line_field(rec.line, "prefecture"));
    if (critical) {
      auto adv = advanced_of(cell(adv_col));
      if (!adv) p.add("field.bad_enum", line_field(rec.line, "advanced"));
      else h.advanced = *adv;
    }
    if (!h.name.empty() && h.prefecture_code != 0) {
      std::pair<int, std::string> k{h.prefecture_code, hospital_match_key(h.name)};
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) p.add("hospital_list.duplicate", line_field(rec.line, "name"));
      else seen.push_back(std::move(k));
    }
    out.push_back(std::move(h));
  }
  p.throw_if_any();
  return out;
}

std::vector<HospitalFlag> check_declared_type(const Hospital& h, const std::vector<ListedHospital>* critical_care,
                                              const std::vector<ListedHospital>* advanced_treatment) {
  std::vector<HospitalFlag> flags;
  const ListedHospital* cc = critical_care ? match_hospital(*critical_care, h.name, h.prefecture_code) : nullptr;
  const ListedHospital* at =
      advanced_treatment ? match_hospital(*advanced_treatment, h.name, h.prefecture_code) : nullptr;
  const bool checkable = (h.critical_care_center != CriticalCareCenter::none && critical_care) ||
                         (h.advanced_treatment_hospital && advanced_treatment);
  if (checkable && !cc && !at) {
    flags.push_back({"hospital_unmatched", "declared a listed type, found on no imported list"});
    return flags;
  }
  if (critical_care) {
    const CriticalCareCenter listed =
        !cc ? CriticalCareCenter::none : (cc->advanced ? CriticalCareCenter::advanced : CriticalCareCenter::regular);
    if (listed != h.critical_care_center)
      flags.push_back({"critical_care_mismatch", std::string("declared ") + to_string(h.critical_care_center) +
                                                     ", listed " + to_string(listed)});
  }
  if (advanced_treatment && (at != nullptr) != h.advanced_treatment_hospital)
    flags.push_back({"advanced_treatment_mismatch",
                     std::string("declared ") + (h.advanced_treatment_hospital ? "yes" : "no") + ", listed " +
                         (at ? "yes" : "no")});
  return flags;
}

}  // namespace kenshu::domain
