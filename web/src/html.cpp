#include "html.h"

#include <fmt/format.h>

namespace waymark::web {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string layout(std::string_view title, std::string_view main, std::string_view back_href) {
  const std::string back =
      back_href.empty() ? "" : fmt::format("<a href=\"{}\" class=\"govuk-back-link\">Back</a>\n", escape(back_href));
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} - Waymark</title>\n"
      "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/waymark.css\">\n"
      "<script type=\"module\" src=\"/assets/waymark.js\"></script>\n</head>\n<body class=\"govuk-template__body\">\n"
      "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
      "<header class=\"govuk-header\"><div class=\"govuk-header__container govuk-width-container\">"
      "<a href=\"/\" class=\"waymark-header__name\">Waymark</a> "
      "<span class=\"waymark-header__service\">Safeguarding decision support</span>"
      "<nav class=\"waymark-header__nav\" aria-label=\"Menu\"><ul class=\"waymark-header__links\">"
      "<li><a class=\"waymark-header__link\" href=\"/\">Policies</a></li>"
      "<li><a class=\"waymark-header__link\" href=\"/cases\">Cases</a></li>"
      "<li><a class=\"waymark-header__link\" href=\"/due\">Actions due</a></li></ul></nav></div></header>\n"
      "<div class=\"govuk-width-container\">\n{}<main class=\"govuk-main-wrapper\" id=\"main-content\">\n{}\n</main>\n"
      "</div>\n<footer class=\"govuk-footer\"><div class=\"govuk-width-container\">Advice, not a decision: "
      "you record your own judgement on every recommended action.</div></footer>\n</body>\n</html>\n",
      escape(title), back, main);
}

std::string error_summary(const std::vector<FieldError>& errors) {
  if (errors.empty()) return {};
  std::string items;
  for (const auto& error : errors)
    items += fmt::format("<li><a href=\"{}\">{}</a></li>", escape(error.href), escape(error.message));
  return fmt::format(
      "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n<div role=\"alert\">\n"
      "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
      "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
      "govuk-error-summary__list\">{}</ul></div>\n</div>\n</div>\n",
      items);
}

std::string error_message(std::string_view id, std::string_view message) {
  if (message.empty()) return {};
  return fmt::format(
      "<p id=\"{}\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {}</p>",
      escape(id), escape(message));
}

std::string csrf_field(std::string_view token) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", escape(token));
}

std::string summary_row(std::string_view key, std::string_view value_html, std::string_view action_html) {
  return fmt::format(
      "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt>"
      "<dd class=\"govuk-summary-list__value\">{}</dd><dd class=\"govuk-summary-list__actions\">{}</dd></div>\n",
      escape(key), value_html, action_html);
}

std::string quotes_html(const Policy& policy, const std::vector<std::string>& cites) {
  std::string out;
  for (const std::string& id : cites)
    if (const SourceQuote* quote = policy.find_source_quote(id))
      out += fmt::format(
          "<figure class=\"waymark-quote\"><blockquote class=\"govuk-inset-text\"><p class=\"govuk-body\">{}</p>"
          "</blockquote><figcaption class=\"govuk-body-s\">{}</figcaption></figure>\n",
          escape(quote->text), escape(quote->title));
  return out;
}

}  // namespace waymark::web
