// HTML building blocks: escaping, the page layout, and GOV.UK-style components.
#pragma once

#include <waymark/policy.h>

#include <string>
#include <string_view>
#include <vector>

namespace waymark::web {

// Escapes text for use in element content and in double-quoted attribute values.
std::string escape(std::string_view text);

// A whole page: header, optional Back link, main content. Links only to the binary's own CSS.
std::string layout(std::string_view title, std::string_view main, std::string_view back_href = {});

struct FieldError {
  std::string href;  // "#answer", the field the message is about
  std::string message;
};
// The "There is a problem" box at the top of a page; empty when there are no errors.
std::string error_summary(const std::vector<FieldError>& errors);

// A field's error message (GOV.UK's "Error:" paragraph) with this element id; empty when there is
// no error.
std::string error_message(std::string_view id, std::string_view message);

// The hidden field every form carries.
std::string csrf_field(std::string_view token);

// A row of a GOV.UK summary list; `action_html` is an optional link on the right.
std::string summary_row(std::string_view key, std::string_view value_html, std::string_view action_html = {});

// The passages of the source a question or action cites, quoted word for word with their titles;
// empty when it cites none.
std::string quotes_html(const Policy& policy, const std::vector<std::string>& cites);

}  // namespace waymark::web
