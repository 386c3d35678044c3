// A QR code as an inline SVG document (libqrencode): shown on the set-up page for the authenticator app, and later
// on tickets. Black modules as one path, with the four-module quiet zone the standard asks for.
#pragma once
#include <string>
#include <string_view>

namespace kenshu::docs {

// Throws std::runtime_error when the text does not fit in a QR code.
std::string qr_svg(std::string_view text, int module_px = 4);

}  // namespace kenshu::docs
