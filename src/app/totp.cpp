#include "app/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace kenshu::app {
namespace {

constexpr unsigned kDigits = 6;
constexpr unsigned kStepSeconds = OATH_TOTP_DEFAULT_TIME_STEP_SIZE;
constexpr std::size_t kWindow = 1;

void ensure_oath() {
  static const int ready = oath_init();
  if (ready != OATH_OK) throw std::runtime_error("liboath could not be initialised");
}

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

std::string decode(std::string_view base32) {
  ensure_oath();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_decode(base32.data(), base32.size(), &out, &len) != OATH_OK)
    throw std::runtime_error("bad TOTP secret");
  std::unique_ptr<char, FreeDeleter> owned(out);
  return std::string(out, len);
}

std::string percent_encoded(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::time_t seconds_of(time::Instant t) {
  return static_cast<std::time_t>(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

}  // namespace

std::string new_totp_secret() {
  ensure_oath();
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char bytes[20];
  randombytes_buf(bytes, sizeof bytes);
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(bytes, sizeof bytes, &out, &len) != OATH_OK) throw std::runtime_error("base32 failed");
  std::unique_ptr<char, FreeDeleter> owned(out);
  std::string secret(out, len);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();  // 20 bytes: no padding anyway
  return secret;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  return "otpauth://totp/" + percent_encoded(issuer) + ":" + percent_encoded(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encoded(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::optional<long long> verify_totp(std::string_view secret_base32, std::string_view code, time::Instant now,
                                     long long last_counter) {
  if (code.size() != kDigits) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  const std::string key = decode(secret_base32);
  const std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int rc = oath_totp_validate3(key.data(), key.size(), seconds_of(now), kStepSeconds,
                                     OATH_TOTP_DEFAULT_START_TIME, kWindow, &position, &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  const auto step = static_cast<long long>(counter);
  if (step <= last_counter) return std::nullopt;  // replayed
  return step;
}

std::string totp_code(std::string_view secret_base32, time::Instant now) {
  const std::string key = decode(secret_base32);
  char out[kDigits + 1] = {};
  if (oath_totp_generate(key.data(), key.size(), seconds_of(now), kStepSeconds, OATH_TOTP_DEFAULT_START_TIME,
                         kDigits, out) != OATH_OK)
    throw std::runtime_error("TOTP generation failed");
  return out;
}

}  // namespace kenshu::app
