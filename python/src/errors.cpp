#include "errors.h"

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include "bind.h"

namespace waymark::python {

namespace {

// The exception classes live in Python (so they read and subclass naturally); looked up on each
// raise, which is rare and cheap once the module is imported.
void raise(const char* name, py::object instance) {
  py::object type = py::module_::import("waymark._errors").attr(name);
  PyErr_SetObject(type.ptr(), instance.ptr());
}

py::object make(const char* name, py::args args, py::kwargs kwargs = {}) {
  return py::module_::import("waymark._errors").attr(name)(*args, **kwargs);
}

// "question: reason", or only the reason when no question is concerned (an answer set that is not
// a dict).
std::string message_of(const AnswerError& e) { return e.question_id().empty() ? e.reason() : e.what(); }

void translate(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const BatchAnswerError& e) {
    raise("AnswerError", make("AnswerError", py::make_tuple(fmt::format("answer set {}: {}", e.index(), message_of(e)),
                                                            e.question_id(), e.reason(), e.index())));
  } catch (const AnswerError& e) {
    raise("AnswerError", make("AnswerError", py::make_tuple(message_of(e), e.question_id(), e.reason())));
  } catch (const PolicyError& e) {
    raise("PolicyError", make("PolicyError", py::make_tuple(e.what(), py::cast(e.diagnostics()))));
  } catch (const RecordError& e) {
    raise("RecordError", make("RecordError", py::make_tuple(e.what())));
  } catch (const Error& e) {
    raise("Error", make("Error", py::make_tuple(e.what())));
  } catch (const std::filesystem::filesystem_error& e) {
    py::object path = e.path1().empty() ? py::none() : py::cast(e.path1());
    PyErr_SetObject(PyExc_OSError, py::make_tuple(e.code().value(), e.what(), path).ptr());
  }
}

}  // namespace

void bind_errors(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic",
                         "One finding about a file, with its position (lines and columns count from 1; 0 is unknown).")
      .def_property_readonly(
          "severity", [](const Diagnostic& d) { return to_string(d.severity); }, "'error', 'warning' or 'note'.")
      .def_readonly("file", &Diagnostic::file, "The file the finding is about.")
      .def_property_readonly("line", [](const Diagnostic& d) { return d.position.line; })
      .def_property_readonly("column", [](const Diagnostic& d) { return d.position.column; })
      .def_property_readonly(
          "end_column", [](const Diagnostic& d) { return d.position.end_column; },
          "Where the offending text ends on its line (the column after it); 0 when not known.")
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("code", &Diagnostic::code,
                    "The stable code, such as 'E-LOAD-012' (docs/authoring.md lists them); match this, not the words.")
      .def_readonly("excerpt", &Diagnostic::excerpt, "The offending source line, when known.")
      .def("headline", &Diagnostic::headline, "The one-line `file:line:column: severity: message [code]` form.")
      .def("__str__", &Diagnostic::format)
      .def("__repr__", [](const Diagnostic& d) { return fmt::format("<Diagnostic {}>", d.headline()); });

  py::register_exception_translator([](std::exception_ptr error) {
    try {
      translate(error);
    } catch (const py::error_already_set& e) {
      // The translation itself failed (e.g. waymark._errors not importable): say so rather than
      // crash.
      PyErr_SetString(PyExc_RuntimeError, fmt::format("waymark: could not report an error: {}", e.what()).c_str());
    }
  });
}

}  // namespace waymark::python
