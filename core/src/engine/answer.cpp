#include <waymark/answer.h>
#include <waymark/utf8.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace waymark {

Answer Answer::of_yes_no(bool yes) {
  Answer a;
  a.kind = QuestionKind::yes_no;
  a.yes = yes;
  return a;
}
Answer Answer::of_choice(std::string option_id) {
  Answer a;
  a.kind = QuestionKind::choice;
  a.choice = std::move(option_id);
  return a;
}
Answer Answer::of_choices(std::vector<std::string> option_ids) {
  Answer a;
  a.kind = QuestionKind::multi_choice;
  a.choices = std::move(option_ids);
  return a;
}
Answer Answer::of_number(double number) {
  Answer a;
  a.kind = QuestionKind::number;
  a.number = number;
  return a;
}
Answer Answer::of_date(Date date) {
  Answer a;
  a.kind = QuestionKind::date;
  a.date = date;
  return a;
}
Answer Answer::of_text(std::string text) {
  Answer a;
  a.kind = QuestionKind::text;
  a.text = std::move(text);
  return a;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string kind_words(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::yes_no: return "a yes or no answer";
    case QuestionKind::choice: return "one of the options";
    case QuestionKind::multi_choice: return "a list of options";
    case QuestionKind::number: return "a number";
    case QuestionKind::date: return "a date";
    case QuestionKind::text: return "text";
  }
  return "an answer";
}

std::string option_choices(const Question& q) {
  std::string out;
  for (std::size_t i = 0; i < q.options.size(); ++i)
    out += fmt::format("{}{} ({})", i ? ", " : "", i + 1, q.options[i].id);
  return out;
}

// An option typed by its number (1-based) or its id.
std::string parse_option(const Question& q, std::string_view typed) {
  typed = trim(typed);
  int number = 0;
  auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), number);
  if (ec == std::errc{} && end == typed.data() + typed.size()) {
    if (number >= 1 && number <= static_cast<int>(q.options.size())) return q.options[number - 1].id;
    throw AnswerError(q.id, fmt::format("there is no option {}; choose 1 to {}", number, q.options.size()));
  }
  const std::string id = lower(typed);
  if (q.option_index(id) >= 0) return id;
  throw AnswerError(q.id, fmt::format("'{}' is not one of the options: {}", typed, option_choices(q)));
}

constexpr std::string_view not_text = "the answer";

}  // namespace

void validate_answer(const Question& q, const Answer& a) {
  if (a.kind != q.kind)
    throw AnswerError(q.id, fmt::format("this question needs {}, not {}", kind_words(q.kind), kind_words(a.kind)));
  switch (q.kind) {
    case QuestionKind::yes_no:
    case QuestionKind::date: return;
    // An option's id is valid text, so only an id that is not one is checked as text (before it
    // is echoed back in the message).
    case QuestionKind::choice:
      if (q.option_index(a.choice) < 0) {
        require_valid_text(a.choice, q.id, not_text);
        throw AnswerError(q.id, fmt::format("'{}' is not one of the options: {}", a.choice, option_choices(q)));
      }
      return;
    case QuestionKind::multi_choice:
      for (std::size_t i = 0; i < a.choices.size(); ++i) {
        if (q.option_index(a.choices[i]) < 0) {
          require_valid_text(a.choices[i], q.id, not_text);
          throw AnswerError(q.id, fmt::format("'{}' is not one of the options: {}", a.choices[i], option_choices(q)));
        }
        if (std::find(a.choices.begin(), a.choices.begin() + static_cast<std::ptrdiff_t>(i), a.choices[i]) !=
            a.choices.begin() + static_cast<std::ptrdiff_t>(i))
          throw AnswerError(q.id, fmt::format("'{}' is chosen twice", a.choices[i]));
      }
      return;
    case QuestionKind::number:
      if (!(a.number == a.number)) throw AnswerError(q.id, "the answer must be a number");
      if (q.min && a.number < *q.min) throw AnswerError(q.id, fmt::format("the answer must be at least {}", *q.min));
      if (q.max && a.number > *q.max) throw AnswerError(q.id, fmt::format("the answer must be at most {}", *q.max));
      return;
    case QuestionKind::text:
      require_valid_text(a.text, q.id, not_text);
      if (trim(a.text).empty()) throw AnswerError(q.id, "the answer must not be empty");
      if (count_characters(a.text) > max_text_answer)
        throw AnswerError(q.id, fmt::format("the answer is longer than {} characters", max_text_answer));
      return;
  }
}

Answer parse_answer(const Question& q, std::string_view input) {
  // Before anything echoes the input back in a reason.
  require_valid_text(input, q.id, not_text);
  const std::string_view typed = trim(input);
  if (typed.empty()) throw AnswerError(q.id, fmt::format("please give {}", kind_words(q.kind)));
  Answer a;
  switch (q.kind) {
    case QuestionKind::yes_no: {
      const std::string word = lower(typed);
      if (word == "y" || word == "yes")
        a = Answer::of_yes_no(true);
      else if (word == "n" || word == "no")
        a = Answer::of_yes_no(false);
      else
        throw AnswerError(q.id, fmt::format("'{}' is not yes or no", typed));
      break;
    }
    case QuestionKind::choice: a = Answer::of_choice(parse_option(q, typed)); break;
    case QuestionKind::multi_choice: {
      std::vector<std::string> ids;
      if (lower(typed) != "none") {
        std::string_view rest = typed;
        while (!rest.empty()) {
          const auto comma = rest.find(',');
          const std::string_view item = trim(rest.substr(0, comma));
          if (!item.empty()) ids.push_back(parse_option(q, item));
          rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
      }
      a = Answer::of_choices(std::move(ids));
      break;
    }
    case QuestionKind::number: {
      double value = 0;
      auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), value);
      if (ec != std::errc{} || end != typed.data() + typed.size())
        throw AnswerError(q.id, fmt::format("'{}' is not a number", typed));
      a = Answer::of_number(value);
      break;
    }
    case QuestionKind::date: {
      auto d = Date::parse(typed);
      if (!d) throw AnswerError(q.id, fmt::format("'{}' is not a date written YYYY-MM-DD", typed));
      a = Answer::of_date(*d);
      break;
    }
    case QuestionKind::text: a = Answer::of_text(std::string(typed)); break;
  }
  validate_answer(q, a);
  return a;
}

std::string describe_answer(const Question& q, const Answer& a) {
  switch (q.kind) {
    case QuestionKind::yes_no: return a.yes ? "Yes" : "No";
    case QuestionKind::choice: {
      const int i = q.option_index(a.choice);
      return i >= 0 ? q.options[i].text : a.choice;
    }
    case QuestionKind::multi_choice: {
      if (a.choices.empty()) return "None of these";
      std::string out;
      for (const auto& id : a.choices) {
        const int i = q.option_index(id);
        out += (out.empty() ? "" : "; ") + (i >= 0 ? q.options[i].text : id);
      }
      return out;
    }
    case QuestionKind::number: return fmt::format("{}", a.number);
    case QuestionKind::date: return a.date.iso();
    case QuestionKind::text: return a.text;
  }
  return {};
}

}  // namespace waymark
