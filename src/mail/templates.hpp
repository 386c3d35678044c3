// E-mail templates (mustache), one file per message and language: data/mail/<name>.<ja|en>.mustache.
// The first line is "Subject: …", then a blank line, then the plain-text body.
#pragma once
#include <kainjow/mustache.hpp>

#include <cstdint>
#include <map>
#include <string>

#include "domain/error_catalog.hpp"

namespace kenshu::mail {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

struct Rendered {
  std::string subject;
  std::string body;
};

class Templates {
 public:
  // Reads every template of `dir`; throws when one is missing its subject line or does not parse.
  explicit Templates(const std::string& dir);
  Rendered render(const std::string& name, Lang lang, const Data& data) const;

 private:
  // "<name>.<lang>" → the template parsed once at start and never changed; render() keeps a copy per thread, keyed
  // by this object's generation and the template's address (a later Templates may reuse an address, not a generation).
  std::uint64_t generation_;
  std::map<std::string, kainjow::mustache::mustache> parsed_;
};

}  // namespace kenshu::mail
