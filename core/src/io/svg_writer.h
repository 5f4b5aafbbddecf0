// An SVG document written as text: formatted pieces, and text escaped for XML. Shared by the
// ladder and the timeline pictures.
#pragma once

#include <fmt/format.h>
#include <waymark/xml_text.h>

#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace waymark::detail {

class SvgWriter {
 public:
  template <typename... Args>
  void add(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
  }
  void text(std::string_view t) { append_xml_escaped(out, t); }
  std::string out;
};

}  // namespace waymark::detail
