#include "docs/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace kenshu::docs {
namespace {

constexpr int kQuietZone = 4;

struct CodeDeleter {
  void operator()(QRcode* c) const { QRcode_free(c); }
};

}  // namespace

std::string qr_svg(std::string_view text, int module_px) {
  const std::string data(text);
  std::unique_ptr<QRcode, CodeDeleter> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code) throw std::runtime_error("text does not fit in a QR code");
  const int width = code->width;
  const int side = width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (!(code->data[y * width + x] & 1)) continue;
      // A run of dark modules on a row becomes one rectangle.
      int run = 1;
      while (x + run < width && (code->data[y * width + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run - 1;
    }
  }
  const std::string px = std::to_string(side * module_px);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
         std::to_string(side) + "\" width=\"" + px + "\" height=\"" + px +
         "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace kenshu::docs
