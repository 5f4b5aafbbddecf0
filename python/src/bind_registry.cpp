// The registry of policies found in folders or on the search path.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cerrno>
#include <cstdlib>

#include "bind.h"

namespace waymark::python {

namespace fs = std::filesystem;

namespace {

// The search path wants the folder of an executable under <prefix>/bin, to find the installed
// <prefix>/share/waymark/policies. This module is installed as
// <prefix>/lib/python3/dist-packages/waymark/_core.so, four folders below the prefix.
fs::path executable_dir_equivalent() {
  const fs::path module = py::module_::import("waymark._core").attr("__file__").cast<std::string>();
  return module.parent_path().parent_path().parent_path().parent_path().parent_path() / "bin";
}

std::vector<fs::path> plugin_path(const std::vector<fs::path>& folders) {
  const char* env = std::getenv("WAYMARK_PLUGIN_PATH");
  return plugin_search_path(folders, env ? std::optional<std::string_view>(env) : std::nullopt,
                            executable_dir_equivalent());
}

// Refused plugins do not stop the others loading; Python hears of them as warnings.
void warn_about(const std::vector<Diagnostic>& problems) {
  for (const auto& problem : problems) PyErr_WarnEx(PyExc_RuntimeWarning, problem.format().c_str(), 1);
}

std::vector<fs::path> search_path(const std::vector<fs::path>& folders) {
  const char* env = std::getenv("WAYMARK_POLICY_PATH");
  return policy_search_path(folders, env ? std::optional<std::string_view>(env) : std::nullopt,
                            executable_dir_equivalent());
}

PolicyHolder get(const PolicyRegistry& registry, std::string_view id) {
  if (const PolicyEntry* entry = registry.find(id)) return hold(entry->policy);
  std::string known;
  for (const auto& entry : registry.policies())
    known += (known.empty() ? "" : ", ") + entry.policy->id();
  throw py::key_error(
      fmt::format("no policy with id '{}' (found: {})", id, known.empty() ? "none" : known));
}

std::vector<PolicyHolder> all(const PolicyRegistry& registry) {
  std::vector<PolicyHolder> out;
  for (const auto& entry : registry.policies()) out.push_back(hold(entry.policy));
  return out;
}

}  // namespace

void bind_registry(py::module_& m) {
  py::class_<PolicyRegistry>(
      m, "PolicyRegistry",
      "Policies found in folders. A file that fails to load is reported in `problems` and "
      "skipped. Policies taken from it stay valid after the registry is gone.")
      .def(py::init<>(), "An empty registry; fill it with add_directory() and add_file().")
      .def_static(
          "from_search_path",
          [](const std::vector<fs::path>& folders, const std::vector<fs::path>& plugin_dirs, bool plugins) {
            PluginRegistry loaded;
            if (plugins) {
              for (const auto& folder : plugin_path(plugin_dirs)) loaded.add_directory(folder);
              warn_about(loaded.problems());
            }
            auto registry = std::make_unique<PolicyRegistry>(loaded);
            for (const auto& folder : search_path(folders)) registry->add_directory(folder);
            return registry;
          },
          py::arg("folders") = std::vector<fs::path>{}, py::arg("plugin_dirs") = std::vector<fs::path>{},
          py::arg("plugins") = true,
          "Every policy on the search path, as the `waymark` command finds them: first the policies "
          "of the plugins in `plugin_dirs`, $WAYMARK_PLUGIN_PATH and the bundled plugin folder "
          "(unless `plugins` is False; a refused plugin is a RuntimeWarning), then the policy files "
          "in `folders`, $WAYMARK_POLICY_PATH and the bundled policies. Policy files may call the "
          "plugins' functions.")
      .def("add_directory", &PolicyRegistry::add_directory, py::arg("folder"),
           "Loads every *.toml in the folder except *.tests.toml. A missing folder is skipped; a "
           "policy id already found is reported and skipped.")
      .def(
          "add_file",
          [](PolicyRegistry& r, const fs::path& file) { return hold(r.add_file(file)); },
          py::arg("path"),
          "Loads one policy file (replacing one with the same id). Raises PolicyError if it does "
          "not load.")
      .def_property_readonly("problems", &PolicyRegistry::problems,
                             "Diagnostics for files that failed to load and ids found twice.")
      .def("__getitem__", &get, py::arg("policy_id"))
      .def(
          "get",
          [](const PolicyRegistry& r, std::string_view id) -> std::optional<PolicyHolder> {
            if (const PolicyEntry* entry = r.find(id)) return hold(entry->policy);
            return std::nullopt;
          },
          py::arg("policy_id"), "The policy with this id, or None.")
      .def(
          "file_of",
          [](const PolicyRegistry& r, std::string_view id) {
            if (const PolicyEntry* entry = r.find(id)) return entry->file;
            throw py::key_error(fmt::format("no policy with id '{}'", id));
          },
          py::arg("policy_id"), "The file the policy was loaded from.")
      .def("__contains__",
           [](const PolicyRegistry& r, std::string_view id) { return r.find(id) != nullptr; })
      .def("__len__", [](const PolicyRegistry& r) { return r.policies().size(); })
      .def(
          "__iter__", [](const PolicyRegistry& r) { return py::iter(py::cast(all(r))); },
          "The policies, in the order found.")
      .def("ids",
           [](const PolicyRegistry& r) {
             std::vector<std::string> ids;
             for (const auto& entry : r.policies()) ids.push_back(entry.policy->id());
             return ids;
           })
      .def("__repr__", [](const PolicyRegistry& r) {
        return fmt::format("<PolicyRegistry {} policies, {} problems>", r.policies().size(),
                           r.problems().size());
      });

  m.def("plugin_search_path", &plugin_path, py::arg("folders") = std::vector<fs::path>{},
        "The folders searched for plugins, in order: `folders`, then $WAYMARK_PLUGIN_PATH "
        "(':'-separated), then the bundled plugin folder.");
  m.def("policy_search_path", &search_path, py::arg("folders") = std::vector<fs::path>{},
        "The folders searched for policies, in order: `folders`, then $WAYMARK_POLICY_PATH "
        "(':'-separated), then the bundled policies.");
  m.def(
      "load_policies",
      [](const fs::path& folder) {
        std::error_code error;
        if (!fs::is_directory(folder, error)) {
          PyErr_SetObject(PyExc_FileNotFoundError,
                          py::make_tuple(ENOENT, "no such folder", folder.string()).ptr());
          throw py::error_already_set();
        }
        auto registry = std::make_unique<PolicyRegistry>();
        registry->add_directory(folder);
        return registry;
      },
      py::arg("folder"),
      "A registry of the policies in one folder (see PolicyRegistry.problems for failures).");
}

}  // namespace waymark::python
