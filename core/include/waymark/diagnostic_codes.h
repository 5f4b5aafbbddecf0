/// Every diagnostic's stable code, such as `E-LOAD-012`: a letter for its severity (E error,
/// W warning), the stage that finds it, and a number that never changes meaning. Tests and
/// scripts match the code; the message's words may improve. docs/authoring.md lists each code
/// with what it means and how to fix it (a test checks that every code here is listed there).
#pragma once

#include <waymark/export.h>

#include <span>
#include <string_view>

namespace waymark {

// X(name, "code"): add new codes at the end of their stage with the next number; never reuse one.
#define WAYMARK_DIAGNOSTIC_CODES(X)                   \
  /* Reading any TOML file */                        \
  X(toml_syntax, "E-TOML-001")                       \
  X(toml_missing_key, "E-TOML-002")                  \
  X(toml_wrong_type, "E-TOML-003")                   \
  X(toml_empty_value, "E-TOML-004")                  \
  X(toml_unknown_key, "E-TOML-005")                  \
  X(file_unreadable, "E-TOML-006")                   \
  X(toml_table_shape, "E-TOML-007")                  \
  /* Chronology events */                            \
  X(event_kind_id, "E-EVENT-001")                    \
  X(event_time, "E-EVENT-002")                       \
  /* Loading a policy */                             \
  X(duplicate_id, "E-LOAD-001")                      \
  X(bad_id, "E-LOAD-002")                            \
  X(bad_version, "E-LOAD-003")                       \
  X(review_before_effective, "E-LOAD-004")           \
  X(plugin_not_loaded, "E-LOAD-005")                 \
  X(no_policy_table, "E-LOAD-006")                   \
  X(unknown_citation, "E-LOAD-007")                  \
  X(bad_options, "E-LOAD-008")                       \
  X(too_many_options, "E-LOAD-009")                  \
  X(bad_number_bounds, "E-LOAD-010")                 \
  X(condition_not_text, "E-LOAD-011")                \
  X(unknown_kind, "E-LOAD-012")                      \
  X(unknown_owner, "E-LOAD-013")                     \
  X(unknown_urgency, "E-LOAD-014")                   \
  X(bad_conflict, "E-LOAD-015")                      \
  X(fact_cycle, "E-LOAD-016")                        \
  X(fact_too_deep, "E-LOAD-017")                     \
  X(bad_title, "E-LOAD-018")                         \
  X(bad_pathway_steps, "E-LOAD-019")                 \
  X(pathway_unknown_action, "E-LOAD-020")            \
  X(pathway_step_order, "E-LOAD-021")                \
  X(missing_condition, "E-LOAD-022")                 \
  /* Conditions (ask_if, when, fact values) */       \
  X(condition_syntax, "E-COND-001")                  \
  X(condition_single_equals, "E-COND-002")           \
  X(condition_bad_character, "E-COND-003")           \
  X(condition_unclosed_text, "E-COND-004")           \
  X(condition_chained_comparison, "E-COND-005")      \
  X(condition_unknown_name, "E-COND-006")            \
  X(condition_unknown_function, "E-COND-007")        \
  X(condition_wrong_arguments, "E-COND-008")         \
  X(condition_type_mismatch, "E-COND-009")           \
  X(condition_unknown_option, "E-COND-010")          \
  X(condition_multi_choice_equals, "E-COND-011")     \
  X(condition_later_question, "E-COND-012")          \
  X(condition_fact_has_error, "E-COND-013")          \
  X(condition_bad_date, "E-COND-014")                \
  X(condition_bad_in, "E-COND-015")                  \
  /* Lint */                                         \
  X(lint_conflict_fires, "E-LINT-001")               \
  X(lint_placeholder, "W-LINT-002")                  \
  X(lint_step_unreachable, "E-LINT-003")             \
  X(lint_step_action_never_fires, "E-LINT-004")      \
  X(lint_review_passed, "W-LINT-005")                \
  X(lint_source_uncited, "W-LINT-006")               \
  X(lint_question_never_asked, "E-LINT-007")         \
  X(lint_question_maybe_never_asked, "W-LINT-008")   \
  X(lint_action_never_fires, "E-LINT-009")           \
  X(lint_action_maybe_never_fires, "W-LINT-010")     \
  X(lint_no_action_fires, "W-LINT-011")              \
  X(lint_plugin_failed, "E-LINT-012")                \
  /* Answers files */                                \
  X(answers_case_reference, "E-ANSWERS-001")         \
  X(answers_missing_table, "E-ANSWERS-002")          \
  X(answers_unknown_question, "E-ANSWERS-003")       \
  X(answers_wrong_type, "E-ANSWERS-004")             \
  X(answers_refused, "E-ANSWERS-005")                \
  X(answers_bad_decision, "E-ANSWERS-006")           \
  X(answers_bad_judgement, "E-ANSWERS-007")          \
  X(answers_not_asked, "E-ANSWERS-008")              \
  X(answers_decision_refused, "E-ANSWERS-009")       \
  /* Scenario files and their results */             \
  X(scenario_bad_value, "E-SCENARIO-001")            \
  X(scenario_bad_urgency, "E-SCENARIO-002")          \
  X(scenario_missing_answers, "E-SCENARIO-003")      \
  X(scenario_bad_answer_value, "E-SCENARIO-004")     \
  X(scenario_no_policy, "E-SCENARIO-005")            \
  X(scenario_none, "E-SCENARIO-006")                 \
  X(scenario_duplicate_id, "E-SCENARIO-007")         \
  X(scenario_unknown_question, "E-SCENARIO-008")     \
  X(scenario_answer_refused, "E-SCENARIO-009")       \
  X(scenario_unknown_name, "E-SCENARIO-010")         \
  X(scenario_bad_distractor, "E-SCENARIO-011")       \
  X(scenario_unknown_choice, "E-SCENARIO-012")       \
  X(scenario_wrong_policy, "E-SCENARIO-013")         \
  X(scenario_incomplete, "E-SCENARIO-014")           \
  X(scenario_should_fire, "E-SCENARIO-015")          \
  X(scenario_should_not_fire, "E-SCENARIO-016")      \
  X(scenario_note_not_shown, "E-SCENARIO-017")       \
  X(scenario_wrong_step, "E-SCENARIO-018")           \
  X(scenario_not_continuing, "E-SCENARIO-019")       \
  X(scenario_wrong_owner, "E-SCENARIO-020")          \
  X(scenario_wrong_due, "E-SCENARIO-021")            \
  /* Plugins and the policy registry */              \
  X(plugin_refused, "E-PLUGIN-001")                  \
  X(plugin_skipped, "W-PLUGIN-002")                  \
  X(policy_shadowed, "W-REGISTRY-001")

/// A diagnostic's code; `to_string` gives its text, such as "E-LOAD-012".
enum class DiagnosticCode {
#define WAYMARK_CODE_ENUM(name, text) name,
  WAYMARK_DIAGNOSTIC_CODES(WAYMARK_CODE_ENUM)
#undef WAYMARK_CODE_ENUM
};

/// The code's text, such as "E-LOAD-012".
WAYMARK_EXPORT std::string_view to_string(DiagnosticCode code) noexcept;
/// Every code, in table order (for the docs test and for tools listing them).
WAYMARK_EXPORT std::span<const DiagnosticCode> all_diagnostic_codes() noexcept;

}  // namespace waymark
