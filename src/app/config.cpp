#include "app/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <toml++/toml.h>

namespace kenshu::app {
namespace {

// One place binds a setting to its file key and its environment variable.
struct Binder {
  const toml::table* file;

  const char* env(const std::string& section, const std::string& key) const {
    std::string name = "KENSHU_" + section + "_" + key;
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return std::getenv(name.c_str());
  }

  void bind(const std::string& section, const std::string& key, std::string& out) const {
    if (file)
      if (auto v = (*file)[section][key].value<std::string>()) out = *v;
    if (const char* e = env(section, key)) out = e;
  }

  void bind(const std::string& section, const std::string& key, int& out) const {
    if (file)
      if (auto v = (*file)[section][key].value<int64_t>()) out = static_cast<int>(*v);
    if (const char* e = env(section, key)) {
      try {
        out = std::stoi(e);
      } catch (const std::exception&) {
        throw std::runtime_error("KENSHU_" + section + "_" + key + " is not a number");
      }
    }
  }

  void bind(const std::string& section, const std::string& key, bool& out) const {
    if (file)
      if (auto v = (*file)[section][key].value<bool>()) out = *v;
    if (const char* e = env(section, key)) out = std::string(e) == "1" || std::string(e) == "true";
  }

  void bind(const std::string& section, const std::string& key, std::vector<std::string>& out) const {
    if (file)
      if (auto* arr = (*file)[section][key].as_array()) {
        out.clear();
        for (auto& el : *arr)
          if (auto s = el.value<std::string>()) out.push_back(*s);
      }
    if (const char* e = env(section, key)) {
      out.clear();
      std::string all = e;
      for (std::size_t start = 0; start <= all.size();) {
        auto comma = all.find(',', start);
        auto part = all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
  }
};

}  // namespace

std::string Config::data_path(const std::string& name) const {
  const std::filesystem::path p(name);
  return p.is_absolute() ? name : (std::filesystem::path(data_dir) / p).string();
}

Config load_config(const std::string& path) {
  Config c;
  toml::table table;
  const toml::table* file = nullptr;
  if (!path.empty() && std::filesystem::exists(path)) {
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(path + ": " + std::string(e.description()));
    }
    file = &table;
  }
  Binder b{file};
  b.bind("server", "host", c.server.host);
  b.bind("server", "port", c.server.port);
  b.bind("server", "public_url", c.server.public_url);
  b.bind("server", "io_threads", c.server.io_threads);
  b.bind("server", "workers", c.server.workers);
  b.bind("server", "max_connections", c.server.max_connections);
  b.bind("server", "header_limit_bytes", c.server.header_limit_bytes);
  b.bind("server", "read_timeout_s", c.server.read_timeout_s);
  b.bind("server", "idle_timeout_s", c.server.idle_timeout_s);
  b.bind("server", "web_root", c.server.web_root);
  b.bind("server", "hsts", c.server.hsts);
  b.bind("server", "trusted_proxies", c.server.trusted_proxies);
  b.bind("database", "path", c.database.path);
  b.bind("database", "busy_timeout_s", c.database.busy_timeout_s);
  b.bind("program", "files", c.program.files);
  b.bind("program", "demo", c.program.demo);
  b.bind("program", "demo_file", c.program.demo_file);
  b.bind("program", "current", c.program.current);
  b.bind("mail", "smtp_url", c.mail.smtp_url);
  b.bind("mail", "smtp_user", c.mail.smtp_user);
  b.bind("mail", "smtp_password", c.mail.smtp_password);
  b.bind("mail", "from_address", c.mail.from_address);
  b.bind("mail", "from_name", c.mail.from_name);
  b.bind("mail", "mail_dir", c.mail.mail_dir);
  b.bind("mail", "max_attempts", c.mail.max_attempts);
  b.bind("mail", "max_per_minute", c.mail.max_per_minute);
  b.bind("retention", "personal_data_days", c.retention.personal_data_days);
  b.bind("retention", "sent_mail_days", c.retention.sent_mail_days);
  b.bind("retention", "idempotency_days", c.retention.idempotency_days);
  b.bind("retention", "daily", c.retention.daily);
  b.bind("learning", "attachment_dir", c.learning.attachment_dir);
  b.bind("learning", "max_attachment_mb", c.learning.max_attachment_mb);
  b.bind("learning", "reminder_days", c.learning.reminder_days);
  b.bind("learning", "post_reminder_days", c.learning.post_reminder_days);
  b.bind("learning", "daily_reminders", c.learning.daily_reminders);
  b.bind("paths", "data_dir", c.data_dir);
  if (c.retention.personal_data_days < 1 || c.retention.sent_mail_days < 1 || c.retention.idempotency_days < 1)
    throw std::runtime_error("retention periods must be ≥ 1 day");
  if (c.server.port < 0 || c.server.port > 65535) throw std::runtime_error("server.port must be 0–65535");
  if (c.server.io_threads < 1 || c.server.workers < 1) throw std::runtime_error("threads must be ≥ 1");
  if (c.mail.max_per_minute < 0 || c.mail.max_per_minute > 60000)
    throw std::runtime_error("mail.max_per_minute must be 0 (no pacing) or 1–60000");
  return c;
}

}  // namespace kenshu::app
