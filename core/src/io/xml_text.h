// Text from a case (notes, reasons, agencies) written into SVG or HTML: escaped so it can only ever
// be text, and stripped of the control characters XML 1.0 cannot hold even escaped, so a hostile
// note can neither add markup nor make the document unreadable.
#pragma once

#include <string>
#include <string_view>

namespace waymark::detail {

void append_xml_escaped(std::string& out, std::string_view text);

inline std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text);
  return out;
}

}  // namespace waymark::detail
