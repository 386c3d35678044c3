// Japan's 47 prefectures by JIS X 0401 code (1 北海道 … 47 沖縄県).
#pragma once
#include <string_view>

namespace kenshu::domain {

struct Prefecture {
  int code;
  std::string_view ja;
  std::string_view en;
};

// nullptr outside 1–47.
const Prefecture* prefecture(int code);

}  // namespace kenshu::domain
