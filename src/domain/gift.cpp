#include "domain/gift.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

namespace kenshu::domain {

namespace {

constexpr std::size_t npos = std::string::npos;
constexpr std::string_view specials = "~=#{}:\\";

// One byte of a question block after escapes are resolved; `escaped` bytes are text, never GIFT syntax.
struct Ch {
  char c;
  bool escaped;
  std::size_t line;
};
using View = std::span<const Ch>;

bool is_ws(const Ch& ch) {
  return !ch.escaped && (ch.c == ' ' || ch.c == '\t' || ch.c == '\n' || ch.c == '\r');
}

View trim(View v) {
  while (!v.empty() && is_ws(v.front())) v = v.subspan(1);
  while (!v.empty() && is_ws(v.back())) v = v.first(v.size() - 1);
  return v;
}

bool matches_at(View v, std::size_t i, std::string_view pat) {
  if (i + pat.size() > v.size()) return false;
  for (std::size_t k = 0; k < pat.size(); ++k)
    if (v[i + k].escaped || v[i + k].c != pat[k]) return false;
  return true;
}

// First unescaped occurrence of `pat` at or after `from`.
std::size_t find(View v, std::string_view pat, std::size_t from = 0) {
  for (std::size_t i = from; i + pat.size() <= v.size(); ++i)
    if (matches_at(v, i, pat)) return i;
  return npos;
}

// Last unescaped occurrence: Moodle takes the last "####" as the start of the general feedback.
std::size_t rfind(View v, std::string_view pat) {
  for (std::size_t i = v.size(); i >= pat.size(); --i)
    if (matches_at(v, i - pat.size(), pat)) return i - pat.size();
  return npos;
}

std::string text_of(View v) {
  std::string s;
  s.reserve(v.size());
  for (const auto& ch : v) s.push_back(ch.c);
  return s;
}

std::string trimmed_text(View v) { return text_of(trim(v)); }

std::string_view trim_sv(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// A finite number as GIFT writes it ("3.5", "-2", "+1e3"); nullopt for anything else.
std::optional<double> to_number(std::string_view s) {
  s = trim_sv(s);
  const bool plus = !s.empty() && s.front() == '+';  // from_chars refuses a leading '+', people write one
  if (plus) s.remove_prefix(1);
  if (s.empty() || (plus && (s.front() == '+' || s.front() == '-'))) return std::nullopt;
  double x = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// Strict UTF-8 (no overlongs, no surrogates), so that a bad byte is reported with its line instead of stored.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 0x2) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    const std::uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// One answer of a block: the marker that opened it (=, ~ or 0 when there is none) and what follows it.
struct Segment {
  char marker;
  View body;
  std::size_t line;
};

struct AnswerParts {
  std::optional<double> weight;
  std::string text;
  std::string feedback;
};

class Parser {
 public:
  GiftImport run(std::string_view input);

 private:
  void add_line(std::string_view line, std::size_t n);
  void flush();
  void parse_block(View v);
  bool classify_and_fill(View body, std::size_t brace_line, Question& q);
  bool split(View body, std::string_view markers, std::vector<Segment>& out);
  bool parse_answer(const Segment& s, AnswerParts& out);
  bool fill_choices(View body, Question& q);
  bool fill_short(View body, Question& q);
  bool fill_true_false(View body, Question& q);
  bool fill_numeric(View body, std::size_t brace_line, Question& q);
  bool parse_numeric_value(const std::string& spec, std::size_t line, NumericAnswer& a);
  void error(std::size_t line, std::string code, std::string detail = {}) {
    out_.errors.push_back({line, std::move(code), std::move(detail)});
  }

  std::vector<Ch> block_;
  std::string category_;
  GiftImport out_;
};

GiftImport Parser::run(std::string_view input) {
  if (input.starts_with("\xEF\xBB\xBF")) input.remove_prefix(3);  // editors on Windows prepend a BOM
  std::size_t n = 0;
  while (!input.empty()) {
    const std::size_t eol = input.find('\n');
    std::string_view line = input.substr(0, eol);
    input = eol == npos ? std::string_view{} : input.substr(eol + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    add_line(line, ++n);
  }
  flush();
  if (!out_.errors.empty()) out_.questions.clear();
  return std::move(out_);
}

void Parser::add_line(std::string_view line, std::size_t n) {
  if (!valid_utf8(line)) error(n, "gift.invalid_utf8");
  const std::string_view t = trim_sv(line);
  if (t.empty()) return flush();  // a blank line ends a question
  if (t.starts_with("//")) return;  // a comment line, even inside a question
  if (t.starts_with("$CATEGORY:")) {
    flush();
    category_ = std::string(trim_sv(t.substr(10)));
    if (category_.empty()) error(n, "gift.empty_category");
    return;
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    if (c == '\\' && next == 'n') {
      block_.push_back({'\n', true, n});
      ++i;
    } else if (c == '\\' && next != '\0' && specials.find(next) != npos) {
      block_.push_back({next, true, n});
      ++i;
    } else {
      block_.push_back({c, false, n});  // an unknown escape keeps its backslash, as Moodle does
    }
  }
  block_.push_back({'\n', false, n});
}

void Parser::flush() {
  if (!block_.empty()) parse_block(trim(View(block_)));
  block_.clear();
}

void Parser::parse_block(View v) {
  if (v.empty()) return;
  const std::size_t first_line = v[0].line;
  Question q;
  q.category = category_;
  if (matches_at(v, 0, "::")) {
    const std::size_t end = find(v, "::", 2);
    if (end == npos) return error(v[0].line, "gift.unclosed_title");
    q.title = trimmed_text(v.subspan(2, end - 2));
    v = trim(v.subspan(end + 2));
  }
  if (matches_at(v, 0, "[")) {
    const std::size_t end = find(v, "]");
    const auto fmt = end == npos ? std::nullopt : text_format_from(text_of(v.subspan(1, end - 1)));
    if (fmt) {
      q.format = *fmt;
      v = v.subspan(end + 1);
    }
  }
  const std::size_t open = find(v, "{");
  const std::size_t close = find(v, "}");
  if (open == npos && close == npos) return error(first_line, "gift.missing_answer_block");
  if (open == npos || close < open) return error(v[close].line, "gift.unexpected_brace");
  if (close == npos || find(v, "{", open + 1) < close) return error(v[open].line, "gift.unclosed_brace");
  for (const char* brace : {"{", "}"})
    if (const std::size_t extra = find(v, brace, close + 1); extra != npos)
      return error(v[extra].line, "gift.unexpected_brace", "one answer block per question");

  const View after = trim(v.subspan(close + 1));
  q.text = after.empty() ? trimmed_text(v.first(open))
                         : std::string(trim_sv(text_of(v.first(open)) + "_____" + text_of(v.subspan(close + 1))));
  if (trim_sv(q.text).empty()) return error(first_line, "gift.empty_question");

  View body = trim(v.subspan(open + 1, close - open - 1));
  if (const std::size_t gf = rfind(body, "####"); gf != npos) {
    q.general_feedback = trimmed_text(body.subspan(gf + 4));
    body = trim(body.first(gf));
  }
  const std::size_t errors_before = out_.errors.size();
  if (!classify_and_fill(body, v[open].line, q) || out_.errors.size() != errors_before) return;
  for (const auto& p : check_question(q)) error(v[open].line, "gift." + p.code.substr(p.code.find('.') + 1), p.detail);
  if (out_.errors.size() == errors_before) out_.questions.push_back(std::move(q));
}

bool Parser::classify_and_fill(View body, std::size_t brace_line, Question& q) {
  if (body.empty()) return error(brace_line, "gift.unsupported_type", "essay"), false;
  if (matches_at(body, 0, "#")) return fill_numeric(body.subspan(1), brace_line, q);
  if (find(body, "~") != npos) return fill_choices(body, q);
  if (find(body, "=") != npos && find(body, "->") != npos)
    return error(brace_line, "gift.unsupported_type", "matching"), false;
  const std::size_t hash = find(body, "#");
  const std::string head = upper_ascii(trimmed_text(hash == npos ? body : body.first(hash)));
  if (head == "T" || head == "TRUE" || head == "F" || head == "FALSE") return fill_true_false(body, q);
  return fill_short(body, q);
}

bool Parser::split(View body, std::string_view markers, std::vector<Segment>& out) {
  std::size_t start = npos;
  for (std::size_t i = 0; i <= body.size(); ++i) {
    const bool at_end = i == body.size();
    if (!at_end && (body[i].escaped || markers.find(body[i].c) == npos)) continue;
    if (start == npos) {
      if (const View prefix = trim(body.first(i)); !prefix.empty())
        return error(prefix[0].line, "gift.bad_answer", trimmed_text(prefix)), false;
    } else {
      out.push_back({body[start].c, body.subspan(start + 1, i - start - 1), body[start].line});
    }
    start = i;
  }
  return true;
}

bool Parser::parse_answer(const Segment& s, AnswerParts& out) {
  View v = trim(s.body);
  if (matches_at(v, 0, "%")) {
    const std::size_t end = find(v, "%", 1);
    const auto w = end == npos ? std::nullopt : to_number(text_of(v.subspan(1, end - 1)));
    if (!w || *w < -100.0 || *w > 100.0) return error(s.line, "gift.bad_weight", trimmed_text(v)), false;
    out.weight = *w / 100.0;
    v = v.subspan(end + 1);
  }
  const std::size_t hash = find(v, "#");
  out.text = trimmed_text(hash == npos ? v : v.first(hash));
  out.feedback = hash == npos ? std::string{} : trimmed_text(v.subspan(hash + 1));
  return true;
}

bool Parser::fill_choices(View body, Question& q) {
  std::vector<Segment> segs;
  if (!split(body, "=~", segs)) return false;
  // Moodle's rule: a block with an '=' answer is single choice; only '~' answers make it multiple-answer.
  const bool single = std::any_of(segs.begin(), segs.end(), [](const Segment& s) { return s.marker == '='; });
  q.type = single ? QuestionType::single_choice : QuestionType::multiple_choice;
  for (const auto& s : segs) {
    AnswerParts a;
    if (!parse_answer(s, a)) return false;
    q.choices.push_back({a.text, a.weight.value_or(s.marker == '=' ? 1.0 : 0.0), a.feedback});
  }
  return true;
}

bool Parser::fill_short(View body, Question& q) {
  std::vector<Segment> segs;
  if (!split(body, "=", segs)) return false;
  q.type = QuestionType::short_answer;
  for (const auto& s : segs) {
    AnswerParts a;
    if (!parse_answer(s, a)) return false;
    q.short_answers.push_back({a.text, a.weight.value_or(1.0), a.feedback});
  }
  return true;
}

bool Parser::fill_true_false(View body, Question& q) {
  std::vector<std::string> parts;
  for (std::size_t from = 0;;) {
    const std::size_t hash = find(body, "#", from);
    parts.push_back(trimmed_text(body.subspan(from, (hash == npos ? body.size() : hash) - from)));
    if (hash == npos) break;
    from = hash + 1;
  }
  if (parts.size() > 3) return error(body[0].line, "gift.bad_answer", "true/false takes at most two feedbacks"), false;
  parts.resize(3);
  q.type = QuestionType::true_false;
  q.correct_answer = upper_ascii(parts[0]).starts_with('T');
  // {T#a#b}: a is shown to those who answer wrongly, b to those who answer rightly.
  q.feedback_true = q.correct_answer ? parts[2] : parts[1];
  q.feedback_false = q.correct_answer ? parts[1] : parts[2];
  return true;
}

bool Parser::fill_numeric(View body, std::size_t line, Question& q) {
  q.type = QuestionType::numeric;
  if (const std::size_t tilde = find(body, "~"); tilde != npos) {
    const View wrong = trim(body.subspan(tilde + 1));
    if (!wrong.empty() && !matches_at(wrong, 0, "#")) return error(wrong[0].line, "gift.bad_answer", "~#feedback"), false;
    q.numeric_wrong_feedback = wrong.empty() ? std::string{} : trimmed_text(wrong.subspan(1));
    body = trim(body.first(tilde));
  }
  std::vector<Segment> segs;
  if (find(body, "=") != npos) {
    if (!split(body, "=", segs)) return false;
  } else if (!trim(body).empty()) {
    segs.push_back({'=', body, line});
  }
  if (segs.empty()) return error(line, "gift.no_answers"), false;
  for (const auto& s : segs) {
    AnswerParts a;
    if (!parse_answer(s, a)) return false;
    NumericAnswer n;
    n.weight = a.weight.value_or(1.0);
    n.feedback = a.feedback;
    if (!parse_numeric_value(a.text, s.line, n)) return false;
    q.numeric.push_back(std::move(n));
  }
  return true;
}

bool Parser::parse_numeric_value(const std::string& spec, std::size_t line, NumericAnswer& a) {
  if (const std::size_t dots = spec.find(".."); dots != npos && dots > 0) {
    const auto low = to_number(std::string_view(spec).substr(0, dots));
    const auto high = to_number(std::string_view(spec).substr(dots + 2));
    if (!low || !high) return error(line, "gift.bad_number", spec), false;
    if (*low > *high) return error(line, "gift.bad_range", spec), false;
    a.is_range = true;
    a.low = *low;
    a.high = *high;
    return true;
  }
  const std::size_t colon = spec.find(':');
  const auto value = to_number(std::string_view(spec).substr(0, colon));
  const auto tol = colon == npos ? std::optional<double>(0.0) : to_number(std::string_view(spec).substr(colon + 1));
  if (!value || !tol || *tol < 0) return error(line, "gift.bad_number", spec), false;
  a.value = *value;
  a.tolerance = *tol;
  return true;
}

// ---- export ----

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (specials.find(c) != npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string shortest_text(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

// The percentage that reads back (÷100) to exactly this weight: a tidy 12-digit form when it does ("33.333", not
// 33.333000000000006 from the ×100), else the shortest form of one of the doubles next to weight×100.
std::string percent_text(double weight) {
  auto reads_back = [weight](const std::string& t) { return to_number(t).value_or(NAN) / 100.0 == weight; };
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, weight * 100.0, std::chars_format::general, 12);
  if (std::string tidy(buf, r.ptr); reads_back(tidy)) return "%" + tidy + "%";
  double up = weight * 100.0;
  double down = up;
  for (int k = 0; k < 4; ++k) {
    if (std::string t = shortest_text(up); reads_back(t)) return "%" + t + "%";
    if (std::string t = shortest_text(down); reads_back(t)) return "%" + t + "%";
    up = std::nextafter(up, INFINITY);
    down = std::nextafter(down, -INFINITY);
  }
  return "%" + shortest_text(weight * 100.0) + "%";
}

std::string feedback_text(const std::string& fb) { return fb.empty() ? std::string{} : "#" + escape(fb); }

// A text opening with '%' would read as a weight, so such answers always carry an explicit one.
bool needs_weight(double weight, double implied, const std::string& text) {
  return std::fabs(weight - implied) > 1e-12 || text.starts_with('%');
}

std::string numeric_spec(const NumericAnswer& a) {
  return a.is_range ? shortest_text(a.low) + ".." + shortest_text(a.high)
                    : shortest_text(a.value) + ":" + shortest_text(a.tolerance);
}

std::string answer_block(const Question& q) {
  const std::string gf = q.general_feedback.empty() ? "" : "\t####" + escape(q.general_feedback) + "\n";
  std::string out = "{\n";
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice:
      for (const auto& c : q.choices) {
        const bool eq = q.type == QuestionType::single_choice && std::fabs(c.weight - 1.0) <= 1e-12;
        const double implied = eq ? 1.0 : 0.0;
        out += std::string("\t") + (eq ? "=" : "~") + (needs_weight(c.weight, implied, c.text) ? percent_text(c.weight) : "") +
               escape(c.text) + feedback_text(c.feedback) + "\n";
      }
      break;
    case QuestionType::short_answer:
      for (const auto& s : q.short_answers)
        out += "\t=" + (needs_weight(s.weight, 1.0, s.text) ? percent_text(s.weight) : "") + escape(s.text) +
               feedback_text(s.feedback) + "\n";
      break;
    case QuestionType::numeric:
      out = "{#\n";
      for (const auto& a : q.numeric)
        out += "\t=" + (needs_weight(a.weight, 1.0, "") ? percent_text(a.weight) : "") + numeric_spec(a) +
               feedback_text(a.feedback) + "\n";
      if (!q.numeric_wrong_feedback.empty()) out += "\t~#" + escape(q.numeric_wrong_feedback) + "\n";
      break;
    case QuestionType::true_false: {
      const std::string& right = q.correct_answer ? q.feedback_true : q.feedback_false;
      const std::string& wrong = q.correct_answer ? q.feedback_false : q.feedback_true;
      out = std::string("{") + (q.correct_answer ? "TRUE" : "FALSE");
      if (!wrong.empty() || !right.empty()) out += "#" + escape(wrong);
      if (!right.empty()) out += "#" + escape(right);
      return out + (q.general_feedback.empty() ? "" : "####" + escape(q.general_feedback)) + "}";
    }
  }
  return out + gf + "}";
}

}  // namespace

GiftImport import_gift(std::string_view text) { return Parser{}.run(text); }

std::string export_gift(std::span<const Question> questions) {
  std::string out;
  std::string category;
  for (const auto& q : questions) {
    // GIFT cannot return to "no category"; a question without one stays in the current category.
    if (!q.category.empty() && q.category != category) {
      category = q.category;
      out += "$CATEGORY: " + category + "\n\n";
    }
    if (!q.title.empty()) out += "::" + escape(q.title) + "::";
    // "[moodle]" also protects a stem that would otherwise read as a format tag or a "//" comment.
    if (q.format != TextFormat::moodle || q.text.starts_with('[') || (q.title.empty() && q.text.starts_with("//")))
      out += std::string("[") + to_string(q.format) + "]";
    out += escape(q.text) + answer_block(q) + "\n\n";
  }
  // A stem opening with U+FEFF would be taken for a byte-order mark and dropped; a blank line keeps it text.
  if (out.starts_with("\xEF\xBB\xBF")) out.insert(0, "\n");
  return out;
}

}  // namespace kenshu::domain
