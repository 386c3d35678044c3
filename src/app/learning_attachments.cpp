// Lecture files: PDF and PowerPoint (.pptx), type and size checked, stored by id under [learning] attachment_dir
// (never under the web root), and served only to the participants of the lecture's year and to staff.
#include <boost/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"
#include "store/learning_store.hpp"

namespace kenshu::app {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPdf = "application/pdf";
constexpr const char* kPptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

std::string sha256_hex(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

fs::path path_of(const App& app, const std::string& id) { return fs::path(app.config.learning.attachment_dir) / id; }

}  // namespace

json::value add_attachment(App& app, const Principal& p, const std::string& lecture_id, const std::string& file_name,
                           const std::string& content_type, const std::string& bytes) {
  require(p, domain::Capability::setup_programme);
  const std::string type = content_type.substr(0, content_type.find(';'));
  const bool pdf = type == kPdf && bytes.rfind("%PDF-", 0) == 0;
  const bool pptx = type == kPptx && bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0;
  if (!pdf && !pptx) throw ApiError("attachment.bad_type", "Content-Type");
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(app.config.learning.max_attachment_mb) * 1024 * 1024)
    throw ApiError("attachment.too_large");
  std::string name = file_name.empty() ? (pdf ? "lecture.pdf" : "lecture.pptx") : file_name;
  for (char& c : name)
    if (c == '/' || c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20) c = '_';
  store::AttachmentRow a{store::new_id(), lecture_id, name, type, static_cast<long long>(bytes.size()),
                         sha256_hex(bytes), app.clock.now_utc()};
  // The file first (under a temporary name, then renamed), the row in the transaction: a failed write leaves no row.
  fs::create_directories(app.config.learning.attachment_dir);
  const fs::path tmp = path_of(app, a.id + ".part");
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path_of(app, a.id));
  try {
    app.db.write([&](soci::session& s) {
      if (!store::find_lecture(s, lecture_id)) throw ApiError("request.not_found");
      store::insert_attachment(s, a);
      audit_change(app, s, Actor::of(p), "lecture_attachment", a.id, json::value(nullptr),
                   json::object{{"lecture_id", lecture_id}, {"file_name", a.file_name}, {"size_bytes", a.size_bytes}});
    });
  } catch (...) {
    std::error_code ec;
    fs::remove(path_of(app, a.id), ec);
    throw;
  }
  return json::object{{"id", a.id}, {"file_name", a.file_name}, {"content_type", a.content_type},
                      {"size_bytes", a.size_bytes}, {"sha256", a.sha256}};
}

void copy_attachments(App& app, soci::session& s, const std::string& from_lecture, const std::string& to_lecture,
                      const std::string& now, std::vector<std::string>& written) {
  fs::create_directories(app.config.learning.attachment_dir);
  for (const auto& a : store::attachments_of(s, from_lecture)) {
    std::error_code ec;
    if (!fs::is_regular_file(path_of(app, a.id), ec)) {
      spdlog::warn("lecture file {} is missing on disk: not copied", a.id);
      continue;
    }
    store::AttachmentRow copy = a;
    copy.id = store::new_id();
    copy.lecture_id = to_lecture;
    copy.created_at = now;
    const fs::path tmp = path_of(app, copy.id + ".part");
    fs::copy_file(path_of(app, a.id), tmp);
    fs::rename(tmp, path_of(app, copy.id));
    written.push_back(copy.id);
    store::insert_attachment(s, copy);
  }
}

void remove_attachment_files(const App& app, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    std::error_code ec;
    fs::remove(path_of(app, id), ec);
  }
}

AttachmentFile read_attachment(App& app, const Principal& p, const std::string& attachment_id) {
  const auto a = app.db.read([&](soci::session& s) {
    auto found = store::find_attachment(s, attachment_id);
    if (!found) throw ApiError("request.not_found");
    const auto lecture = store::find_lecture(s, found->lecture_id);
    if (!lecture) throw ApiError("request.not_found");
    if (p.is_staff()) {
      require(p, domain::Capability::setup_programme);
    } else {
      bool allowed = false;
      for (const auto& m : store::participants_by_email(s, p.email))
        allowed = allowed || m.program_year_id == lecture->program_year_id;
      if (!allowed) throw ApiError("request.not_found");
    }
    return *found;
  });
  std::ifstream in(path_of(app, a.id), std::ios::binary);
  if (!in) throw ApiError("request.not_found");
  std::ostringstream s;
  s << in.rdbuf();
  return {a.file_name, a.content_type, s.str()};
}

}  // namespace kenshu::app
