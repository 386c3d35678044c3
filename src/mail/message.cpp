#include "mail/message.hpp"

#include <sodium.h>

#include <ctime>

namespace kenshu::mail {
namespace {

std::string base64(const std::string& s) {
  if (s.empty()) return {};
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool is_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// RFC 2047 encoded words, split on character boundaries so that each stays under the 75-character limit.
std::string encode_header(const std::string& s) {
  if (is_ascii(s)) return s;
  std::string out, chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(chunk) + "?=";
    chunk.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (chunk.size() + len > 45) flush();
    chunk += s.substr(i, len);
    i += len;
  }
  flush();
  return out;
}

std::string wrap76(const std::string& b64) {
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

// Header values come from our own configuration and validated addresses; strip CR/LF all the same.
std::string one_line(std::string s) {
  std::erase_if(s, [](char c) { return c == '\r' || c == '\n'; });
  return s;
}

}  // namespace

std::string rfc5322_date(long long unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string build_message(const Envelope& e) {
  std::string body = e.body;
  std::string crlf_body;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r')) crlf_body += '\r';
    crlf_body += body[i];
  }
  std::string m;
  m += "From: " + encode_header(one_line(e.from_name)) + " <" + one_line(e.from_address) + ">\r\n";
  m += "To: <" + one_line(e.to_address) + ">\r\n";
  m += "Subject: " + encode_header(one_line(e.subject)) + "\r\n";
  m += "Date: " + e.date_rfc5322 + "\r\n";
  m += "Message-ID: <" + one_line(e.message_id) + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += wrap76(base64(crlf_body));
  return m;
}

}  // namespace kenshu::mail
