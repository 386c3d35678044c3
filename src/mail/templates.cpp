#include "mail/templates.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace kenshu::mail {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::atomic<std::uint64_t> generations{0};

}  // namespace

Templates::Templates(const std::string& dir) : generation_(++generations) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("mail template folder missing: " + dir);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::string text = read_file(entry.path());
    if (text.rfind("Subject: ", 0) != 0) throw std::runtime_error(entry.path().string() + ": no Subject line");
    kainjow::mustache::mustache parsed(text);
    if (!parsed.is_valid()) throw std::runtime_error(entry.path().string() + ": " + parsed.error_message());
    parsed.set_custom_escape([](const std::string& s) { return s; });  // plain-text mail: nothing to escape
    parsed_.emplace(entry.path().stem().string(), std::move(parsed));
  }
}

Rendered Templates::render(const std::string& name, Lang lang, const Data& data) const {
  auto it = parsed_.find(name + (lang == Lang::en ? ".en" : ".ja"));
  if (it == parsed_.end()) it = parsed_.find(name + ".ja");
  if (it == parsed_.end()) throw std::runtime_error("no mail template " + name);
  // render() is not const, so each thread renders with its own copy, made once: a copy per mail was a tenth of
  // a submit's work on the handler threads (bench apply).
  thread_local std::map<std::pair<std::uint64_t, const kainjow::mustache::mustache*>, kainjow::mustache::mustache> copies;
  const auto key = std::make_pair(generation_, &it->second);
  auto copy = copies.find(key);
  if (copy == copies.end()) copy = copies.emplace(key, it->second).first;
  const std::string text = copy->second.render(data);
  const auto eol = text.find('\n');
  Rendered out;
  out.subject = text.substr(9, eol == std::string::npos ? std::string::npos : eol - 9);
  std::size_t body_start = eol == std::string::npos ? text.size() : eol + 1;
  while (body_start < text.size() && text[body_start] == '\n') ++body_start;
  out.body = text.substr(body_start);
  return out;
}

}  // namespace kenshu::mail
