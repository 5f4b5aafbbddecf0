#include "action_table.h"
#include "expr_syntax.h"
#include "id_rules.h"
#include "plugin_policy.h"
#include "policy_builder.h"
#include "toml_guard.h"

#include <waymark/input_file.h>
#include <waymark/loader.h>

#include <fmt/format.h>

#include <malloc.h>
#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

namespace waymark {

namespace detail {

namespace {

constexpr std::size_t max_options = 64;  // option sets are bit masks

// "question 'spoke_to_adult'" when the entry has an id, else "[[question]]".
std::string describe_entry(const toml::table& table, std::string_view kind) {
  if (const auto* id = table.get_as<std::string>("id")) return fmt::format("{} '{}'", kind, id->get());
  return fmt::format("[[{}]]", kind);
}

}  // namespace

PolicyBuilder::PolicyBuilder(const SourceFile& file, const FunctionRegistry& functions, DiagnosticSink& sink)
    : file_(file), functions_(functions), sink_(sink), policy_(std::make_shared<Policy>()) {}

std::shared_ptr<Policy> PolicyBuilder::build(const toml::table& root) {
  policy_->origin_ = file_.name();
  TableReader top(root, "the policy file", sink_);
  for (auto key : {"policy", "roles", "event_kinds", "source", "question", "fact", "action", "note", "pathway"})
    top.node(key);
  top.finish({"policy", "roles", "event_kinds", "source", "question", "fact", "action", "note", "pathway"});

  read_info(root);
  read_roles(root);
  read_event_kinds(root);
  read_source_quotes(root);
  read_questions(root);
  read_facts(root);
  read_actions(root);
  read_notes(root);
  read_pathways(root);
  if (sink_.has_errors()) return nullptr;  // conditions need valid ids to be checked against
  compile_facts();
  compile_conditions();
  compile_pathways();
  if (sink_.has_errors()) return nullptr;
  policy_->action_table_ = std::make_shared<const ActionTable>(build_action_table(*policy_));
  return policy_;
}

std::vector<const toml::table*> PolicyBuilder::entries(const toml::table& root, std::string_view name) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(name);
  if (!node) return out;
  const auto* array = node->as_array();
  if (!array) {
    sink_.report(DiagnosticCode::toml_table_shape, position_of(*node),
                 fmt::format("'{}' must be written as [[{}]] tables", name, name));
    return out;
  }
  for (const auto& item : *array) {
    if (const auto* table = item.as_table())
      out.push_back(table);
    else
      sink_.report(DiagnosticCode::toml_table_shape, position_of(item),
                   fmt::format("each [[{}]] must be a table", name));
  }
  return out;
}

void PolicyBuilder::register_id(IdIndex& index, const std::string& id, int position,
                                SourcePosition at, std::string_view kind) {
  if (id.empty()) return;
  auto [it, fresh] = first_seen_.try_emplace(std::string(kind) + ":" + id, at);
  if (!fresh) {
    sink_.report(DiagnosticCode::duplicate_id, at,
                 fmt::format("duplicate {} id '{}' (first defined at line {})", kind, id, it->second.line));
    return;
  }
  index.emplace(id, position);
}

std::string PolicyBuilder::read_id(TableReader& reader, std::string_view what) {
  std::string id = reader.text("id");
  if (!id.empty() && !is_item_id(id)) {
    sink_.report(DiagnosticCode::bad_id, reader.position("id"),
                 fmt::format("{} id '{}' must be lower case letters, digits and '_', starting with a letter, and not "
                             "a word of the condition language",
                             what, id));
    return {};
  }
  return id;
}

void PolicyBuilder::read_info(const toml::table& root) {
  const toml::node* node = root.get("policy");
  if (!node || !node->as_table()) {
    sink_.report(DiagnosticCode::no_policy_table, node ? position_of(*node) : SourcePosition{1, 1},
                 "the file needs a [policy] table");
    return;
  }
  TableReader r(*node->as_table(), "[policy]", sink_);
  PolicyInfo& info = policy_->info_;
  info.id = r.text("id");
  if (!info.id.empty() && !is_hyphenated_id(info.id))
    sink_.report(DiagnosticCode::bad_id, r.position("id"),
                 fmt::format("policy id '{}' must be lower case letters, digits and '-'", info.id));
  info.title = r.text("title");
  info.version = r.text("version");
  if (!info.version.empty() && !is_semantic_version(info.version))
    sink_.report(DiagnosticCode::bad_version, r.position("version"),
                 fmt::format("version '{}' must be a semantic version such as 1.0.0", info.version));
  info.owner = r.text("owner");
  info.applies_to = r.text("applies_to");
  auto effective = r.date("effective");
  auto review_by = r.date("review_by");
  if (effective) info.effective = *effective;
  if (review_by) info.review_by = *review_by;
  if (effective && review_by && !(*effective < *review_by))
    sink_.report(DiagnosticCode::review_before_effective, r.position("review_by"),
                 "review_by must be later than effective");
  info.sources = r.strings("sources");
  info.summary = r.text("summary", false);
  info.plugins = r.strings("plugins", false);
  for (const auto& plugin : info.plugins)
    if (!functions_.has_plugin(plugin))
      sink_.report(DiagnosticCode::plugin_not_loaded, r.position("plugins"),
                   fmt::format("this policy needs plugin '{}', which is not loaded (put it in a plugin folder: "
                               "--plugin-dir, WAYMARK_PLUGIN_PATH or the bundled one; `waymark plugins` lists those "
                               "loaded)",
                               plugin));
  r.finish(
      {"id", "title", "version", "owner", "applies_to", "effective", "review_by", "sources", "summary", "plugins"});
}

void PolicyBuilder::read_roles(const toml::table& root) {
  const toml::node* node = root.get("roles");
  if (!node) return;
  const auto* table = node->as_table();
  if (!table) {
    sink_.report(DiagnosticCode::toml_table_shape, position_of(*node),
                 "[roles] must be a table of role id = \"title\"");
    return;
  }
  for (auto&& [key, value] : *table) {
    const std::string id(key.str());
    if (!is_item_id(id))
      sink_.report(DiagnosticCode::bad_id, position_of(key),
                   fmt::format("role id '{}' must be lower case letters, digits and '_'", id));
    const auto* title = value.as_string();
    if (!title || title->get().empty())
      sink_.report(DiagnosticCode::bad_title, position_of(value),
                   fmt::format("role '{}' needs a title in quotes, e.g. {} = \"Line manager\"", id, id));
    else
      policy_->roles_.push_back({id, title->get()});
  }
}

// Labels are for people and not part of the content hash: what the policy recommends depends on
// the kinds its conditions name, which are.
void PolicyBuilder::read_event_kinds(const toml::table& root) {
  const toml::node* node = root.get("event_kinds");
  if (!node) return;
  const auto* table = node->as_table();
  if (!table) {
    sink_.report(DiagnosticCode::toml_table_shape, position_of(*node),
                 "[event_kinds] must be a table of event kind = \"label\"");
    return;
  }
  for (auto&& [key, value] : *table) {
    const std::string id(key.str());
    if (!is_item_id(id))
      sink_.report(DiagnosticCode::bad_id, position_of(key),
                   fmt::format("event kind '{}' must be lower case letters, digits and '_' (like 'referral')", id));
    const auto* label = value.as_string();
    if (!label || label->get().empty())
      sink_.report(DiagnosticCode::bad_title, position_of(value),
                   fmt::format("event kind '{}' needs a label in quotes, e.g. {} = \"Referral received\"", id, id));
    else
      policy_->event_kinds_.push_back({id, label->get()});
  }
}

void PolicyBuilder::read_source_quotes(const toml::table& root) {
  IdIndex index;
  for (const toml::table* table : entries(root, "source")) {
    TableReader r(*table, describe_entry(*table, "source"), sink_);
    SourceQuote quote;
    quote.position = r.table_position();
    quote.id = read_id(r, "source");
    quote.title = r.text("title");
    quote.text = r.text("text");
    r.finish({"id", "title", "text"});
    register_id(index, quote.id, static_cast<int>(policy_->source_quotes_.size()), quote.position, "source");
    policy_->source_quotes_.push_back(std::move(quote));
  }
}

std::vector<std::string> PolicyBuilder::read_cites(TableReader& reader) {
  std::vector<std::string> cites = reader.strings("cites", false);
  for (const std::string& id : cites) {
    if (policy_->find_source_quote(id)) continue;
    std::string known;
    for (const SourceQuote& quote : policy_->source_quotes_) known += (known.empty() ? "" : ", ") + quote.id;
    sink_.report(DiagnosticCode::unknown_citation, reader.position("cites"),
                 fmt::format("cites '{}', which is not a [[source]] of this policy ({})", id,
                             known.empty() ? "it declares none" : "declared: " + known));
  }
  return cites;
}

void PolicyBuilder::read_questions(const toml::table& root) {
  const std::vector<const toml::table*> tables = entries(root, "question");
  policy_->questions_.reserve(tables.size());
  for (const toml::table* table : tables) {
    TableReader r(*table, describe_entry(*table, "question"), sink_);
    Question q;
    q.position = r.table_position();
    q.id = read_id(r, "question");
    q.text = r.text("text");
    q.help = r.text("help");
    q.section = r.text("section", false);
    q.source = r.text("source");
    q.cites = read_cites(r);
    const std::string kind = r.text("kind");
    if (auto k = parse<QuestionKind>(kind))
      q.kind = *k;
    else if (!kind.empty())
      sink_.report(
          DiagnosticCode::unknown_kind, r.position("kind"),
          fmt::format("unknown question kind '{}' (use yes_no, choice, multi_choice, number, date or text)", kind));
    const bool has_options = q.kind == QuestionKind::choice || q.kind == QuestionKind::multi_choice;
    if (const toml::node* options = r.node("options")) {
      if (!has_options) {
        if (parse<QuestionKind>(kind))  // a missing or unknown kind is reported already
          sink_.report(DiagnosticCode::bad_options, position_of(*options),
                       fmt::format("only choice and multi_choice questions have options, not {}", kind));
      } else if (const auto* array = options->as_array()) {
        std::unordered_map<std::string, SourcePosition> seen;
        for (const auto& item : *array) {
          const auto* option_table = item.as_table();
          if (!option_table) {
            sink_.report(DiagnosticCode::bad_options, position_of(item),
                         "each option must be written { id = \"...\", text = \"...\" }");
            continue;
          }
          TableReader o(*option_table, fmt::format("an option of '{}'", q.id), sink_);
          Option option{read_id(o, "option"), o.text("text")};
          o.finish({"id", "text"});
          if (!option.id.empty() && !seen.emplace(option.id, position_of(item)).second)
            sink_.report(DiagnosticCode::duplicate_id, position_of(item),
                         fmt::format("duplicate option id '{}' in question '{}'", option.id, q.id));
          q.options.push_back(std::move(option));
        }
        if (q.options.size() < 2)
          sink_.report(DiagnosticCode::bad_options, position_of(*options),
                       fmt::format("question '{}' needs at least two options", q.id));
        if (q.options.size() > max_options)
          sink_.report(DiagnosticCode::too_many_options, position_of(*options),
                       fmt::format("question '{}' has more than {} options", q.id, max_options));
      } else {
        sink_.report(DiagnosticCode::bad_options, position_of(*options),
                     "options must be a list of { id = \"...\", text = \"...\" }");
      }
    } else if (has_options) {
      sink_.report(DiagnosticCode::bad_options, r.table_position(),
                   fmt::format("{} question '{}' needs options", kind, q.id));
    }
    const bool is_number = q.kind == QuestionKind::number;
    for (auto bound : {"min", "max"}) {
      if (const toml::node* n = r.node(bound); n && !is_number)
        sink_.report(DiagnosticCode::bad_number_bounds, position_of(*n),
                     fmt::format("'{}' applies only to number questions", bound));
    }
    if (is_number) {
      q.min = r.number("min");
      q.max = r.number("max");
      if (q.min && q.max && *q.min > *q.max)
        sink_.report(DiagnosticCode::bad_number_bounds, r.position("max"), "max must not be less than min");
    }
    const toml::node* ask_if = r.node("ask_if");
    if (ask_if && !ask_if->as_string())
      sink_.report(DiagnosticCode::condition_not_text, position_of(*ask_if), "ask_if must be a condition in quotes");
    ask_if_nodes_.push_back(ask_if && ask_if->as_string() ? ask_if : nullptr);
    r.finish({"id", "text", "help", "kind", "options", "min", "max", "ask_if", "section", "source", "cites"});
    register_id(policy_->question_index_, q.id, static_cast<int>(policy_->questions_.size()), q.position,
                "question or fact");
    policy_->questions_.push_back(std::move(q));
  }
}

void PolicyBuilder::read_facts(const toml::table& root) {
  for (const toml::table* table : entries(root, "fact")) {
    TableReader r(*table, describe_entry(*table, "fact"), sink_);
    Fact f;
    f.position = r.table_position();
    f.id = read_id(r, "fact");
    f.text = r.text("text");
    f.source = r.text("source", false);
    const toml::node* value = r.node("value");
    if (!value || !value->as_string()) {
      sink_.report(DiagnosticCode::missing_condition, value ? position_of(*value) : f.position,
                   fmt::format("fact '{}' needs a value: an expression in quotes", f.id));
      value = nullptr;
    }
    fact_nodes_.push_back(value);
    r.finish({"id", "text", "value", "source"});
    register_id(policy_->fact_index_, f.id, static_cast<int>(policy_->facts_.size()), f.position, "question or fact");
    policy_->facts_.push_back(std::move(f));
  }
}

void PolicyBuilder::read_actions(const toml::table& root) {
  std::vector<SourcePosition> conflict_positions;
  const std::vector<const toml::table*> tables = entries(root, "action");
  policy_->actions_.reserve(tables.size());
  for (const toml::table* table : tables) {
    TableReader r(*table, describe_entry(*table, "action"), sink_);
    Action a;
    a.position = r.table_position();
    a.id = read_id(r, "action");
    a.text = r.text("text");
    const std::string kind = r.text("kind");
    if (auto k = parse<ActionKind>(kind))
      a.kind = *k;
    else if (!kind.empty())
      sink_.report(DiagnosticCode::unknown_kind, r.position("kind"),
                   fmt::format("unknown action kind '{}' (use step, prohibition or flag)", kind));
    a.owner = r.text("owner");
    if (!a.owner.empty() && std::none_of(policy_->roles_.begin(), policy_->roles_.end(),
                                         [&](const Role& role) { return role.id == a.owner; })) {
      std::string known;
      for (const auto& role : policy_->roles_) known += (known.empty() ? "" : ", ") + role.id;
      sink_.report(DiagnosticCode::unknown_owner, r.position("owner"),
                   fmt::format("owner '{}' is not declared in [roles] ({})", a.owner,
                               known.empty() ? "there is no [roles] table" : "declared: " + known));
    }
    const std::string urgency = r.text("urgency");
    if (auto u = Urgency::parse(urgency))
      a.urgency = *u;
    else if (!urgency.empty())
      sink_.report(DiagnosticCode::unknown_urgency, r.position("urgency"),
                   fmt::format("unknown urgency '{}' (use immediate, same_shift, same_day, 'within N days', "
                               "'within N weeks', 'within N months', next_review or not_stated)",
                               urgency));
    a.timescale = r.text("timescale", false);
    a.record = r.text("record", false);
    a.why = r.text("why");
    a.section = r.text("section", false);
    a.source = r.text("source");
    a.cites = read_cites(r);
    const toml::node* when = r.node("when");
    if (!when || !when->as_string()) {
      sink_.report(DiagnosticCode::missing_condition, when ? position_of(*when) : a.position,
                   fmt::format("action '{}' needs 'when', a condition in quotes (write \"true\" for always)", a.id));
      when = nullptr;
    }
    when_nodes_.push_back(when);
    a.conflicts_with = r.strings("conflicts_with", false);
    conflict_positions.push_back(r.node("conflicts_with") ? r.position("conflicts_with") : a.position);
    r.finish({"id", "text", "kind", "owner", "urgency", "timescale", "record", "why", "when", "conflicts_with",
              "section", "source", "cites"});
    register_id(policy_->action_index_, a.id, static_cast<int>(policy_->actions_.size()), a.position, "action");
    policy_->actions_.push_back(std::move(a));
  }
  for (std::size_t i = 0; i < policy_->actions_.size(); ++i) {
    const Action& a = policy_->actions_[i];
    for (const auto& other : a.conflicts_with) {
      if (other == a.id)
        sink_.report(DiagnosticCode::bad_conflict, conflict_positions[i],
                     fmt::format("action '{}' cannot conflict with itself", a.id));
      else if (!policy_->action_index_.contains(other))
        sink_.report(
            DiagnosticCode::bad_conflict, conflict_positions[i],
            fmt::format("action '{}' conflicts_with '{}', which is not an action of this policy", a.id, other));
    }
  }
}

void PolicyBuilder::read_notes(const toml::table& root) {
  IdIndex note_index;
  for (const toml::table* table : entries(root, "note")) {
    TableReader r(*table, describe_entry(*table, "note"), sink_);
    Note n;
    n.position = r.table_position();
    n.id = read_id(r, "note");
    n.text = r.text("text");
    n.source = r.text("source");
    const toml::node* when = r.node("when");
    if (when && !when->as_string())
      sink_.report(DiagnosticCode::condition_not_text, position_of(*when), "when must be a condition in quotes");
    note_when_nodes_.push_back(when && when->as_string() ? when : nullptr);
    r.finish({"id", "text", "when", "source"});
    register_id(note_index, n.id, static_cast<int>(policy_->notes_.size()), n.position, "note");
    policy_->notes_.push_back(std::move(n));
  }
}

SourcePosition PolicyBuilder::in_condition(const Condition& c, std::uint32_t offset) const {
  return file_.inside_string(c.position(), offset);
}

Condition PolicyBuilder::compile(const toml::node& node, const std::string& text, std::optional<ValueType> expected,
                                 std::string_view what, const std::function<void(const AstNode&)>& extra_check) {
  Condition c;
  c.text_ = text;
  c.position_ = position_of(node);
  auto parsed = parse_expression(text);
  if (auto* error = std::get_if<SyntaxError>(&parsed)) {
    sink_.report(error->code, in_condition(c, error->offset), fmt::format("in {}: {}", what, error->message));
    return c;
  }
  const Ast& ast = std::get<Ast>(parsed);
  CheckScope scope{&policy_->questions_, &policy_->question_index_, &policy_->fact_index_, &fact_types_,
                   functions_.table()};
  auto compiled = compile_expression(*ast, scope, expected);
  if (auto* error = std::get_if<CheckError>(&compiled)) {
    sink_.report(error->code, in_condition(c, error->offset), fmt::format("in {}: {}", what, error->message));
    return c;
  }
  if (extra_check) {
    try {
      extra_check(*ast);
    } catch (const CheckError& error) {
      sink_.report(error.code, in_condition(c, error.offset), fmt::format("in {}: {}", what, error.message));
      return c;
    }
  }
  c.compiled_ = std::move(std::get<std::shared_ptr<CompiledExpr>>(compiled));
  return c;
}

namespace {

// Evaluating and explaining a fact recurse through the facts it uses, so both are bounded when
// the policy loads (the limits are in docs/authoring.md); real policies stay far below them.
constexpr std::size_t max_fact_chain = 200;
constexpr std::size_t max_fact_nesting = 5000;

// How deeply a parsed condition nests (its tokens are limited, so this recursion is bounded).
std::size_t ast_depth(const AstNode& ast) {
  std::size_t deepest = 0;
  for (const auto& child : ast.children) deepest = std::max(deepest, ast_depth(*child));
  return deepest + 1;
}

}  // namespace

// Facts may use each other, so they are checked in dependency order; a cycle is an error
// that names the whole chain.
void PolicyBuilder::compile_facts() {
  auto& facts = policy_->facts_;
  const std::size_t n = facts.size();
  fact_types_.assign(n, std::nullopt);
  fact_latest_question_.assign(n, -1);
  std::vector<Ast> asts(n);
  std::vector<std::vector<int>> uses(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!fact_nodes_[i]) continue;
    auto parsed = parse_expression(fact_nodes_[i]->as_string()->get());
    if (auto* ast = std::get_if<Ast>(&parsed)) {
      std::vector<const AstNode*> names;
      collect_names(**ast, names);
      for (const AstNode* name : names)
        if (auto it = policy_->fact_index_.find(name->text); it != policy_->fact_index_.end())
          uses[i].push_back(it->second);
      asts[i] = std::move(*ast);
    }
  }
  // Depth-first without recursion (a policy may hold thousands of facts), keeping a chain's
  // facts on `stack` so a cycle can be named.
  enum class Mark { none, active, done };
  std::vector<Mark> mark(n, Mark::none);
  std::vector<std::size_t> next_use(n, 0);
  // The longest chain of facts each fact rests on (itself included), and how deeply its
  // conditions nest counting the facts it uses: evaluating and explaining a fact recurse that deep.
  std::vector<std::size_t> chain_length(n, 1), nesting(n, 0);
  std::vector<int> stack;
  for (std::size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::none) continue;
    mark[root] = Mark::active;
    stack.push_back(static_cast<int>(root));
    while (!stack.empty()) {
      const int f = stack.back();
      if (next_use[f] < uses[f].size()) {
        const int used = uses[f][next_use[f]++];
        if (mark[used] == Mark::done) continue;
        if (mark[used] == Mark::active) {
          auto start = std::find(stack.begin(), stack.end(), used);
          std::string chain;
          for (auto it = start; it != stack.end(); ++it) chain += facts[*it].id + " -> ";
          chain += facts[used].id;
          sink_.report(DiagnosticCode::fact_cycle, facts[used].position,
                       fmt::format("fact '{}' depends on itself: {}", facts[used].id, chain));
          continue;
        }
        mark[used] = Mark::active;
        stack.push_back(used);
        continue;
      }
      stack.pop_back();
      mark[f] = Mark::done;
      policy_->fact_order_.push_back(f);
      nesting[f] = asts[f] ? ast_depth(*asts[f]) : 0;
      std::size_t deepest_chain = 0, deepest_nesting = 0;
      for (int used : uses[f]) {
        if (mark[used] != Mark::done) continue;  // part of a cycle, reported above
        deepest_chain = std::max(deepest_chain, chain_length[used]);
        deepest_nesting = std::max(deepest_nesting, nesting[used]);
      }
      chain_length[f] += deepest_chain;
      nesting[f] += deepest_nesting;
      // Report only where a limit is first passed, not at every fact built on top of it.
      if (chain_length[f] > max_fact_chain + 1 && deepest_chain <= max_fact_chain + 1)
        sink_.report(DiagnosticCode::fact_too_deep, facts[f].position,
                     fmt::format("fact '{}' depends on a chain of more than {} "
                                 "facts, each using the next; work some "
                                 "of them out from the answers directly",
                                 facts[f].id, max_fact_chain));
      else if (nesting[f] > max_fact_nesting && deepest_nesting <= max_fact_nesting &&
               chain_length[f] <= max_fact_chain + 1)
        sink_.report(DiagnosticCode::fact_too_deep, facts[f].position,
                     fmt::format("fact '{}' nests conditions more than {} deep, "
                                 "counting the facts it uses; split it "
                                 "into simpler facts",
                                 facts[f].id, max_fact_nesting));
    }
  }
  if (sink_.has_errors()) return;

  for (int f : policy_->fact_order_) {
    if (!fact_nodes_[f]) continue;
    Fact& fact = facts[f];
    fact.value = compile(*fact_nodes_[f], fact_nodes_[f]->as_string()->get(), std::nullopt,
                         fmt::format("the value of fact '{}'", fact.id));
    if (const CompiledExpr* e = fact.value.compiled()) {
      fact.type = e->type;
      fact_types_[f] = TypeInfo{e->type, e->option_question};
      int latest = -1;
      for (int q : e->questions_used) latest = std::max(latest, q);
      for (int used : e->facts_used) latest = std::max(latest, fact_latest_question_[used]);
      fact_latest_question_[f] = latest;
    }
  }
}

