#include "access_rules.h"

#include <algorithm>

namespace waymark::web {

bool reads_case_content(AccessRole role) {
  return role == AccessRole::practitioner || role == AccessRole::team_manager || role == AccessRole::auditor;
}

bool may_change(AccessRole role) { return role != AccessRole::auditor; }

bool may_see_case(const Account& account, const std::optional<std::string>& team,
                  const std::vector<std::string>& shared_with) {
  if (account.role == AccessRole::auditor) return true;
  if (!reads_case_content(account.role) || !team) return false;
  const auto in_team = [&](const std::string& name) { return std::ranges::count(account.teams, name) > 0; };
  return in_team(*team) || std::ranges::any_of(shared_with, in_team);
}

bool may_countersign(AccessRole role) { return role == AccessRole::team_manager; }

bool may_share(const Account& account, const std::optional<std::string>& team) {
  // Only the case's own team: a team it is shared with cannot pass it on.
  return account.role == AccessRole::team_manager && team && std::ranges::count(account.teams, *team) > 0;
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
