// SVG pictures parsed as XML (expat), so a test knows a picture is well-formed, not only that it
// looks so, and can read its elements' attributes and text.
#pragma once

#include <expat.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::test {

// An element of the parsed picture: its name, attributes and the text directly inside it.
struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;
};

struct Parsed {
  bool well_formed = false;
  std::string error;
  std::vector<Element> elements;  // in document order
};

inline Parsed parse_xml(const std::string& xml) {
  Parsed parsed;
  struct State {
    Parsed* parsed;
    std::vector<std::size_t> open;
  } state{&parsed, {}};
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto& s = *static_cast<State*>(data);
        Element e{name, {}, {}};
        for (std::size_t i = 0; attributes[i]; i += 2) e.attributes[attributes[i]] = attributes[i + 1];
        s.open.push_back(s.parsed->elements.size());
        s.parsed->elements.push_back(std::move(e));
      },
      [](void* data, const XML_Char*) { static_cast<State*>(data)->open.pop_back(); });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
    auto& s = *static_cast<State*>(data);
    if (!s.open.empty()) s.parsed->elements[s.open.back()].text.append(text, static_cast<std::size_t>(length));
  });
  parsed.well_formed = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!parsed.well_formed)
    parsed.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                   std::to_string(XML_GetCurrentLineNumber(parser));
  XML_ParserFree(parser);
  return parsed;
}

inline std::vector<Element> with_class(const Parsed& parsed, std::string_view cls) {
  std::vector<Element> out;
  for (const auto& e : parsed.elements)
    if (auto it = e.attributes.find("class"); it != e.attributes.end() && it->second == cls) out.push_back(e);
  return out;
}

}  // namespace waymark::test