void PolicyBuilder::compile_conditions() {
  auto& questions = policy_->questions_;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (!ask_if_nodes_[i]) continue;
    // A question may only depend on questions asked before it, so a walk-through always moves forward.
    auto earlier_only = [&](const AstNode& ast) {
      std::vector<const AstNode*> names;
      collect_names(ast, names);
      for (const AstNode* name : names) {
        const int q = policy_->question_index(name->text);
        if (q >= static_cast<int>(i))
          throw CheckError{name->offset, DiagnosticCode::condition_later_question,
                           fmt::format("'{}' is not asked before '{}'; a question's ask_if can only use "
                                       "questions that come earlier in the file",
                                       name->text, questions[i].id)};
        const int f = policy_->fact_index(name->text);
        if (f >= 0 && fact_latest_question_[f] >= static_cast<int>(i))
          throw CheckError{name->offset, DiagnosticCode::condition_later_question,
                           fmt::format("fact '{}' uses question '{}', which is not asked before '{}'", name->text,
                                       questions[fact_latest_question_[f]].id, questions[i].id)};
      }
    };
    questions[i].ask_if = compile(*ask_if_nodes_[i], ask_if_nodes_[i]->as_string()->get(), ValueType::boolean,
                                  fmt::format("ask_if of question '{}'", questions[i].id), earlier_only);
  }
  for (std::size_t i = 0; i < policy_->actions_.size(); ++i) {
    if (!when_nodes_[i]) continue;
    Action& a = policy_->actions_[i];
    a.when = compile(*when_nodes_[i], when_nodes_[i]->as_string()->get(), ValueType::boolean,
                     fmt::format("'when' of action '{}'", a.id));
  }
  for (std::size_t i = 0; i < policy_->notes_.size(); ++i) {
    if (!note_when_nodes_[i]) continue;
    Note& n = policy_->notes_[i];
    n.when = compile(*note_when_nodes_[i], note_when_nodes_[i]->as_string()->get(), ValueType::boolean,
                     fmt::format("'when' of note '{}'", n.id));
  }
}

}  // namespace detail

