// Reading SOCI rows without caring how each back end typed a column (SQLite types per value, PostgreSQL per column).
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

namespace kenshu::store {

inline long long integer(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return 0;
  }
}

inline std::string text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  if (r.get_properties(i).get_data_type() == soci::dt_string) return r.get<std::string>(i);
  return std::to_string(integer(r, i));
}

inline std::optional<std::string> optional_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return text(r, i);
}

inline bool boolean(const soci::row& r, std::size_t i) { return integer(r, i) != 0; }

// An optional text bound as a SOCI parameter (use(o.value, o.ind)): NULL when absent.
struct Opt {
  std::string value;
  soci::indicator ind;
  explicit Opt(const std::optional<std::string>& v) : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
};

}  // namespace kenshu::store
