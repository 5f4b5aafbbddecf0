// Quoted source passages: a policy's [[source]] tables, cited by id from questions and actions,
// carried into the record and shown with each action in the record and by explain.
#include <waymark/loader.h>
#include <waymark/plugin.h>
#include <waymark/record.h>
#include <waymark/policy_registry.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/policy_text.h"

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const std::string quoted_policy = test::policy_header + R"(
[[source]]
id = "next_steps"
title = "Guidance, Next Steps"
text = '''Do not close the case while the risk remains.'''

[[question]]
id = "risk"
text = "Is there evidence of risk?"
help = "h"
kind = "yes_no"
source = "Guidance: heading"
cites = ["next_steps"]

[[action]]
id = "keep_open"
text = "Keep the case open."
kind = "prohibition"
owner = "worker"
urgency = "immediate"
why = "w"
when = "risk"
source = "Guidance: Next Steps"
cites = ["next_steps"]
)";

}  // namespace

TEST_CASE("a policy quotes the passages it cites, and the record carries them", "[policy][record]") {
  const auto policy = load_policy_text(quoted_policy, "quoted.toml");
  REQUIRE(policy->source_quotes().size() == 1);
  CHECK(policy->find_source_quote("next_steps")->title == "Guidance, Next Steps");
  CHECK(policy->find_question("risk")->cites == std::vector<std::string>{"next_steps"});

  Session session(policy, *Date::parse("2026-11-25"));
  session.answer_text("risk", "yes", "2026-11-25T09:00:00Z");
  const std::string record = evidence_record_json(session, "2026-11-25T09:05:00Z");
  const auto doc = nlohmann::json::parse(record);
  REQUIRE(doc["outcome"]["actions"][0]["quotes"].size() == 1);
  CHECK(doc["outcome"]["actions"][0]["quotes"][0]["text"] == "Do not close the case while the risk remains.");
  const std::string quoted = "\u201cDo not close the case while the risk remains.\u201d";
  CHECK_THAT(render_record(record, RecordStyle::markdown),
             Contains("**The source says (Guidance, Next Steps)**: " + quoted));
  CHECK_THAT(explain_record(record), Contains("The source says (Guidance, Next Steps): " + quoted));
  // The content hash covers the quotes: changing a word changes it.
  std::string changed = quoted_policy;
  changed.replace(changed.find("while the risk"), 5, "until");
  CHECK(load_policy_text(changed, "changed.toml")->content_hash() != policy->content_hash());
}

TEST_CASE("citing a source the policy does not declare is an error naming the line", "[policy]") {
  std::string wrong = quoted_policy;
  wrong.replace(wrong.rfind("cites = [\"next_steps\"]"), 22, "cites = [\"next_step\"]");
  const LoadResult result = try_load_policy_text(wrong, "wrong.toml");
  REQUIRE_FALSE(result);
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK_THAT(result.diagnostics.front().message,
             Contains("cites 'next_step', which is not a [[source]] of this policy (declared: next_steps)"));
  CHECK(result.diagnostics.front().position.line > 20);
}

TEST_CASE("the CQC policy quotes its source for every action that cites a step", "[policy][record]") {
  // As the bundled plugin embeds it (its conditions call the plugin's functions).
  PluginRegistry plugins;
  plugins.add_directory(WAYMARK_BUILD_PLUGINS);
  PolicyRegistry registry(plugins);
  const PolicyEntry* entry = registry.find("cqc-refusal-pathway");
  REQUIRE(entry != nullptr);
  const auto& policy = entry->policy;
  CHECK(policy->source_quotes().size() == 21);
  std::size_t citing = 0;
  for (const Action& action : policy->actions()) {
    citing += !action.cites.empty();
    for (const std::string& id : action.cites) {
      const SourceQuote* quote = policy->find_source_quote(id);
      REQUIRE(quote != nullptr);
      CHECK_FALSE(quote->text.empty());
    }
  }
  CHECK(citing > 10);
}
