// What each role may do on the page (docs/deployment.md, "What each role sees"). Applied only
// when sign-in is on: without it the page is one practitioner's, on their own computer.
#pragma once

#include <waymark/access.h>

#include <optional>
#include <string>
#include <vector>

namespace waymark::web {

// What a page needs of the account asking for it.
enum class Need {
  // Anyone, signed in or not: the stylesheet, the sign-in page.
  nothing,
  // Any signed-in account: policies and walk-throughs of them.
  signed_in,
  // A signed-in account whose role changes things (every form but signing out).
  change,
  // An account whose role reads case content: cases, their records and the due list.
  case_content,
};

// Practitioners, team managers and auditors read cases; board authors and administrators never do.
bool reads_case_content(AccessRole role);
// Auditors change nothing (no form is accepted from them but signing out).
bool may_change(AccessRole role);
// Whether the account may see a case of `team` (nothing: a case added without a team, which only
// an auditor sees until it is given one), shared now with the teams `shared_with`.
bool may_see_case(const Account& account, const std::optional<std::string>& team,
                  const std::vector<std::string>& shared_with = {});
// Team managers countersign their teams' records, and share their teams' cases with other teams.
bool may_countersign(AccessRole role);
bool may_share(const Account& account, const std::optional<std::string>& team);
// "practitioner" as words: "Practitioner".
std::string role_title(AccessRole role);

}  // namespace waymark::web
