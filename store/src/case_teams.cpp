// The team a case belongs to: set once, when a team's store adds the case. Sharing a case with
// another team is a later, explicit act, never a change of this.
#include <fmt/format.h>
#include <waymark/session.h>

#include "store_impl.h"

namespace waymark {

using detail::Statement;

void Store::set_case_team(const std::string& reference, const std::string& team) {
  const auto& db = impl_->db;
  if (!valid_account_name(team))
    throw StoreError(
        fmt::format("the team name '{}' is not acceptable: 1 to 64 lower case letters, digits, '.', "
                    "'_' or '-', starting with a letter or digit",
                    team));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  Statement held(db, "SELECT team FROM case_teams WHERE case_reference = ?");
  if (held.bind(1, reference).step()) {
    if (held.text(0) == team) return;  // already so: nothing to change
    throw StoreError(
        fmt::format("{}: case '{}' belongs to team '{}'; a case's team is set once (sharing it with "
                    "another team is recorded as a share)",
                    db.path().string(), reference, held.text(0)));
  }
  Statement(db, "INSERT INTO case_teams(case_reference, team, assigned_at) VALUES (?, ?, ?)")
      .bind(1, reference)
      .bind(2, team)
      .bind(3, timestamp_now())
      .run();
  t.commit();
}

std::optional<std::string> Store::case_team(const std::string& reference) const {
  Statement s(impl_->db, "SELECT team FROM case_teams WHERE case_reference = ?");
  if (!s.bind(1, reference).step()) return std::nullopt;
  return s.text(0);
}

}  // namespace waymark
