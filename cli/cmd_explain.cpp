#include <waymark/record_session.h>

#include <fmt/format.h>

#include "commands.h"
#include "what_if.h"

namespace waymark::cli {

namespace {

// The installed version of the record's policy with the record's content hash: the advice is
// worked out again only against the exact text it was first given under.
std::shared_ptr<const Policy> policy_of_record(const CommonOptions& common, const std::string& record,
                                               const RecordPolicy& made_under) {
  std::vector<std::shared_ptr<const Policy>> versions;
  try {
    versions = policy_versions(common, made_under.id);
  } catch (const Failure&) {
    // Not installed at all: said below, with what the record needs.
  }
  std::string found;
  for (const auto& policy : versions) {
    if (policy->content_hash() == made_under.content_sha256) return policy;
    found += fmt::format("{}{} (content {})", found.empty() ? "" : ", ", policy->info().version,
                         policy->content_hash().substr(0, 12));
  }
  throw Failure{exit_policy_failure,
                fmt::format("{}: error: the record was made under '{}' version {} (content {}), which is not installed{}; "
                            "--what-if needs that exact policy (add its folder with --policy-dir)",
                            record, made_under.id, made_under.version, made_under.content_sha256.substr(0, 12),
                            found.empty() ? "" : fmt::format(" (installed: {})", found))};
}

}  // namespace

Command add_explain_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub =
      app.add_subcommand("explain", "Explain in plain words why each action in an evidence record was recommended");
  auto record = std::make_shared<std::string>();
  auto what_if = std::make_shared<std::string>();
  sub->add_option("RECORD", *record, "An evidence record (JSON) written by `waymark run`")->required();
  sub->add_option("--what-if", *what_if,
                  "Instead, say what would change whether this action is recommended (the smallest change of "
                  "answers or events), worked out with the policy version the record was made under");
  return [record, what_if, &common] {
    try {
      const std::string json = read_file(*record);
      if (what_if->empty()) {
        fmt::print("{}", explain_record(json));
        return exit_ok;
      }
      const auto policy = policy_of_record(common, *record, record_policy(json));
      fmt::print("{}", what_if_text(session_from_record(json, policy), *what_if));
    } catch (const RecordError& e) {
      throw Failure{exit_bad_input, fmt::format("{}: error: {}", *record, e.what())};
    } catch (const AnswerError& e) {
      throw Failure{exit_bad_input, fmt::format("{}: error: {}", *record, e.what())};
    }
    return exit_ok;
  };
}

}  // namespace waymark::cli
