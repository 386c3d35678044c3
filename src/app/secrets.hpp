// Secrets handed to users (management links, sign-in links) and their stored hashes.
#pragma once
#include <string>
#include <string_view>

namespace kenshu::app {

std::string new_token();                        // 256 random bits, base64url (43 characters)
std::string hash_token(std::string_view token);  // SHA-256, hex: tokens are high-entropy, so no slow hash is needed
std::string sha256_hex(std::string_view data);

}  // namespace kenshu::app
