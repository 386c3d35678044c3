// Opaque identifiers: guessing one reaches nothing (DESIGN: ids in URLs are not row numbers).
// 48 bits of milliseconds, then 80 random bits, 22 characters: a b-tree index of new ids grows at one end. With fully
// random ids each insert dirtied a page of its own in every index (a group commit wrote six times the pages; bench
// apply +45% with these). 80 random bits per millisecond still leave nothing to guess.
#pragma once
#include <string>

namespace kenshu::store {

std::string new_id();  // 22 characters of [-0-9A-Z_a-z], ordered by creation time

}  // namespace kenshu::store
