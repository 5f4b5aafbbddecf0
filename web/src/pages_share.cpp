// A team manager's forms on a case page: share the case with another team, for a purpose, and end
// a share. Each is a chain entry (Store::share_case, Store::end_share).
#include <fmt/format.h>
#include <waymark/store.h>

#include "html.h"
#include "pages.h"

namespace waymark::web {

namespace {

std::string end_share_form(const std::string& reference, const CaseShare& share, const ShareForm& form) {
  const bool refused = form.ending_team == share.team && !form.ending_error.empty();
  const std::string id = refused ? "end-share-reason" : "end-share-reason-" + share.team;
  return fmt::format(
      "<form method=\"post\" action=\"/cases/{}/shares/{}/end\" novalidate>{}"
      "<div class=\"govuk-form-group{}\"><label class=\"govuk-label\" for=\"{}\">Why the share with team "
      "<strong>{}</strong> ends</label>{}"
      "<input class=\"govuk-input\" id=\"{}\" name=\"reason\" type=\"text\" value=\"{}\"></div>"
      "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">End the share with {}</button>"
      "</form>\n",
      escape(reference), escape(share.team), csrf_field(form.csrf), refused ? " govuk-form-group--error" : "",
      id, escape(share.team), refused ? error_message("end-share-error", form.ending_error) : "", id,
      refused ? escape(form.reason) : "", escape(share.team));
}

}  // namespace

std::string share_forms(const std::string& reference, const std::vector<CaseShare>& shares, const ShareForm& form) {
  const bool error = !form.error.empty();
  std::string out = fmt::format(
      "<h2 class=\"govuk-heading-m\" id=\"share\">Share this case with another team</h2>\n"
      "<form method=\"post\" action=\"/cases/{}/shares\" novalidate>{}"
      "<div class=\"govuk-form-group{}\"><div class=\"govuk-hint\" id=\"share-hint\">Its practitioners and "
      "managers will see this case, its records and its actions until you end the share. The share, its "
      "purpose and your role are kept in the case's chain.</div>{}"
      "<label class=\"govuk-label\" for=\"share-team\">Team</label>"
      "<input class=\"govuk-input govuk-input--width-20\" id=\"share-team\" name=\"team\" type=\"text\" "
      "aria-describedby=\"share-hint\" value=\"{}\">"
      "<label class=\"govuk-label\" for=\"share-purpose\">What they need it for</label>"
      "<textarea class=\"govuk-textarea\" id=\"share-purpose\" name=\"purpose\" rows=\"2\">{}</textarea></div>"
      "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Share the case</button></form>\n",
      escape(reference), csrf_field(form.csrf), error ? " govuk-form-group--error" : "",
      error_message("share-error", form.error), escape(form.team), escape(form.purpose));
  for (const CaseShare& share : shares)
    if (!share.ended_at) out += end_share_form(reference, share, form);
  return out;
}

}  // namespace waymark::web
