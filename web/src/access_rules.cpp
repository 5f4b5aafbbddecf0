#include "access_rules.h"

#include <algorithm>

namespace waymark::web {

bool reads_case_content(AccessRole role) {
  return role == AccessRole::practitioner || role == AccessRole::team_manager || role == AccessRole::auditor;
}

bool may_change(AccessRole role) { return role != AccessRole::auditor; }

bool may_see_case(const Account& account, const std::optional<std::string>& team) {
  if (account.role == AccessRole::auditor) return true;
  if (!reads_case_content(account.role) || !team) return false;
  return std::ranges::find(account.teams, *team) != account.teams.end();
}

std::string role_title(AccessRole role) {
  switch (role) {
    case AccessRole::practitioner: return "Practitioner";
    case AccessRole::team_manager: return "Team manager";
    case AccessRole::board_author: return "Board author";
    case AccessRole::auditor: return "Auditor";
    case AccessRole::administrator: return "Administrator";
  }
  return "?";
}

}  // namespace waymark::web
