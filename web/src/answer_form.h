// Reads a question's submitted form into an answer, the way the CLI reads typed input.
#pragma once

#include <httplib.h>
#include <waymark/answer.h>

#include "pages.h"

namespace waymark::web {

// What a form field holding bytes that are not UTF-8 text or control characters (a broken or
// forged form, a pasted escape) is told (checked with the core's text_problem; its own reason is
// worded for the terminal).
inline constexpr std::string_view not_text_message =
    "Your answer contains characters that cannot be read as text. Retype it and try again";

// The core's reason for refusing an answer, worded for a form (the core's reasons are worded for
// the terminal: "'x' is not a date written YYYY-MM-DD" on a day/month/year form would confuse).
std::string plain_reason(const Question& question, std::string_view reason);
// The same for a judgement's reason.
std::string plain_judgement_reason(std::string_view reason);

// The answer submitted for `question`; `echo` gets what was typed, to show again if it is refused.
// Throws AnswerError (with a practitioner's reason) when the form does not hold a fitting answer.
Answer read_answer_form(const Question& question, const httplib::Request& request, QuestionForm& echo);

}  // namespace waymark::web
