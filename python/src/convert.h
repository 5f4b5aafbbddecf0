// Conversions between Python values and Waymark's: dates and answers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bind.h"

namespace waymark::python {

/// A date from a `datetime.date` (not a `datetime.datetime`) or an ISO `YYYY-MM-DD` string.
std::optional<Date> date_from_python(py::handle value);
py::object date_to_python(Date date);

/// Converts a Python value to an answer to `question`, checking only its Python type (the
/// session checks options and bounds). Throws AnswerError saying what the question takes.
Answer answer_from_python(const Question& question, py::handle value);
/// The same, written over `answer` (whose strings keep their storage).
void assign_answer_from_python(const Question& question, py::handle value, Answer& answer);
py::object answer_to_python(const Answer& answer);

/// Question ids a batch has looked up already, by the str object given: the same objects come
/// back set after set (a DataFrame's or csv.DictReader's column names, the literals in a script,
/// one dict repeated), and knowing one by its address saves reading and hashing it. Holds a
/// reference to each str it knows, so no other str can take that address while it is cached.
class QuestionKeyCache {
 public:
  int find(py::handle key) const {
    const Slot& slot = slots_[slot_of(key)];
    return slot.key.ptr() == key.ptr() ? slot.question : -1;
  }
  void remember(py::handle key, int question) {
    Slot& slot = slots_[slot_of(key)];
    slot.key = py::reinterpret_borrow<py::object>(key);
    slot.question = question;
  }

 private:
  struct Slot {
    py::object key;
    int question = -1;
  };
  static std::size_t slot_of(py::handle key) {
    return (reinterpret_cast<std::uintptr_t>(key.ptr()) >> 4) % std::tuple_size_v<decltype(slots_)>;
  }
  std::array<Slot, 1024> slots_;
};

/// Answer sets, back to back, in storage reused from one chunk of a batch to the next: an answer
/// is written over the one that stood in its place (whose strings keep their storage) rather than
/// built and destroyed, which was a tenth of a batch's time on the 200-question policy.
class AnswerBuffer {
 public:
  void clear() noexcept { size_ = 0; }
  std::size_t size() const noexcept { return size_; }
  /// The next place, for an answer to be written over whatever it holds.
  IndexedAnswer& push() {
    if (size_ == answers_.size()) answers_.emplace_back();
    return answers_[size_++];
  }
  void pop() noexcept { --size_; }
  std::span<IndexedAnswer> view(std::size_t begin, std::size_t end) noexcept {
    return {answers_.data() + begin, end - begin};
  }
  std::vector<IndexedAnswer> take() && {
    answers_.resize(size_);
    return std::move(answers_);
  }

 private:
  std::vector<IndexedAnswer> answers_;
  std::size_t size_ = 0;
};

/// Converts a mapping of question id to value. Throws AnswerError for an unknown id or a value
/// of the wrong type. Needs the GIL.
std::vector<IndexedAnswer> answers_from_python(const Policy& policy, py::handle mapping);
// The same, added to the end of `out` (a batch's buffer, reused from one answer set to the next).
void append_answers_from_python(const Policy& policy, py::handle mapping, AnswerBuffer& out,
                                QuestionKeyCache* known = nullptr);

/// Applies answers in the policy's order, so each is checked against the answers before it.
/// Throws AnswerError. Pure C++: safe without the GIL.
void apply_answers(Session& session, std::vector<IndexedAnswer> answers, std::string_view at);

/// The time now, unless the caller gave one; ValueError unless it is an ISO 8601 date and time.
std::string timestamp_or_now(const std::optional<std::string>& at);

/// For a str that is not a date: ValueError naming it, rather than pybind11's TypeError listing
/// signatures. Returns for any other type (which may still fit another overload).
void throw_not_a_date(py::handle value);

}  // namespace waymark::python

namespace pybind11::detail {

// `datetime.date` <-> waymark::Date, so signatures and stubs say what they take.
template <>
struct type_caster<waymark::Date> {
  PYBIND11_TYPE_CASTER(waymark::Date, const_name("datetime.date"));

  bool load(handle source, bool) {
    auto date = waymark::python::date_from_python(source);
    if (!date) waymark::python::throw_not_a_date(source);
    if (date) value = *date;
    return date.has_value();
  }
  static handle cast(waymark::Date date, return_value_policy, handle) {
    return waymark::python::date_to_python(date).release();
  }
};

}  // namespace pybind11::detail
