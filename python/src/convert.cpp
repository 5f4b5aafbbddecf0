#include "convert.h"

#include <datetime.h>
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace waymark::python {

namespace {

// The datetime C API is looked up on first use (it is per translation unit, as in
// pybind11/chrono.h).
void ensure_datetime_api() {
  if (!PyDateTimeAPI) {
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw py::error_already_set();
  }
}

std::string type_name(py::handle value) { return py::str(py::type::handle_of(value).attr("__name__")); }

bool is_text(py::handle value) { return PyUnicode_Check(value.ptr()); }

// A str's text as UTF-8, viewed in the str (which caches it); nullopt for one that has none (a
// lone surrogate such as '\ud800').
std::optional<std::string_view> utf8_view_of(py::handle text) {
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (!utf8) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(utf8, static_cast<std::size_t>(size));
}

std::optional<std::string> utf8_of(py::handle text) {
  if (auto view = utf8_view_of(text)) return std::string(*view);
  return std::nullopt;
}

constexpr std::string_view not_unicode = "the text is not valid Unicode (it holds a lone surrogate, such as '\\ud800')";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `text[at..at+n)` are all digits.
bool digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!is_digit(text[i])) return false;
  return true;
}

// ISO 8601 date and time: YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM], a real date and time.
bool is_timestamp(std::string_view t) {
  if (t.size() < 16 || !Date::parse(t.substr(0, 10)) || (t[10] != 'T' && t[10] != ' ')) return false;
  if (!digits(t, 11, 2) || t[13] != ':' || !digits(t, 14, 2)) return false;
  const int hour = (t[11] - '0') * 10 + (t[12] - '0');
  const int minute = (t[14] - '0') * 10 + (t[15] - '0');
  if (hour > 23 || minute > 59) return false;
  std::size_t at = 16;
  if (at < t.size() && t[at] == ':') {
    if (!digits(t, at + 1, 2) || (t[at + 1] - '0') * 10 + (t[at + 2] - '0') > 60) return false;
    at += 3;
    if (at < t.size() && t[at] == '.') {
      ++at;
      const std::size_t start = at;
      while (at < t.size() && is_digit(t[at])) ++at;
      if (at == start) return false;
    }
  }
  if (at == t.size()) return true;
  if (t[at] == 'Z') return at + 1 == t.size();
  if (t[at] != '+' && t[at] != '-') return false;
  return t.size() == at + 6 && digits(t, at + 1, 2) && t[at + 3] == ':' && digits(t, at + 4, 2);
}

}  // namespace

std::optional<Date> date_from_python(py::handle value) {
  ensure_datetime_api();
  if (!value) return std::nullopt;
  PyObject* p = value.ptr();
  if (PyDate_Check(p) && !PyDateTime_Check(p))  // a datetime has a time of day (and maybe a zone): refuse it
    return Date::from_ymd(PyDateTime_GET_YEAR(p), static_cast<unsigned>(PyDateTime_GET_MONTH(p)),
                          static_cast<unsigned>(PyDateTime_GET_DAY(p)));
  if (is_text(value))
    if (auto text = utf8_of(value)) return Date::parse(*text);
  return std::nullopt;
}

py::object date_to_python(Date date) {
  ensure_datetime_api();
  const std::chrono::year_month_day ymd{date.days()};
  PyObject* p = PyDate_FromDate(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                                static_cast<int>(static_cast<unsigned>(ymd.day())));
  if (!p) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(p);
}

namespace {

// Makes `a` the empty answer of a kind, keeping its strings' storage for the next value.
void reset_answer(Answer& a, QuestionKind kind) {
  a.kind = kind;
  a.yes = false;
  a.choice.clear();
  a.choices.clear();
  a.number = 0;
  a.date = Date{};
  a.text.clear();
}

// `text`'s UTF-8 into `out`, reusing its storage; AnswerError for a str that has none.
void assign_text(const Question& q, py::handle text, std::string& out) {
  const auto utf8 = utf8_view_of(text);
  if (!utf8) throw AnswerError(q.id, std::string(not_unicode));
  out.assign(*utf8);
}

}  // namespace

void assign_answer_from_python(const Question& q, py::handle value, Answer& a) {
  auto wrong = [&](std::string_view takes) {
    return AnswerError(q.id, fmt::format("a {} question takes {}, not {}", to_string(q.kind), takes, type_name(value)));
  };
  reset_answer(a, q.kind);  // what it holds after a failure does not matter: the caller drops it
  switch (q.kind) {
    case QuestionKind::yes_no:
      if (!PyBool_Check(value.ptr())) throw wrong("True or False");
      a.yes = value.ptr() == Py_True;
      return;
    case QuestionKind::choice:
      if (!is_text(value)) throw wrong("an option id (a str)");
      assign_text(q, value, a.choice);
      return;
    case QuestionKind::multi_choice:
      // A str is iterable too, but "calls" is one option id, not five letters.
      if (is_text(value) || !py::isinstance<py::iterable>(value)) throw wrong("a list of option ids");
      for (py::handle item : value) {
        if (!is_text(item))
          throw AnswerError(q.id, fmt::format("every option id in the list must be a str, not {}", type_name(item)));
        assign_text(q, item, a.choices.emplace_back());
      }
      return;
    case QuestionKind::number:
      // bool is an int in Python, but True is not a count of anything.
      if (PyBool_Check(value.ptr()) || !(PyLong_Check(value.ptr()) || PyFloat_Check(value.ptr())))
        throw wrong("a number (an int or a float)");
      {
        const double number = PyFloat_AsDouble(value.ptr());
        if (number == -1.0 && PyErr_Occurred()) {
          PyErr_Clear();  // OverflowError: an int beyond what a float holds
          throw AnswerError(q.id, "the number is too large");
        }
        if (!std::isfinite(number)) throw AnswerError(q.id, "the number must be finite (not inf or nan)");
        a.number = number;
        return;
      }
    case QuestionKind::date:
      if (auto date = date_from_python(value)) {
        a.date = *date;
        return;
      }
      throw wrong("a datetime.date or a 'YYYY-MM-DD' string");
    case QuestionKind::text:
      if (!is_text(value)) throw wrong("text (a str)");
      assign_text(q, value, a.text);
      return;
  }
  throw wrong("a value");
}