namespace detail {

LoadResult try_load_plugin_policy(std::string_view toml_text, std::string origin, const FunctionRegistry& functions,
                                  PolicyProvider provider) {
  LoadResult result = try_load_policy_text(toml_text, std::move(origin), functions);
  if (result) PolicyBuilder::set_provider(*std::const_pointer_cast<Policy>(result.policy), std::move(provider));
  return result;
}

}  // namespace detail

namespace {

// A TOML tree takes about 11 times its text, and once it is freed the allocator keeps those pages
// for later: a 3 MB policy left the process 21 times its size resident instead of 9. Handing them
// back costs a few milliseconds, so only after a policy large enough for it to matter.
void give_back_parse_memory(std::size_t text_size) {
  constexpr std::size_t large_policy = std::size_t{1} << 20;
  if (text_size >= large_policy) malloc_trim(0);
}

}  // namespace

LoadResult try_load_policy_text(std::string_view toml_text, std::string origin, const FunctionRegistry& functions) {
  detail::SourceFile file(std::move(origin), std::string(toml_text));
  detail::DiagnosticSink sink(file);
  LoadResult result;
  try {
    toml::table root = detail::parse_toml(file);
    detail::PolicyBuilder builder(file, functions, sink);
    result.policy = builder.build(root);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    sink.report(DiagnosticCode::toml_syntax, {begin.line, begin.column}, detail::describe_toml_error(error, file));
  }
  result.diagnostics = sink.take();
  give_back_parse_memory(toml_text.size());
  return result;
}

LoadResult try_load_policy_file(const std::filesystem::path& path, const FunctionRegistry& functions) {
  InputFile file = read_input_file(path);
  if (!file) {
    LoadResult result;
    result.diagnostics.push_back(
        Diagnostic::make(DiagnosticCode::file_unreadable, path.string(), {}, "the policy file " + file.problem));
    return result;
  }
  return try_load_policy_text(file.text, path.string(), functions);
}

namespace {
std::shared_ptr<const Policy> or_throw(LoadResult result) {
  if (!result) throw PolicyError(std::move(result.diagnostics));
  return std::move(result.policy);
}
}  // namespace

std::shared_ptr<const Policy> load_policy_file(const std::filesystem::path& path, const FunctionRegistry& functions) {
  return or_throw(try_load_policy_file(path, functions));
}

std::shared_ptr<const Policy> load_policy_text(std::string_view toml_text, std::string origin,
                                               const FunctionRegistry& functions) {
  return or_throw(try_load_policy_text(toml_text, std::move(origin), functions));
}

}  // namespace waymark
