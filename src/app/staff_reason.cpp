#include "app/staff_reason.hpp"

#include "domain/api_error.hpp"
#include "domain/text.hpp"

namespace kenshu::app {
namespace {

constexpr std::size_t kMaxReasonBytes = 2000;

}  // namespace

std::string staff_reason(const std::string& raw, bool required) {
  auto t = text::normalize(raw);
  if (!t) throw ApiError("field.bad_text", "reason");
  if (required && t->empty()) throw ApiError("field.required", "reason");
  if (t->size() > kMaxReasonBytes) throw ApiError("field.too_long", "reason");
  return *t;
}

}  // namespace kenshu::app
