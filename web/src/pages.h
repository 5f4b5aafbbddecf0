// The pages, as HTML text. They only read the registry and sessions: every decision is the core's.
#pragma once

#include <waymark/registry.h>
#include <waymark/session.h>

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

std::string policy_list_page(const PolicyRegistry& registry, Date today);
std::string start_page(const Policy& policy, bool in_progress, std::string_view csrf);
// One question. Shows the current answer unless `form` holds a refused one.
std::string question_page(const Session& session, const Question& question, std::string_view csrf,
                          bool from_check, const QuestionForm& form);
std::string check_page(const Session& session);
// `error` is about the judgement form of `error_action`.
std::string outcome_page(const Session& session, std::string_view csrf, std::string_view error_action = {},
                         std::string_view error = {});
std::string record_page(const Session& session);
std::string error_page(std::string_view title, std::string_view message);

}  // namespace waymark::web
