#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace kenshu::http {
namespace fs = std::filesystem;
namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string type_of(const fs::path& p) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},           {".svg", "image/svg+xml"},
      {".png", "image/png"},                   {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},                {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},           {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}, {".yaml", "application/yaml"},
      {".pdf", "application/pdf"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty() || !fs::is_directory(root)) return;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension().string();
    if (ext == ".gz" || ext == ".br" || e.path().filename().string().front() == '.') continue;
    std::string url = "/";
    url += fs::relative(e.path(), root).generic_string();
    StaticFile f;
    f.content_type = type_of(e.path());
    f.body = read(e.path());
    if (fs::exists(e.path().string() + ".gz")) f.gzip = read(e.path().string() + ".gz");
    if (fs::exists(e.path().string() + ".br")) f.brotli = read(e.path().string() + ".br");
    f.etag = "\"" + std::to_string(std::hash<std::string>{}(f.body)) + "\"";
    f.immutable = url.rfind("/assets/", 0) == 0;
    files_.emplace(url, std::move(f));
  }
}

const StaticFile* StaticFiles::find(const std::string& path) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  if (it != files_.end()) return &it->second;
  const auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') == std::string::npos) {  // a client-side route of the SPA
    auto index = files_.find("/index.html");
    if (index != files_.end()) return &index->second;
  }
  return nullptr;
}

}  // namespace kenshu::http
