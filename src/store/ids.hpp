// Random opaque identifiers: guessing one reaches nothing (DESIGN: ids in URLs are not row numbers).
#pragma once
#include <string>

namespace kenshu::store {

std::string new_id();  // 128 random bits, base64url, 22 characters

}  // namespace kenshu::store
