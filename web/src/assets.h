// The files the binary serves under /assets/: built at build time from npm govuk-frontend and
// web/assets/ (see web/assets/build-assets.mjs), so pages load nothing from anywhere else.
#pragma once

#include <string_view>

namespace waymark::web {

struct Asset {
  std::string_view path;  // "/assets/waymark.css"
  std::string_view content_type;
  std::string_view body;
};

// The asset at `path`, or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace waymark::web
