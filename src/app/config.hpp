// Configuration: config/kenshu.toml, then KENSHU_<SECTION>_<KEY> environment variables, then command-line flags.
#pragma once
#include <string>
#include <vector>

namespace kenshu::app {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string public_url;
  int io_threads = 2;
  int workers = 48;
  int max_connections = 2048;
  int header_limit_bytes = 16384;
  int read_timeout_s = 15;
  int idle_timeout_s = 30;
  std::string web_root = "web/dist";
  bool hsts = false;
  // Addresses of reverse proxies (nginx) whose X-Forwarded-For is believed for the client address.
  std::vector<std::string> trusted_proxies;
};

struct DatabaseConfig {
  std::string path = "var/kenshu.db";
  int busy_timeout_s = 10;
};

struct ProgramConfig {
  std::vector<std::string> files{"programs/r7.toml"};  // relative to data_dir
  bool demo = true;
  std::string demo_file = "programs/demo.toml";
  std::string current;
};

struct MailConfig {
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password;
  std::string from_address = "ecmo-seminar@example.jp";
  std::string from_name = "ECMO・人工呼吸器管理研修 事務局";
  std::string mail_dir = "var/mail";
  int max_attempts = 8;
  int max_per_minute = 0;  // 0 = no pacing
};

// How long personal data is kept (see docs/privacy.md); `kenshu purge` erases what is past it.
struct RetentionConfig {
  int personal_data_days = 365;  // after the last session of the programme year: the report to the Ministry is done
  int sent_mail_days = 90;       // bodies of delivered mails (they carry links); the row (kind, time) stays
  int idempotency_days = 1;      // stored first answers to retried submits
  bool daily = true;             // the server runs the purge once a day
};

struct LearningConfig {
  std::string attachment_dir = "var/attachments";  // lecture files, outside the web root
  int max_attachment_mb = 20;
  std::string reminder_days = "14,7,3";  // days before the session day on which those not done are reminded
  std::string post_reminder_days = "1,7";  // days after it on which those who have not answered the post form are
  bool daily_reminders = true;           // the server runs the reminders once a day
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  ProgramConfig program;
  MailConfig mail;
  RetentionConfig retention;
  LearningConfig learning;
  std::string data_dir = "data";

  // A relative path in the configuration names a file under data_dir, whatever the working directory.
  std::string data_path(const std::string& name) const;
};

// Reads the file (if it exists) and applies KENSHU_* variables; throws std::runtime_error on a bad value.
Config load_config(const std::string& path);

}  // namespace kenshu::app
