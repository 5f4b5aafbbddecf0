// Builds a Policy from TOML. The only code allowed to fill in a Policy's private parts.
#pragma once

#include "expr_checker.h"
#include "toml_reader.h"

#include <waymark/functions.h>
#include <waymark/policy.h>

#include <functional>
#include <memory>

namespace waymark::detail {

class PolicyBuilder {
 public:
  PolicyBuilder(const SourceFile& file, const FunctionRegistry& functions, DiagnosticSink& sink);
  // Returns the policy, or nullptr when any error was reported to the sink.
  std::shared_ptr<Policy> build(const toml::table& root);
  // Only for a policy just loaded, before anyone else sees it.
  static void set_provider(Policy& policy, PolicyProvider provider) { policy.provided_by_ = std::move(provider); }

 private:
  void read_info(const toml::table& root);
  void read_roles(const toml::table& root);
  void read_event_kinds(const toml::table& root);
  void read_source_quotes(const toml::table& root);
  // A question's or action's `cites`: each id must be a [[source]] declared in the file.
  std::vector<std::string> read_cites(TableReader& reader);
  void read_questions(const toml::table& root);
  void read_facts(const toml::table& root);
  void read_actions(const toml::table& root);
  void read_notes(const toml::table& root);
  // [[pathway]] and its [[pathway.step]] tables (pathway_loader.cpp).
  void read_pathways(const toml::table& root);
  void compile_pathways();
  void compile_facts();
  void compile_conditions();

  // Each [[name]] entry as a table, reporting entries that are not tables.
  std::vector<const toml::table*> entries(const toml::table& root, std::string_view name);
  std::string read_id(TableReader& reader, std::string_view what);
  Condition compile(const toml::node& node, const std::string& text, std::optional<ValueType> expected,
                    std::string_view what, const std::function<void(const AstNode&)>& extra_check = {});
  SourcePosition in_condition(const Condition& c, std::uint32_t offset) const;
  void register_id(IdIndex& index, const std::string& id, int position, SourcePosition at,
                   std::string_view kind);

  const SourceFile& file_;
  const FunctionRegistry& functions_;
  DiagnosticSink& sink_;
  std::shared_ptr<Policy> policy_;
  // The TOML nodes conditions were written in, kept for positions.
  std::vector<const toml::node*> ask_if_nodes_, fact_nodes_, when_nodes_, note_when_nodes_;
  // Each pathway's steps' `when` nodes, in the same order as the steps.
  std::vector<std::vector<const toml::node*>> step_when_nodes_;
  std::unordered_map<std::string, SourcePosition> first_seen_;
  std::vector<std::optional<TypeInfo>> fact_types_;
  std::vector<int> fact_latest_question_;
};

}  // namespace waymark::detail
