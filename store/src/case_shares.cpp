// Sharing a case with another team: a chain entry for the share and another for its end, so who
// could see a case, and why, can always be shown later. A case's own team never changes.
#include <fmt/format.h>
#include <waymark/access.h>
#include <waymark/session.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chain.h"
#include "store_impl.h"

namespace waymark {

using nlohmann::json;

namespace {

// The share and share_end entries, in chain order, without reading any record's body.
const std::string share_entries_sql =
    "SELECT c.seq, c.kind, c.case_reference, c.created_at, b.body FROM chain c JOIN bodies b ON b.seq = c.seq "
    "WHERE b.body IS NOT NULL AND c.kind IN ('share', 'share_end')";

std::vector<ChainEntry> read_share_entries(detail::Statement& s) {
  std::vector<ChainEntry> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), {}, {}});
  return out;
}

// One case's.
std::vector<ChainEntry> share_entries(const detail::Database& db, const std::string& reference) {
  static const std::string sql = share_entries_sql + " AND c.case_reference = ? ORDER BY c.seq";
  detail::Statement s(db, sql.c_str());
  s.bind(1, reference);
  return read_share_entries(s);
}

// Every case's: few beside the records.
std::vector<ChainEntry> all_share_entries(const detail::Database& db) {
  static const std::string sql = share_entries_sql + " ORDER BY c.seq";
  detail::Statement s(db, sql.c_str());
  return read_share_entries(s);
}

std::vector<std::string> open_share_teams(const std::vector<ChainEntry>& entries) {
  std::vector<std::string> teams;
  for (const CaseShare& share : case_shares(entries))
    if (!share.ended_at) teams.push_back(share.team);
  return teams;
}

void check_share_text(const std::string& text, const std::string& what, const char* option) {
  if (detail::is_blank(text)) throw StoreError(fmt::format("{} needs to be stated ({})", what, option));
  detail::require_text(text, what);
  if (text.size() > max_note_length)
    throw StoreError(fmt::format("{} is short (at most {} characters; this one has {})", what, max_note_length,
                                 text.size()));
}

}  // namespace

ChainEntry Store::share_case(const std::string& reference, const std::string& team, const std::string& purpose,
                             const std::string& role) {
  const auto& db = impl_->db;
  if (!valid_account_name(team))
    throw StoreError(fmt::format("the team name '{}' is not acceptable: 1 to 64 lower case letters, digits, '.', "
                                 "'_' or '-', starting with a letter or digit",
                                 detail::readable_text(team)));
  check_share_text(purpose, "a share's purpose (what the other team needs the case for)", "--purpose");
  if (!valid_role(role)) throw StoreError(fmt::format("a share needs the role of who shares it (--role): {}", role_rule));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  const auto own = case_team(reference);
  if (!own)
    throw StoreError(fmt::format("case '{}' belongs to no team, so there is nothing to share it from: give it a "
                                 "team first (`waymark case add {} --team T`)",
                                 reference, reference));
  if (*own == team) throw StoreError(fmt::format("case '{}' already belongs to team '{}'", reference, team));
  if (std::ranges::count(open_share_teams(share_entries(db, reference)), team) > 0)
    throw StoreError(fmt::format("case '{}' is already shared with team '{}'", reference, team));
  const std::string now = timestamp_now();
  const json body = {{"team", team}, {"purpose", purpose}, {"role", role}, {"at", now}};
  ChainEntry entry = detail::append_entry(db, "share", reference, detail::body_text(body), now);
  t.commit();
  return entry;
}

ChainEntry Store::end_share(const std::string& reference, const std::string& team, const std::string& reason,
                            const std::string& role) {
  const auto& db = impl_->db;
  check_share_text(reason, "the end of a share's reason", "--reason");
  if (!valid_role(role))
    throw StoreError(fmt::format("ending a share needs the role of who ends it (--role): {}", role_rule));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  if (std::ranges::count(open_share_teams(share_entries(db, reference)), team) == 0)
    throw StoreError(fmt::format("case '{}' is not shared with team '{}' (`waymark case show {}` lists its shares)",
                                 reference, detail::readable_text(team), reference));
  const std::string now = timestamp_now();
  const json body = {{"team", team}, {"reason", reason}, {"role", role}, {"at", now}};
  ChainEntry entry = detail::append_entry(db, "share_end", reference, detail::body_text(body), now);
  t.commit();
  return entry;
}

std::vector<std::string> Store::shared_with(const std::string& reference) const {
  return open_share_teams(share_entries(impl_->db, reference));
}

std::map<std::string, CaseTeams> Store::teams_of_cases() const {
  const auto& db = impl_->db;
  std::map<std::string, CaseTeams> out;
  for (detail::Statement s(db, "SELECT case_reference, team FROM case_teams"); s.step();)
    out[s.text(0)].team = s.text(1);
  std::map<std::string, std::vector<ChainEntry>> shares;
  for (ChainEntry& entry : all_share_entries(db)) shares[entry.case_reference].push_back(std::move(entry));
  for (const auto& [reference, entries] : shares)
    if (const auto found = out.find(reference); found != out.end()) found->second.shared_with = open_share_teams(entries);
  return out;
}

std::vector<CaseShare> case_shares(const std::vector<ChainEntry>& entries) {
  std::vector<CaseShare> out;
  for (const ChainEntry& entry : entries) {
    if ((entry.kind != "share" && entry.kind != "share_end") || entry.body.empty()) continue;
    const json body = json::parse(entry.body, nullptr, false);
    if (!body.is_object()) continue;
    const std::string team = detail::readable_text(body.value("team", ""));
    if (entry.kind == "share") {
      out.push_back({entry.seq, team, detail::readable_text(body.value("purpose", "")),
                     detail::readable_text(body.value("role", "")), detail::readable_text(body.value("at", "")),
                     std::nullopt, {}, {}});
      continue;
    }
    // An end closes the latest open share with its team.
    for (auto share = out.rbegin(); share != out.rend(); ++share)
      if (share->team == team && !share->ended_at) {
        share->ended_at = detail::readable_text(body.value("at", ""));
        share->ended_by = detail::readable_text(body.value("role", ""));
        share->end_reason = detail::readable_text(body.value("reason", ""));
        break;
      }
  }
  return out;
}

}  // namespace waymark
