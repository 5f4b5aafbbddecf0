// The registry of policies found in folders or on the search path.
#include <fmt/format.h>
#include <waymark/build_info.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "bind.h"
#include "convert.h"

namespace waymark::python {

namespace fs = std::filesystem;

namespace {

// A policy registry that also remembers the plugins it was built from (the C++ registry keeps
// only those that provide policies), so Python can list them all.
struct Registry : PolicyRegistry {
  using PolicyRegistry::PolicyRegistry;
  std::vector<std::shared_ptr<const PluginInfo>> plugins;
};

// Policies that came from plugins, and the plugin's description of where: a weak reference, so a
// policy freed and another allocated at its address is never mistaken for it.
std::vector<std::pair<std::weak_ptr<const Policy>, std::string>>& plugin_origins() {
  static std::vector<std::pair<std::weak_ptr<const Policy>, std::string>> origins;
  return origins;
}

void remember_plugin_origins(const PolicyRegistry& registry) {
  auto& origins = plugin_origins();
  std::erase_if(origins, [](const auto& entry) { return entry.first.expired(); });
  for (const PolicyEntry& entry : registry.policies()) {
    if (!entry.plugin) continue;
    const bool known =
        std::any_of(origins.begin(), origins.end(), [&](const auto& o) { return o.first.lock() == entry.policy; });
    if (!known)
      origins.emplace_back(entry.policy, fmt::format("{} (plugin '{}' {}, embedded {})", entry.plugin->file.string(),
                                                     entry.plugin->id, entry.plugin->version, entry.policy->origin()));
  }
}

// The search path wants the folder of an executable under <prefix>/bin, to find the installed
// <prefix>/share/waymark/policies. Installed by `cmake --install` or the Debian package, this
// module is <prefix>/lib/python3/dist-packages/waymark/_core.so, four folders below the prefix;
// from a wheel, the package folder is itself the prefix (python/wheel/build-wheel.sh).
fs::path executable_dir_equivalent() {
  const fs::path package = fs::path(py::module_::import("waymark._core").attr("__file__").cast<std::string>()).parent_path();
  std::error_code ignored;
  if (fs::is_directory(package / build::installed_policy_subdir, ignored)) return package / "bin";
  return package.parent_path().parent_path().parent_path().parent_path() / "bin";
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

const PolicyEntry* find(const PolicyRegistry& registry, std::string_view id, const std::optional<Date>& on) {
  return on ? registry.find(id, *on) : registry.find(id);
}

PolicyHolder get(const Registry& registry, std::string_view id) {
  if (const PolicyEntry* entry = registry.find(id)) return hold(entry->policy);
  std::string known;
  for (const auto& entry : registry.policies()) known += (known.empty() ? "" : ", ") + entry.policy->id();
  throw py::key_error(fmt::format("no policy with id '{}' (found: {})", id, known.empty() ? "none" : known));
}

std::vector<PolicyHolder> all(const Registry& registry) {
  std::vector<PolicyHolder> out;
  for (const auto& entry : registry.policies()) out.push_back(hold(entry.policy));
  return out;
}

py::object plugin_of(const PolicyEntry& entry) { return entry.plugin ? py::cast(entry.plugin) : py::none(); }

void bind_plugin(py::module_& m) {
  py::class_<PluginInfo, std::shared_ptr<PluginInfo>>(
      m, "Plugin", "A compiled plugin that was loaded: what it is and what it provides.")
      .def_readonly("id", &PluginInfo::id)
      .def_readonly("name", &PluginInfo::name)
      .def_readonly("version", &PluginInfo::version)
      .def_readonly("file", &PluginInfo::file, "The library it was loaded from (pathlib.Path).")
      .def_readonly("policies", &PluginInfo::policies, "Ids of the policies it provides.")
      .def_readonly("functions", &PluginInfo::functions, "Names of the functions it adds to conditions.")
      .def("__repr__", [](const PluginInfo& p) {
        return fmt::format("<Plugin {} {} from {}: {} policies, {} functions>", p.id, p.version, p.file.string(),
                           p.policies.size(), p.functions.size());
      });
}

}  // namespace

std::optional<std::string> plugin_origin(const PolicyHolder& policy) {
  for (const auto& [weak, origin] : plugin_origins())
    if (weak.lock() == policy) return origin;
  return std::nullopt;
}

void bind_registry(py::module_& m) {
  bind_plugin(m);
  py::class_<Registry>(m, "PolicyRegistry",
                       "Policies found in folders. A file that fails to load is reported in `problems` and "
                       "skipped. Policies taken from it stay valid after the registry is gone.")
      .def(py::init([] { return std::make_unique<Registry>(); }),
           "An empty registry; fill it with add_directory() and add_file().")
      .def_static(
          "from_search_path",
          [](const std::vector<fs::path>& folders, const std::vector<fs::path>& plugin_dirs, bool plugins) {
            PluginRegistry loaded;
            if (plugins) {
              loaded.add_directories(plugin_path(plugin_dirs));
              warn_about(loaded.problems());
            }
            auto registry = std::make_unique<Registry>(loaded);
            for (const LoadedPlugin& plugin : loaded.plugins())
              registry->plugins.push_back(std::const_pointer_cast<PluginInfo>(plugin.info));
            registry->add_search_path(search_path(folders));
            remember_plugin_origins(*registry);
            return registry;
          },
          py::arg("folders") = std::vector<fs::path>{}, py::arg("plugin_dirs") = std::vector<fs::path>{},
          py::arg("plugins") = true,
          "Every policy on the search path, as the `waymark` command finds them: first the "
          "policies "
          "of the plugins in `plugin_dirs`, $WAYMARK_PLUGIN_PATH and the bundled plugin folder "
          "(unless `plugins` is False; a refused plugin is a RuntimeWarning), then the policy "
          "files "
          "in `folders`, $WAYMARK_POLICY_PATH and the bundled policies. Policy files may call the "
          "plugins' functions.")
      .def(
          "add_directory", [](Registry& r, const fs::path& folder) { r.add_directory(folder); }, py::arg("folder"),
          "Loads every *.toml in the folder except *.tests.toml. A missing folder is skipped; a "
          "policy id already found is reported and skipped.")
      .def(
          "add_file", [](Registry& r, const fs::path& file) { return hold(r.add_file(file)); }, py::arg("path"),
          "Loads one policy file (replacing one with the same id). Raises PolicyError if it does "
          "not load.")
      .def_property_readonly(
          "problems", [](const Registry& r) { return r.problems(); },
          "Diagnostics for files that failed to load and ids found twice.")
      .def("__getitem__", &get, py::arg("policy_id"),
           "The version of the policy in force today; KeyError if there is none.")
      .def(
          "get",
          [](const Registry& r, std::string_view id, std::optional<Date> on) -> std::optional<PolicyHolder> {
            if (const PolicyEntry* entry = find(r, id, on)) return hold(entry->policy);
            return std::nullopt;
          },
          py::arg("policy_id"), py::kw_only(), py::arg("on") = py::none(),
          "The version in force on `on` (default today): the latest effective on or before it, "
          "else the first to take effect. None if no policy has the id.")
      .def(
          "versions",
          [](const Registry& r, std::string_view id) {
            std::vector<PolicyHolder> out;
            for (const PolicyEntry* entry : r.versions(id)) out.push_back(hold(entry->policy));
            return out;
          },
          py::arg("policy_id"), "Every installed version of the policy, earliest effective date first (empty if none).")
      .def(
          "file_of",
          [](const Registry& r, std::string_view id) {
            if (const PolicyEntry* entry = r.find(id)) return entry->file;
            throw py::key_error(fmt::format("no policy with id '{}'", id));
          },
          py::arg("policy_id"),
          "The file the policy (in force today) was loaded from: its TOML file, or for a "
          "plugin's policy the plugin library.")
      .def(
          "plugin_of",
          [](const Registry& r, std::string_view id) {
            if (const PolicyEntry* entry = r.find(id)) return plugin_of(*entry);
            throw py::key_error(fmt::format("no policy with id '{}'", id));
          },
          py::arg("policy_id"), "The Plugin that provides the policy, or None for a policy file.")
      .def_property_readonly(
          "plugins", [](const Registry& r) { return r.plugins; },
          "Every plugin loaded (Plugin: id, name, version, file, policies, functions), in load "
          "order; empty unless made by from_search_path() with plugins.")
      .def("__contains__", [](const Registry& r, std::string_view id) { return r.find(id) != nullptr; })
      .def("__len__", [](const Registry& r) { return r.policies().size(); })
      .def(
          "__iter__", [](const Registry& r) { return py::iter(py::cast(all(r))); }, "The policies, in the order found.")
      .def("ids",
           [](const Registry& r) {
             std::vector<std::string> ids;
             for (const auto& entry : r.policies()) ids.push_back(entry.policy->id());
             return ids;
           })
      .def("__repr__", [](const Registry& r) {
        return fmt::format("<PolicyRegistry {} policies, {} problems>", r.policies().size(), r.problems().size());
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
          PyErr_SetObject(PyExc_FileNotFoundError, py::make_tuple(ENOENT, "no such folder", folder.string()).ptr());
          throw py::error_already_set();
        }
        auto registry = std::make_unique<Registry>();
        registry->add_directory(folder);
        return registry;
      },
      py::arg("folder"), "A registry of the policies in one folder (see PolicyRegistry.problems for failures).");
}

}  // namespace waymark::python
