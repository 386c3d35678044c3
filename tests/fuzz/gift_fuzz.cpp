// libFuzzer target for the GIFT importer. Beyond "does not crash", it checks the properties the rest of the system
// relies on: a file is all or nothing, every error has a code and a real line, and whatever imports survives an
// export → import round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/gift.hpp"
#include "domain/quiz.hpp"

using namespace kenshu::domain;

namespace {

std::size_t line_count(std::string_view s) {
  std::size_t n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const GiftImport first = import_gift(input);
  if (!first.errors.empty()) {
    if (!first.questions.empty()) std::abort();  // a bad file must import nothing
    for (const auto& e : first.errors)
      if (!e.code.starts_with("gift.") || e.line == 0 || e.line > line_count(input)) std::abort();
    return 0;
  }
  for (const auto& q : first.questions)
    if (!check_question(q).empty()) std::abort();  // the importer let an unusable question through

  const GiftImport again = import_gift(export_gift(first.questions));
  if (!again.ok() || again.questions != first.questions) std::abort();
  return 0;
}
