#include "answer_form.h"

#include <fmt/format.h>

#include <algorithm>

namespace waymark::web {

namespace {

std::vector<std::string> values_of(const httplib::Request& request, const std::string& name) {
  std::vector<std::string> values;
  for (std::size_t i = 0, count = request.get_param_value_count(name); i < count; ++i)
    values.push_back(request.get_param_value(name, i));
  return values;
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Answer read_answer_form(const Question& question, const httplib::Request& request, QuestionForm& echo) {
  switch (question.kind) {
    case QuestionKind::multi_choice: {
      echo.ticked = values_of(request, "answer");
      if (echo.ticked.empty()) throw AnswerError(question.id, "Select all that apply, or select 'None of these'");
      const bool none = std::ranges::find(echo.ticked, "none") != echo.ticked.end();
      if (none && echo.ticked.size() > 1)
        throw AnswerError(question.id, "Select 'None of these' on its own, or only the ones that apply");
      if (none) return Answer::of_choices({});
      Answer answer = Answer::of_choices(echo.ticked);
      validate_answer(question, answer);
      return answer;
    }
    case QuestionKind::date: {
      echo.day = trimmed(request.get_param_value("answer-day"));
      echo.month = trimmed(request.get_param_value("answer-month"));
      echo.year = trimmed(request.get_param_value("answer-year"));
      if (echo.day.empty() || echo.month.empty() || echo.year.empty())
        throw AnswerError(question.id, "Enter the date as a day, a month and a year");
      const auto pad = [](const std::string& part, std::size_t width) {
        return part.size() < width ? std::string(width - part.size(), '0') + part : part;
      };
      return parse_answer(question, fmt::format("{}-{}-{}", pad(echo.year, 4), pad(echo.month, 2), pad(echo.day, 2)));
    }
    default: break;
  }
  if (request.get_param_value_count("answer") > 1) throw AnswerError(question.id, "Give one answer");
  echo.value = request.get_param_value("answer");
  if (question.kind != QuestionKind::text) echo.value = trimmed(echo.value);
  if (echo.value.empty())
    throw AnswerError(question.id, question.kind == QuestionKind::yes_no || question.kind == QuestionKind::choice
                                       ? "Select an answer"
                                       : "Enter an answer");
  return parse_answer(question, echo.value);
}

}  // namespace waymark::web
