// One-call evaluation, and the batch form that runs many answer sets in C++ without the GIL.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <waymark/outcome_batch.h>

#include <map>

#include "bind.h"
#include "bind_chronology.h"
#include "convert.h"
#include "errors.h"

namespace waymark::python {

namespace {

// "on_demand" (each action's reasons worked out when first read), "include" (with the outcome)
// or "omit" (never: Recommendation.because then raises).
Reasons reasons_from_python(std::string_view text) {
  if (const auto reasons = parse<Reasons>(text)) return *reasons;
  throw py::value_error(fmt::format("reasons must be 'on_demand', 'include' or 'omit', not '{}'", text));
}

OutcomeHolder evaluate(const PolicyHolder& policy, py::handle answers, std::optional<Date> date, py::handle events,
                       std::string_view reasons) {
  required(policy);
  const Reasons with = reasons_from_python(reasons);
  return std::make_shared<Outcome>(evaluate_answers(policy, answers_from_python(*policy, answers),
                                                    date.value_or(Date::today()), chronology_from_python(events), with));
}

// The outcomes of a batch, kept in C++ (and small: OutcomeBatch). A Python Outcome object is made
// only for the ones looked at, since making one per answer set would cost more than evaluating it.
struct Outcomes {
  std::shared_ptr<OutcomeBatch> batch;

  std::size_t size() const { return batch->size(); }
  OutcomeHolder at(std::ptrdiff_t index) const {
    const auto n = static_cast<std::ptrdiff_t>(size());
    if (index < 0) index += n;
    if (index < 0 || index >= n) throw py::index_error("outcome index out of range");
    return std::make_shared<Outcome>(batch->at(static_cast<std::size_t>(index)));
  }
};

// Answer sets are taken in chunks: each is converted (with the GIL), evaluated (without it).
// Chunks keep the working set in cache; the GIL is released once per chunk. A chunk stops at
// either limit: 256 sets of a large policy's answers (an IndexedAnswer is 128 bytes) were 5 MB,
// and reading them back missed the cache for half of settling them.
constexpr std::size_t chunk_size = 256;
constexpr std::size_t chunk_answers = 2048;

Outcomes evaluate_many(const PolicyHolder& policy, py::iterable answer_sets, std::optional<Date> date,
                       py::handle events, std::string_view reasons) {
  required(policy);
  const Reasons with = reasons_from_python(reasons);
  const Date day = date.value_or(Date::today());
  const auto chronology = chronology_from_python(events);
  auto outcomes = std::make_shared<OutcomeBatch>(policy, day);
  if (py::hasattr(answer_sets, "__len__")) outcomes->reserve(py::len(answer_sets));
  // One buffer for a chunk's answer sets, back to back (`ends`: where each stops), reused from
  // chunk to chunk rather than allocated per answer set.
  AnswerBuffer answers;
  std::vector<std::size_t> ends;
  ends.reserve(chunk_size);
  QuestionKeyCache known_keys;
  py::iterator it = py::iter(answer_sets);
  while (it != py::iterator::sentinel()) {
    answers.clear();
    ends.clear();
    for (; it != py::iterator::sentinel() && ends.size() < chunk_size && answers.size() < chunk_answers; ++it) {
      try {
        append_answers_from_python(*policy, *it, answers, &known_keys);
      } catch (const AnswerError& e) {
        throw BatchAnswerError(outcomes->size() + ends.size(), e);
      } catch (const py::type_error& e) {
        // Not a dict (or a key that is not a str): still say which answer set it was.
        throw BatchAnswerError(outcomes->size() + ends.size(), AnswerError("", e.what()));
      }
      ends.push_back(answers.size());
    }
    std::optional<BatchAnswerError> failure;
    {
      py::gil_scoped_release release;
      std::size_t begin = 0;
      for (std::size_t end : ends) {
        const std::span<IndexedAnswer> set = answers.view(begin, end);
        begin = end;
        try {
          outcomes->evaluate(set, chronology, with);
        } catch (const AnswerError& e) {
          failure.emplace(outcomes->size(), e);
          break;
        }
      }
    }
    if (failure) throw *failure;
  }
  return Outcomes{std::move(outcomes)};
}

void bind_outcomes(py::module_& m) {
  py::class_<Outcomes>(m, "Outcomes",
                       "The outcomes of evaluate_many(), in the order of the answer sets: a read-only sequence of "
                       "Outcome.")
      .def("__len__", &Outcomes::size)
      .def("__getitem__", &Outcomes::at, py::arg("index"))
      .def("__getitem__",
           [](const Outcomes& o, const py::slice& slice) {
             std::size_t start = 0, stop = 0, step = 0, length = 0;
             if (!slice.compute(o.size(), &start, &stop, &step, &length)) throw py::error_already_set();
             py::list out;
             for (std::size_t i = 0; i < length; ++i, start += step)
               out.append(o.at(static_cast<std::ptrdiff_t>(start)));
             return out;
           })
      .def("__iter__",
           [](py::object self) {
             // A generator over indices keeps this simple and lets the batch be freed when done.
             return py::iter(py::module_::import("builtins")
                                 .attr("map")(self.attr("__getitem__"),
                                              py::module_::import("builtins").attr("range")(py::len(self))));
           })
      .def(
          "action_counts",
          [](const Outcomes& o) {
            const std::vector<std::size_t> by_action = o.batch->action_counts();
            std::map<std::string, std::size_t> counts;
            for (std::size_t a = 0; a < by_action.size(); ++a)
              if (by_action[a] > 0) counts[o.batch->policy()->actions()[a].id] = by_action[a];
            return counts;
          },
          "Action id -> how many of the outcomes recommend it (computed in C++).")
      .def("__repr__", [](const Outcomes& o) { return fmt::format("<Outcomes of {} answer sets>", o.size()); });
}

}  // namespace

void bind_evaluate(py::module_& m) {
  bind_outcomes(m);
  m.def("evaluate", &evaluate, py::arg("policy"), py::arg("answers"), py::arg("date") = py::none(), py::kw_only(),
        py::arg("events") = py::none(), py::arg("reasons") = "on_demand",
        "The outcome of one set of answers (question id -> answer), applied in the policy's "
        "order, on `date` (default today), with the case's `events` (waymark.Event) if any. Raises "
        "AnswerError for an unknown question, a wrong "
        "type or option, or an answer to a question that is not asked given the others. Check "
        "`outcome.complete` for unanswered questions. `reasons`: as for evaluate_many().");
  m.def("evaluate_many", &evaluate_many, py::arg("policy"), py::arg("answer_sets"), py::arg("date") = py::none(),
        py::kw_only(), py::arg("events") = py::none(), py::arg("reasons") = "on_demand",
        "The outcomes of many answer sets (an Outcomes sequence, in order), each with the same "
        "`events` (waymark.Event) if given. The answers are "
        "converted from Python in chunks and evaluated in C++ with the GIL released (other Python "
        "threads keep running). Raises AnswerError with `.index` naming the first answer set that "
        "does not fit. `reasons` says when each Recommendation's `because` is worked out: "
        "'on_demand' (the default) when first read, so a batch whose reasons are not read does not pay "
        "for them; 'include' with the batch (when every outcome's reasons will be read); 'omit' never "
        "(the fastest: reading `because` or calling explain() then raises ValueError).");
}

}  // namespace waymark::python
