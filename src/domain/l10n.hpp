// A text shown to users in Japanese and English.
#pragma once
#include <string>

namespace kenshu {

struct L10n {
  std::string ja;
  std::string en;
};

}  // namespace kenshu
