/// Answers to questions: their typed form, parsing what a practitioner typed, and checking.
#pragma once

#include <waymark/date.h>
#include <waymark/export.h>
#include <waymark/policy.h>

#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// One answer. Which field holds it depends on `kind`, the kind of question it answers.
struct WAYMARK_EXPORT Answer {
  QuestionKind kind = QuestionKind::yes_no;
  bool yes = false;                  ///< yes_no
  std::string choice;                ///< choice: the option id
  std::vector<std::string> choices;  ///< multi_choice: option ids (may be empty: "none of these")
  double number = 0;                 ///< number
  Date date;                         ///< date
  std::string text;                  ///< text

  static Answer of_yes_no(bool yes);
  static Answer of_choice(std::string option_id);
  static Answer of_choices(std::vector<std::string> option_ids);
  static Answer of_number(double number);
  static Answer of_date(Date date);
  static Answer of_text(std::string text);

  friend bool operator==(const Answer&, const Answer&) = default;
};

/// Longest free-text answer accepted, in characters (records are for facts, not essays).
inline constexpr std::size_t max_text_answer = 4000;

/// Checks an answer fits its question. Throws AnswerError with a reason a practitioner reads.
WAYMARK_EXPORT void validate_answer(const Question& question, const Answer& answer);

/// Parses typed input: `yes`/`no`/`y`/`n`; an option's number or id; several numbers or ids
/// separated by commas (or `none`); a number; a date `YYYY-MM-DD`; any text.
/// Throws AnswerError when the input does not fit the question.
WAYMARK_EXPORT Answer parse_answer(const Question& question, std::string_view input);

/// The answer in words: "Yes", an option's text, "3", "2026-11-25", the text itself.
WAYMARK_EXPORT std::string describe_answer(const Question& question, const Answer& answer);

}  // namespace waymark
