// Reads a question's submitted form into an answer, the way the CLI reads typed input.
#pragma once

#include "pages.h"

#include <waymark/answer.h>

#include <httplib.h>

namespace waymark::web {

// The answer submitted for `question`; `echo` gets what was typed, to show again if it is refused.
// Throws AnswerError (with a practitioner's reason) when the form does not hold a fitting answer.
Answer read_answer_form(const Question& question, const httplib::Request& request, QuestionForm& echo);

}  // namespace waymark::web
