// The compiled part of the `waymark` Python package. Import `waymark`, not this module.
#include <waymark/build_info.h>

#include "bind.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Waymark's engine (the compiled part of the waymark package).";
  m.attr("__version__") = waymark::build::version;
  waymark::python::bind_errors(m);
  waymark::python::bind_policy(m);
  waymark::python::bind_registry(m);
  waymark::python::bind_outcome(m);
  waymark::python::bind_chronology(m);
  waymark::python::bind_session(m);
  waymark::python::bind_evaluate(m);
  waymark::python::bind_scenario(m);
  // Users meet these classes as waymark.Policy etc.; say so in reprs and help().
  for (auto [name, value] : m.attr("__dict__").cast<pybind11::dict>())
    if (PyType_Check(value.ptr())) value.attr("__module__") = "waymark";
}
