#include "xml_text.h"

#include <waymark/utf8.h>

namespace waymark::detail {

void append_xml_escaped(std::string& out, std::string_view text) {
  // Text that is not UTF-8 would make the whole document unreadable: its non-ASCII bytes go.
  const bool utf8 = is_valid_utf8(text);
  for (const char c : text) {
    if (!utf8 && static_cast<unsigned char>(c) >= 0x80) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n':
      case '\r': out += ' '; break;
      default:
        // C0 controls and DEL are not allowed in XML 1.0, escaped or not.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          out += "\xEF\xBF\xBD";  // U+FFFD, so the reader sees something was there
        else
          out += c;
    }
  }
}

}  // namespace waymark::detail
