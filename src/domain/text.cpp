#include "domain/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <memory>

namespace kenshu::text {
namespace {

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

const icu::Transliterator& hiragana_katakana() {
  // Transliterator instances are not documented as thread-safe: one per thread.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> p(
        icu::Transliterator::createInstance("Hiragana-Katakana", UTRANS_FORWARD, err));
    if (U_FAILURE(err) || !p) throw std::runtime_error("ICU Hiragana-Katakana transliterator missing");
    return p;
  }();
  return *t;
}

bool is_space(UChar32 c) { return c == U' ' || c == U'\u3000'; }

}  // namespace

bool is_valid_utf8(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t len = 0;
  u_strFromUTF8(nullptr, 0, &len, s.data(), static_cast<int32_t>(s.size()), &err);
  return err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING || U_SUCCESS(err);
}

std::optional<std::string> normalize(std::string_view s) {
  if (!is_valid_utf8(s)) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU NFKC unavailable");
  icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size())), err);
  if (U_FAILURE(err)) return std::nullopt;
  return to_utf8(u.trim());
}

std::string hiragana_to_katakana(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  hiragana_katakana().transliterate(u);
  return to_utf8(u);
}

bool is_katakana_reading(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    bool ok = is_space(c) || u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_KATAKANA || c == U'\u30FC' ||
              c == U'\u30FB';
    if (!ok) return false;
    i += U16_LENGTH(c);
  }
  return true;
}

std::size_t length_in_chars(std::string_view s) {
  std::size_t n = 0;
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto len = static_cast<int32_t>(s.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    ++n;
  }
  return n;
}

bool has_line_break(std::string_view s) {
  return s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos ||
         s.find("\u2028") != std::string_view::npos || s.find("\u2029") != std::string_view::npos ||
         s.find("\u0085") != std::string_view::npos;
}

bool has_control_char(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  // Invisible format characters (zero-width space, BOM, bidi overrides …) and C1 controls would let a name look like
  // another in a mail or the back office.
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return false;  // invalid UTF-8 is judged elsewhere
    const auto type = u_charType(c);
    if (type == U_FORMAT_CHAR || (type == U_CONTROL_CHAR && c >= 0x80)) return true;
  }
  return false;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kenshu::text
