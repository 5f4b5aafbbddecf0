// Shared by the binding sources: each bind_*.cpp adds one area of the API to the module.
#pragma once

#include <pybind11/pybind11.h>
#include <waymark/waymark.h>

#include <memory>
#include <optional>
#include <string>

namespace waymark::python {

namespace py = pybind11;

// pybind11 holders must be shared_ptr<T> with a non-const T. Nothing bound mutates a policy or an
// outcome, so the const is dropped only for the holder's sake.
using PolicyHolder = std::shared_ptr<Policy>;
using OutcomeHolder = std::shared_ptr<Outcome>;

inline PolicyHolder hold(std::shared_ptr<const Policy> policy) {
  return std::const_pointer_cast<Policy>(std::move(policy));
}

// A part of a policy or an outcome (a question, an action, a recommendation...) with a reference
// to its owner, so the Python object for the part keeps the whole policy alive (and, later, the
// plugin that made it) even after the registry or outcome it came from is gone.
template <class T, class Owner = Policy>
struct Part {
  std::shared_ptr<const Owner> owner;
  const T* item = nullptr;

  const T& operator*() const { return *item; }
  const T* operator->() const { return item; }
};

using QuestionRef = Part<Question>;
using ActionRef = Part<Action>;
using NoteRef = Part<Note>;
using RecommendationRef = Part<Recommendation, Outcome>;

// pybind11 passes None as an empty holder, which would crash the first time it is used: every
// binding that takes a policy checks it, so None is a TypeError saying what was wanted.
inline const PolicyHolder& required(const PolicyHolder& policy, const char* name = "policy") {
  if (!policy) throw py::type_error(std::string(name) + " must be a waymark.Policy, not None");
  return policy;
}

// Python's repr of a str, for __repr__ methods.
inline std::string repr(const std::string& text) { return py::repr(py::str(text)).cast<std::string>(); }

/// For a policy a plugin provides: the plugin's file, id and version and the embedded file's name
/// (a policy's own origin is only that name, relative to the plugin's source tree).
std::optional<std::string> plugin_origin(const PolicyHolder& policy);

void bind_errors(py::module_& m);
void bind_policy(py::module_& m);
void bind_registry(py::module_& m);
void bind_outcome(py::module_& m);
void bind_chronology(py::module_& m);
void bind_session(py::module_& m);
void bind_evaluate(py::module_& m);
void bind_scenario(py::module_& m);
void bind_what_would_change(py::class_<Session>& cls);

}  // namespace waymark::python
