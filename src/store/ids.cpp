#include "store/ids.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>

namespace kenshu::store {
namespace {

// base64's 64 symbols in ASCII order, so that ids compare (SQLite's BINARY collation) in the order of their bits.
constexpr char kAlphabet[] = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

// One system call fills the pool for 400 ids: a call per id was a twentieth of the writer thread's time in bench apply
// (the writer makes the ids of the members, events and mails it inserts). The same random bytes, fetched in bulk.
void random_bytes(unsigned char* out, std::size_t n) {
  static const int ready = sodium_init();  // idempotent; 0 or 1 both mean usable
  (void)ready;
  thread_local std::array<unsigned char, 4000> pool;
  thread_local std::size_t used = pool.size();
  if (used + n > pool.size()) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  std::memcpy(out, pool.data() + used, n);
  used += n;
}

}  // namespace

std::string new_id() {
  unsigned char bytes[16];
  random_bytes(bytes + 6, sizeof bytes - 6);
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  std::string out;
  out.reserve(22);
  unsigned bits = 0, held = 0;  // 128 bits → 21 symbols of 6 bits and one of the last 2 bits
  for (unsigned char b : bytes) {
    bits = (bits << 8) | b;
    held += 8;
    while (held >= 6) {
      held -= 6;
      out += kAlphabet[(bits >> held) & 63];
    }
  }
  out += kAlphabet[(bits << (6 - held)) & 63];
  return out;
}

}  // namespace kenshu::store
