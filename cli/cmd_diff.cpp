// `waymark diff OLD NEW`: what changed between two versions of a policy, and whether the
// version number went up with the content.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "commands.h"
#include "policy_diff.h"

namespace waymark::cli {

Command add_diff_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub =
      app.add_subcommand("diff",
                         "Show what changed between two versions of a policy: questions and actions added, removed or "
                         "reworded; conditions, owners and urgencies changed. Fails if the content changed but the "
                         "version "
                         "did not go up; warns when the meaning changed with only a PATCH bump");
  auto files = std::make_shared<std::vector<std::string>>();
  sub->add_option("OLD NEW", *files, "The earlier and the later policy file")->required()->expected(2);
  return [files, &common] {
    const auto before = resolve_policy(common, (*files)[0]);
    const auto after = resolve_policy(common, (*files)[1]);
    if (before->id() != after->id())
      fmt::print(stderr, "waymark: warning: comparing two different policies ('{}' and '{}')\n", before->id(),
                 after->id());
    const PolicyChanges changes = diff_policies(*before, *after);
    const std::string& old_version = before->info().version;
    const std::string& new_version = after->info().version;
    fmt::print("{}: version {} -> {}\n", after->id(), old_version, new_version);
    if (!changes.content_changed) fmt::print("No change in content.\n");
    for (const auto& [heading, lines] : changes.sections) {
      fmt::print("\n{}\n", heading);
      for (const auto& line : lines) fmt::print("  {}\n", line);
    }
    if (changes.content_changed && compare_versions(new_version, old_version) <= 0) {
      fmt::print(stderr,
                 "{}: error: the content changed but the version did not go up ({} -> {}); raise the "
                 "version in [policy]\n",
                 (*files)[1], old_version, new_version);
      return exit_policy_failure;
    }
    if (!changes.meaning_changes.empty() && patch_bump_only(old_version, new_version)) {
      // Semantic versioning: PATCH is for fixes that do not change what the policy advises.
      std::vector<std::string> what = changes.meaning_changes;
      std::sort(what.begin(), what.end());
      what.erase(std::unique(what.begin(), what.end()), what.end());
      if (what.size() > 4) what.resize(4), what.back() = "...";
      fmt::print(stderr,
                 "{}: warning: the meaning changed ({}) but only the PATCH number went up ({} -> "
                 "{}); a MINOR or "
                 "MAJOR bump is expected\n",
                 (*files)[1], fmt::join(what, ", "), old_version, new_version);
    }
    return exit_ok;
  };
}

}  // namespace waymark::cli
