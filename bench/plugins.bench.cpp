// Plugins: loading every plugin and listing what is found. Target (issue #3): under 10 ms.
// In process, a library already mapped costs only its checks and its policies' compilation; the
// process benchmarks add the cold part a user pays: start-up, dlopen and relocation.
#include <waymark/build_info.h>
#include <waymark/waymark.h>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <string>
#include <vector>

extern char** environ;

namespace {

using namespace waymark;

// Every plugin folder a build has: the bundled one and the example's.
const std::vector<std::string> plugin_dirs = {build::build_plugin_dir, WAYMARK_EXAMPLE_PLUGINS};

// What `waymark list` prints, built in memory.
std::string listing(const PolicyRegistry& registry) {
  std::string out;
  for (const auto& entry : registry.policies())
    out +=
        fmt::format("{}\n  {}\n  version {}, review by {}\n  from {}\n", entry.policy->id(), entry.policy->info().title,
                    entry.policy->info().version, entry.policy->info().review_by.iso(), entry.file.string());
  return out;
}

void BM_LoadPluginsAndList(benchmark::State& state) {
  std::size_t plugins_loaded = 0;
  for (auto _ : state) {
    PluginRegistry plugins;
    for (const auto& dir : plugin_dirs) plugins.add_directory(dir);
    PolicyRegistry registry(plugins);
    registry.add_directory(build::source_policy_dir);
    benchmark::DoNotOptimize(listing(registry));
    plugins_loaded = plugins.plugins().size();
  }
  state.counters["plugins"] = static_cast<double>(plugins_loaded);
}
BENCHMARK(BM_LoadPluginsAndList)->Unit(benchmark::kMillisecond);

// A whole `waymark` process, as a user runs it, with the example plugin folder added.
void spawn_waymark(benchmark::State& state, const char* command) {
  std::string cli = WAYMARK_CLI, flag = "--plugin-dir", dir = WAYMARK_EXAMPLE_PLUGINS, sub = command;
  char* argv[] = {cli.data(), flag.data(), dir.data(), sub.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  for (auto _ : state) {
    pid_t pid = 0;
    if (posix_spawn(&pid, cli.c_str(), &actions, nullptr, argv, environ) != 0) {
      state.SkipWithError("cannot start waymark");
      break;
    }
    int status = 0;
    waitpid(pid, &status, 0);
  }
  posix_spawn_file_actions_destroy(&actions);
}

void BM_PluginsCommand(benchmark::State& state) { spawn_waymark(state, "plugins"); }
BENCHMARK(BM_PluginsCommand)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ListWithPluginsCommand(benchmark::State& state) { spawn_waymark(state, "list"); }
BENCHMARK(BM_ListWithPluginsCommand)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
