#include "app/passwords.hpp"

#include <sodium.h>

#include <fstream>
#include <mutex>
#include <semaphore>
#include <sstream>

#include "domain/api_error.hpp"

namespace kenshu::app {
namespace {

// argon2id takes 64 MiB and ~0.1 s per hash at the interactive limits: at most a few run at once, so that a burst
// of sign-ins cannot exhaust memory; the others wait their turn on their worker thread.
std::counting_semaphore<4> hashing_slots(4);

struct Slot {
  Slot() { hashing_slots.acquire(); }
  ~Slot() { hashing_slots.release(); }
};

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

const domain::CommonPasswords& common_passwords(const App& app) {
  static std::once_flag once;
  static domain::CommonPasswords list;
  std::call_once(once, [&] {
    const std::string path = app.config.data_dir + "/common-passwords.txt";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    list = domain::CommonPasswords::from_text(text.str());
  });
  return list;
}

void check_password(const App& app, std::string_view password, std::string_view email, std::string_view name) {
  if (auto problem = domain::password_problem(password, common_passwords(app), email, name))
    throw ApiError(*problem, "password");
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  Slot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(const std::string& stored_hash, std::string_view password) {
  ensure_sodium();
  Slot slot;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy_password(std::string_view password) {
  static const std::string dummy = hash_password("kenshu dummy password for timing");
  (void)verify_password(dummy, password);
}

}  // namespace kenshu::app
