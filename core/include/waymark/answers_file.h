/// Answers files: a session's answers written in TOML, for non-interactive runs.
///
/// ```toml
/// [session]
/// date = 2026-11-25        # optional: defaults to today
/// case = "C-1042"          # optional pseudonymous reference
///
/// [answers]
/// risk_evidence = "evidence"
/// spoke_to_adult = false
///
/// [decisions]              # optional: the practitioner's judgement on recommended actions
/// do_not_close = { judgement = "accept" }
///
/// [[added_action]]         # optional: actions the policy did not recommend
/// text = "..."
/// reason = "..."
///
/// [[event]]                # optional, repeated: the case's chronology (see chronology.h)
/// kind = "refusal"         # required: lower case letters, digits and '_'
/// date = 2026-11-20        # required
/// time = "19:30"           # optional, 24-hour "HH:MM"
/// agency = "..."           # optional, like reason, note and recorded_by (a role, never a name)
/// ```
#pragma once

#include <waymark/chronology.h>
#include <waymark/error.h>
#include <waymark/export.h>
#include <waymark/session.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace waymark {

struct AnswersFile {
  struct Given {
    std::string question_id;
    Answer answer;
    SourcePosition position;
  };
  /// One entry of the file's [decisions] table, which keeps that name (a public format); the
  /// fields are named after the table too.
  struct Judged {
    ActionJudgement decision;
    SourcePosition position;
  };
  std::string origin;
  std::optional<Date> date;
  std::string case_reference;
  std::vector<Given> answers;
  std::vector<Judged> decisions;
  std::vector<AddedAction> added_actions;
  /// The [[event]] tables, in file order (start_session puts them in a Chronology).
  std::vector<Event> events;
};

/// Reads an answers file, checking every question id and answer type against the policy.
/// Throws PolicyError (file:line:column for each problem).
WAYMARK_EXPORT AnswersFile load_answers_file(const std::filesystem::path& path, const Policy& policy);
WAYMARK_EXPORT AnswersFile parse_answers_text(std::string_view toml, std::string origin, const Policy& policy);

/// Starts a session from an answers file: its events become the session's chronology, then
/// answers are applied in the policy's order, then the decisions. Throws PolicyError naming the file and position of an
/// answer that does not apply.
WAYMARK_EXPORT Session start_session(std::shared_ptr<const Policy> policy, const AnswersFile& file, Date default_date,
                                     std::string_view at);

}  // namespace waymark