Answer answer_from_python(const Question& q, py::handle value) {
  Answer a;
  assign_answer_from_python(q, value, a);
  return a;
}

py::object answer_to_python(const Answer& a) {
  switch (a.kind) {
    case QuestionKind::yes_no: return py::bool_(a.yes);
    case QuestionKind::choice: return py::str(a.choice);
    case QuestionKind::multi_choice: return py::cast(a.choices);
    case QuestionKind::number: return py::float_(a.number);
    case QuestionKind::date: return date_to_python(a.date);
    case QuestionKind::text: return py::str(a.text);
  }
  return py::none();
}

std::vector<IndexedAnswer> answers_from_python(const Policy& policy, py::handle mapping) {
  AnswerBuffer out;
  append_answers_from_python(policy, mapping, out);
  return std::move(out).take();
}

void append_answers_from_python(const Policy& policy, py::handle mapping, AnswerBuffer& out, QuestionKeyCache* known) {
  if (!py::isinstance<py::dict>(mapping) && !py::hasattr(mapping, "items"))
    throw py::type_error(fmt::format("answers are a dict of question id to answer, not {}", type_name(mapping)));
  // Answers usually come in the policy's order (a dict built while walking a session, or written
  // out question by question): the question after the last one found is tried first, which saves
  // hashing the id (a sixth of a batch on the 200-question policy).
  const auto& questions = policy.questions();
  std::size_t next = 0;
  auto find = [&](std::string_view id) {
    if (next < questions.size() && questions[next].id == id) return static_cast<int>(next);
    return policy.question_index(id);
  };
  auto index_of = [&](py::handle key) {
    if (known)
      if (const int index = known->find(key); index >= 0) return index;
    if (!is_text(key)) throw py::type_error(fmt::format("question ids are str, not {}", type_name(key)));
    const auto utf8 = utf8_view_of(key);
    if (!utf8) throw AnswerError("", "a question id is not valid Unicode (it holds a lone surrogate)");
    const std::string_view id = *utf8;
    const int index = find(id);
    if (index < 0)
      throw AnswerError(std::string(id), fmt::format("policy '{}' has no question with that id", policy.id()));
    if (known && PyUnicode_CheckExact(key.ptr())) known->remember(key, index);  // exactly str: immutable
    return index;
  };
  auto add = [&](py::handle key, py::handle value) {
    const int index = index_of(key);
    next = static_cast<std::size_t>(index) + 1;
    IndexedAnswer& given = out.push();
    given.question = index;
    try {
      assign_answer_from_python(questions[static_cast<std::size_t>(index)], value, given.answer);
    } catch (...) {
      out.pop();
      throw;
    }
  };
  if (PyDict_Check(mapping.ptr())) {
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(mapping)) add(key, value);
  } else {
    for (py::handle item : mapping.attr("items")()) add(item[py::int_(0)], item[py::int_(1)]);
  }
}

void apply_answers(Session& session, std::vector<IndexedAnswer> answers, std::string_view at) {
  std::sort(answers.begin(), answers.end(),
            [](const IndexedAnswer& a, const IndexedAnswer& b) { return a.question < b.question; });
  const Policy& policy = session.policy();
  for (const IndexedAnswer& given : answers) {
    const Question& q = policy.questions()[given.question];
    if (!session.is_applicable(q.id))
      throw AnswerError(q.id,
                        fmt::format("this question is not asked given the answers before it (it is asked only if {})",
                                    q.ask_if.text()));
    session.answer(q.id, given.answer, at);
  }
}

std::string timestamp_or_now(const std::optional<std::string>& at) {
  if (!at) return timestamp_now();
  if (!is_timestamp(*at))
    throw py::value_error(
        fmt::format("timestamp '{}' is not ISO 8601: write the date and time, like '2026-11-25T10:04:00Z'", *at));
  return *at;
}

void throw_not_a_date(py::handle value) {
  if (!is_text(value)) return;
  auto text = utf8_of(value);
  throw py::value_error(fmt::format("date '{}' is not a real date written YYYY-MM-DD",
                                    text ? *text : std::string("(not valid Unicode)")));
}

}  // namespace waymark::python
