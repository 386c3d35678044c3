// Text as users type it: UTF-8 checks, NFKC (全角/半角), katakana readings, lengths in characters.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kenshu::text {

bool is_valid_utf8(std::string_view s);

// NFKC-normalised and trimmed; nullopt when the input is not valid UTF-8.
std::optional<std::string> normalize(std::string_view s);

// Hiragana becomes katakana (users type either for フリガナ); other text is unchanged.
std::string hiragana_to_katakana(std::string_view s);

// A reading: katakana, the long-vowel mark, middle dot and spaces only.
bool is_katakana_reading(std::string_view s);

std::size_t length_in_chars(std::string_view s);

bool has_line_break(std::string_view s);
// Control characters other than tab, CR and LF (which callers judge separately), and invisible format characters
// (zero-width, BOM, bidi controls).
bool has_control_char(std::string_view s);

std::string to_lower_ascii(std::string_view s);

}  // namespace kenshu::text
