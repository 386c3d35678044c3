// The built SPA, held in memory: hashed assets cached for a year, precompressed variants, index.html for routes.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace kenshu::http {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzip;    // empty when no .gz file was built
  std::string brotli;  // empty when no .br file was built
  std::string etag;
  bool immutable = false;  // hashed asset name: never changes
};

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  // The file for a URL path, index.html for a client route (a path without an extension), or nullopt.
  const StaticFile* find(const std::string& path) const;
  bool empty() const { return files_.empty(); }

 private:
  std::map<std::string, StaticFile> files_;
};

}  // namespace kenshu::http
