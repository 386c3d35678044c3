#include "store/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>

namespace kenshu::store {
namespace {

// base64's 64 symbols in ASCII order, so that ids compare (SQLite's BINARY collation) in the order of their bits.
constexpr char kAlphabet[] = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

}  // namespace

std::string new_id() {
  static const int ready = sodium_init();  // idempotent; 0 or 1 both mean usable
  (void)ready;
  unsigned char bytes[16];
  randombytes_buf(bytes + 6, sizeof bytes - 6);
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
