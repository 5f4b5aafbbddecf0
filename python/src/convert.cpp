#include "convert.h"

#include <datetime.h>
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>

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

std::string type_name(py::handle value) {
  return py::str(py::type::handle_of(value).attr("__name__"));
}

bool is_text(py::handle value) { return PyUnicode_Check(value.ptr()); }

}  // namespace

std::optional<Date> date_from_python(py::handle value) {
  ensure_datetime_api();
  if (!value) return std::nullopt;
  PyObject* p = value.ptr();
  if (PyDate_Check(p) &&
      !PyDateTime_Check(p))  // a datetime has a time of day (and maybe a zone): refuse it
    return Date::from_ymd(PyDateTime_GET_YEAR(p), static_cast<unsigned>(PyDateTime_GET_MONTH(p)),
                          static_cast<unsigned>(PyDateTime_GET_DAY(p)));
  if (is_text(value)) return Date::parse(value.cast<std::string>());
  return std::nullopt;
}

py::object date_to_python(Date date) {
  ensure_datetime_api();
  const std::chrono::year_month_day ymd{date.days()};
  PyObject* p = PyDate_FromDate(static_cast<int>(ymd.year()),
                                static_cast<int>(static_cast<unsigned>(ymd.month())),
                                static_cast<int>(static_cast<unsigned>(ymd.day())));
  if (!p) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(p);
}

Answer answer_from_python(const Question& q, py::handle value) {
  auto wrong = [&](std::string_view takes) {
    return AnswerError(q.id, fmt::format("a {} question takes {}, not {}", to_string(q.kind), takes,
                                         type_name(value)));
  };
  switch (q.kind) {
    case QuestionKind::yes_no:
      if (!PyBool_Check(value.ptr())) throw wrong("True or False");
      return Answer::of_yes_no(value.ptr() == Py_True);
    case QuestionKind::choice:
      if (!is_text(value)) throw wrong("an option id (a str)");
      return Answer::of_choice(value.cast<std::string>());
    case QuestionKind::multi_choice: {
      // A str is iterable too, but "calls" is one option id, not five letters.
      if (is_text(value) || !py::isinstance<py::iterable>(value))
        throw wrong("a list of option ids");
      std::vector<std::string> ids;
      for (py::handle item : value) {
        if (!is_text(item))
          throw AnswerError(q.id, fmt::format("every option id in the list must be a str, not {}",
                                              type_name(item)));
        ids.push_back(item.cast<std::string>());
      }
      return Answer::of_choices(std::move(ids));
    }
    case QuestionKind::number:
      // bool is an int in Python, but True is not a count of anything.
      if (PyBool_Check(value.ptr()) || !(PyLong_Check(value.ptr()) || PyFloat_Check(value.ptr())))
        throw wrong("a number (an int or a float)");
      return Answer::of_number(value.cast<double>());
    case QuestionKind::date:
      if (auto date = date_from_python(value)) return Answer::of_date(*date);
      throw wrong("a datetime.date or a 'YYYY-MM-DD' string");
    case QuestionKind::text:
      if (!is_text(value)) throw wrong("text (a str)");
      return Answer::of_text(value.cast<std::string>());
  }
  throw wrong("a value");
}

py::object answer_to_python(const Answer& a) {
  switch (a.kind) {
    case QuestionKind::yes_no:
      return py::bool_(a.yes);
    case QuestionKind::choice:
      return py::str(a.choice);
    case QuestionKind::multi_choice:
      return py::cast(a.choices);
    case QuestionKind::number:
      return py::float_(a.number);
    case QuestionKind::date:
      return date_to_python(a.date);
    case QuestionKind::text:
      return py::str(a.text);
  }
  return py::none();
}

std::vector<IndexedAnswer> answers_from_python(const Policy& policy, py::handle mapping) {
  if (!py::isinstance<py::dict>(mapping) && !py::hasattr(mapping, "items"))
    throw py::type_error(
        fmt::format("answers are a dict of question id to answer, not {}", type_name(mapping)));
  std::vector<IndexedAnswer> out;
  auto add = [&](py::handle key, py::handle value) {
    if (!is_text(key))
      throw py::type_error(fmt::format("question ids are str, not {}", type_name(key)));
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(key.ptr(), &size);  // cached in the str
    if (!utf8) throw py::error_already_set();
    const std::string_view id(utf8, static_cast<std::size_t>(size));
    const int index = policy.question_index(id);
    if (index < 0)
      throw AnswerError(std::string(id),
                        fmt::format("policy '{}' has no question with that id", policy.id()));
    out.push_back({index, answer_from_python(policy.questions()[index], value)});
  };
  if (PyDict_Check(mapping.ptr())) {
    out.reserve(static_cast<std::size_t>(PyDict_Size(mapping.ptr())));
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(mapping)) add(key, value);
  } else {
    for (py::handle item : mapping.attr("items")()) add(item[py::int_(0)], item[py::int_(1)]);
  }
  return out;
}

void apply_answers(Session& session, std::vector<IndexedAnswer> answers, std::string_view at) {
  std::sort(answers.begin(), answers.end(),
            [](const IndexedAnswer& a, const IndexedAnswer& b) { return a.question < b.question; });
  const Policy& policy = session.policy();
  for (const IndexedAnswer& given : answers) {
    const Question& q = policy.questions()[given.question];
    if (!session.is_applicable(q.id))
      throw AnswerError(
          q.id,
          fmt::format(
              "this question is not asked given the answers before it (it is asked only if {})",
              q.ask_if.text()));
    session.answer(q.id, given.answer, at);
  }
}

std::string timestamp_or_now(const std::optional<std::string>& at) {
  return at ? *at : timestamp_now();
}

}  // namespace waymark::python
