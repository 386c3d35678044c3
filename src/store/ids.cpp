#include "store/ids.hpp"

#include <sodium.h>

namespace kenshu::store {

std::string new_id() {
  static const int ready = sodium_init();  // idempotent; 0 or 1 both mean usable
  (void)ready;
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

}  // namespace kenshu::store
