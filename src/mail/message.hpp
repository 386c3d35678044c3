// An RFC 5322 message in UTF-8: encoded-word subject and base64 body, so any relay carries Japanese intact.
#pragma once
#include <string>

namespace kenshu::mail {

struct Envelope {
  std::string from_address;
  std::string from_name;
  std::string to_address;
  std::string subject;
  std::string body;
  std::string message_id;  // without angle brackets
  std::string date_rfc5322;
};

std::string build_message(const Envelope& e);
std::string rfc5322_date(long long unix_seconds);

}  // namespace kenshu::mail
