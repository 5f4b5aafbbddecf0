// The pages, as HTML text. They only read the registry and sessions: every decision is the core's.
#pragma once

#include <waymark/event_kinds_read.h>
#include <waymark/policy_registry.h>
#include <waymark/session.h>
#include <waymark/store.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::web {

// What was typed into a question's form, shown again with the reason it was refused.
struct QuestionForm {
  std::string error;
  std::string value;                // yes_no, choice, number, text
  std::vector<std::string> ticked;  // multi_choice ("none" for none of these)
  std::string day, month, year;     // date
};

// "/policies/<id>"; ids are checked by the router before they reach a page.
std::string policy_path(std::string_view policy_id);
// "/policies/<id>/walks/<walk id>": one session's pages are under it. The address keeps "walks"
// (public: bookmarks and history hold it; see session_shelf.h).
std::string walk_path(std::string_view policy_id, std::string_view walk_id);

// A walk-through the browser holds, listed on the policy's start page.
struct SessionLink {
  std::string id;
  const Session* session = nullptr;
};

std::string policy_list_page(const PolicyRegistry& registry, Date today);
// What was typed on the start page, and what is wrong with it (empty: nothing).
struct StartForm {
  std::string case_reference;
  std::string date;  // the session date, YYYY-MM-DD; empty for today
  std::string role;  // who completes the walk-through, by role, never by name; empty: not given
  std::string case_error;
  std::string date_error;
  std::string role_error;
};
std::string start_page(const Policy& policy, const std::vector<SessionLink>& walks, std::string_view csrf,
                       const StartForm& form = {});
// The pages of one walk-through take its address, `base` (walk_path).
// One question. Shows the current answer unless `form` holds a refused one.
std::string question_page(const Session& session, std::string_view base, const Question& question,
                          std::string_view csrf, bool from_check, const QuestionForm& form);
std::string check_page(const Session& session, std::string_view base);
// `error` is about the judgement form of `error_action`.
// Whether the walk-through's record can be filed with its case in the case store, or is filed.
struct Filing {
  enum State { no_store, unknown_case, possible, filed } state = no_store;
  std::int64_t entry = 0;  // once filed, the chain entry that holds it
};
// What was typed into the form adding an action the policy did not recommend, shown again with
// the reason it was refused.
struct AddedForm {
  std::string error;
  std::string text, owner, reason;
};
// `registry` names the kinds of the chronology's events and says which no loaded policy reads.
std::string outcome_page(const Session& session, const PolicyRegistry& registry, std::string_view base,
                         std::string_view csrf, Filing filing, std::string_view error_action = {},
                         std::string_view error = {}, const AddedForm& added = {});
// How many of a case's events, of which kinds, the policy read, and a warning about events of
// kinds no loaded policy reads (`run --case` says the same on stderr). Empty without events.
std::string events_read_html(const Policy& policy, std::string_view case_reference, const std::vector<Event>& events,
                             const PolicyRegistry& registry);
// The warning alone, for a case's page: events of kinds not among `known` (known_event_kinds of
// the loaded policies). Empty if none.
std::string unread_events_html(std::string_view case_reference, const std::vector<Event>& events,
                               const std::map<std::string, KnownEventKind>& known);
// Filing a record while some actions have no judgement: says how many, and asks to confirm.
std::string confirm_filing_page(const Session& session, std::string_view base, std::string_view csrf,
                                std::size_t unjudged);
std::string record_page(const Session& session, std::string_view base);
// The case store's pages (read-only). Without a store they say how to use one.
std::string case_lookup_page(bool have_store, std::string_view error, std::string_view typed);
// An open action, with its owner named as the policy of its record defines the role (the role id
// when that policy, at that version, is not loaded).
struct OwnedAction {
  TrackedAction action;
  std::string owner_title;
};
// The forms a team manager of the case's own team shares it with another team, and ends a share
// with: what was typed, and what is wrong with it (empty: nothing).
struct ShareForm {
  std::string csrf;
  std::string team;
  std::string purpose;
  std::string error;
  std::string ending_team;  // the share whose end was refused
  std::string reason;
  std::string ending_error;
};
// Those forms, for a case's current shares.
std::string share_forms(const std::string& reference, const std::vector<CaseShare>& shares, const ShareForm& form);
// One case: its chronology, the records filed with it and its open actions. `filed` is the
// chain entry just filed, if any. Event kinds are named as the loaded policies declare them.
// With `share`, the forms to share it follow (a team manager's page).
std::string case_page(const std::string& reference, const std::optional<std::string>& team,
                      const std::vector<StoredEvent>& events, const std::vector<ChainEntry>& entries,
                      const std::vector<OwnedAction>& open, std::string_view filed, Date today,
                      const PolicyRegistry& registry, const std::optional<ShareForm>& share = std::nullopt);
// The form a team manager countersigns a stored record with: what was typed, and what is wrong
// with it (empty: nothing).
struct CountersignForm {
  std::string csrf;
  std::string comment;
  std::string error;
};
// A record filed with a case, printable: `record_html` is render_record's HTML of it. With
// `countersign`, the form to countersign it follows the record (a team manager's page).
std::string stored_record_page(const std::string& reference, std::int64_t seq, std::string_view record_html,
                               const std::optional<CountersignForm>& countersign = std::nullopt);
// The due list's filters, as `waymark due` takes them (empty: all).
struct DueFilter {
  std::string reference;
  std::string owner;
  bool overdue_only = false;
  bool any() const { return !reference.empty() || !owner.empty() || overdue_only; }
};
// Open actions across cases, overdue first, with the form that filters them; `error` is about
// the filter.
std::string due_page(const std::vector<OwnedAction>& actions, Date today, const DueFilter& filter = {},
                     std::string_view error = {});
std::string error_page(std::string_view title, std::string_view message);

}  // namespace waymark::web
