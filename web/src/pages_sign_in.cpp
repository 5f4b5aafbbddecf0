#include "pages_sign_in.h"

#include <fmt/format.h>

#include <vector>

#include "html.h"

namespace waymark::web {

std::string sign_in_page(std::string_view csrf, const SignInForm& form) {
  const bool failed = !form.error.empty();
  const std::string summary = error_summary(failed ? std::vector<FieldError>{{"#account", form.error}}
                                                   : std::vector<FieldError>{});
  return layout(
      failed ? "Error: Sign in" : "Sign in",
      fmt::format(
          "{}<h1 class=\"govuk-heading-l\">Sign in</h1>\n"
          "<p class=\"govuk-body\">Sign in with the account your team's administrator gave you.</p>\n"
          "<form method=\"post\" action=\"/sign-in\" novalidate>{}"
          "<input type=\"hidden\" name=\"next\" value=\"{}\">"
          "<div class=\"govuk-form-group{}\"><label class=\"govuk-label\" for=\"account\">Account name</label>{}"
          "<input class=\"govuk-input govuk-input--width-20{}\" id=\"account\" name=\"account\" type=\"text\" "
          "autocomplete=\"username\" spellcheck=\"false\" value=\"{}\"></div>\n"
          "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"password\">Password</label>"
          "<input class=\"govuk-input govuk-input--width-20\" id=\"password\" name=\"password\" type=\"password\" "
          "autocomplete=\"current-password\"></div>\n"
          "<button type=\"submit\" class=\"govuk-button\">Sign in</button></form>\n",
          summary, csrf_field(csrf), escape(form.next), failed ? " govuk-form-group--error" : "",
          error_message("account-error", form.error), failed ? " govuk-input--error" : "", escape(form.account)),
      "");
}

std::string proxy_refused_page(std::string_view reason) {
  return layout("Not signed in",
                fmt::format("<h1 class=\"govuk-heading-l\">You cannot use Waymark yet</h1>\n"
                            "<p class=\"govuk-body\">{}</p>\n",
                            escape(reason)),
                "");
}

std::string with_account_menu(std::string page, std::string_view account, std::string_view role_title,
                              std::string_view csrf, bool can_sign_out) {
  // The layout is built without knowing who asks; the account's item closes the header's menu.
  static constexpr std::string_view menu_end = "</ul></nav>";
  const auto at = page.find(menu_end);
  if (at == std::string::npos) return page;
  const std::string sign_out =
      can_sign_out ? fmt::format("<form method=\"post\" action=\"/sign-out\" class=\"waymark-header__sign-out\">{}"
                                 "<button type=\"submit\" class=\"waymark-header__link waymark-link-button\">Sign out"
                                 "</button></form>",
                                 csrf_field(csrf))
                   : "";
  page.insert(at, fmt::format("<li class=\"waymark-header__account\"><span class=\"waymark-header__who\">{} ({})"
                              "</span>{}</li>",
                              escape(account), escape(role_title), sign_out));
  return page;
}

bool is_local_path(std::string_view next) {
  return next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") &&
         next.find_first_of("\r\n") == std::string_view::npos;
}

}  // namespace waymark::web
