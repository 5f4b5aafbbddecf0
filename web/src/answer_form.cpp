#include "answer_form.h"

#include <fmt/format.h>
#include <waymark/utf8.h>

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

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string number_text(double value) { return fmt::format("{}", value); }

}  // namespace

std::string plain_reason(const Question& question, std::string_view reason) {
  // The web page's own reasons are already worded for a form.
  if (reason.empty() || (reason[0] >= 'A' && reason[0] <= 'Z')) return std::string(reason);
  const auto has = [&](std::string_view part) { return reason.find(part) != std::string_view::npos; };
  switch (question.kind) {
    case QuestionKind::yes_no: return "Select yes or no";
    case QuestionKind::choice: return "Select one of the answers shown";
    case QuestionKind::multi_choice:
      return has("chosen twice") ? "Select each answer only once"
                                 : "Select the answers that apply from those shown, or select 'None of these'";
    case QuestionKind::number:
      if (has("at least") && question.min)
        return fmt::format("Enter a number that is {} or more", number_text(*question.min));
      if (has("at most") && question.max)
        return fmt::format("Enter a number that is {} or less", number_text(*question.max));
      return "Enter a number, like 3";
    case QuestionKind::date: return "Enter a real date, for example 27 3 2026";
    case QuestionKind::text:
      if (has("longer than")) return fmt::format("Your answer must be {} characters or fewer", max_text_answer);
      if (has("empty")) return "Enter an answer";
      break;
  }
  return capitalised(reason);
}

std::string plain_judgement_reason(std::string_view reason) {
  constexpr std::string_view give = "give a reason";
  if (reason.starts_with(give)) return "Enter a reason" + std::string(reason.substr(give.size()));
  return capitalised(reason);
}

Answer read_answer_form(const Question& question, const httplib::Request& request, QuestionForm& echo) {
  for (const char* field : {"answer", "answer-day", "answer-month", "answer-year"})
    for (const auto& value : values_of(request, field))
      if (!text_problem(value).empty()) throw AnswerError(question.id, std::string(not_text_message));
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
