// The compiled, type-checked form of a condition, and how it is evaluated.
#pragma once

#include "expr_truth.h"
#include "value.h"

#include <waymark/chronology.h>
#include <waymark/policy.h>

#include <cstdint>
#include <forward_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace waymark::detail {

enum class Op : std::uint8_t {
  constant,
  question,  // ref = question index
  fact,      // ref = fact index
  answered,  // ref = question index
  and_,
  or_,
  not_,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  add,
  sub,
  neg,
  in_options,  // child is an option value; mask = the allowed options
  has_option,  // child is an option set; mask = the one option asked about
  in_texts,    // child is text; ref = index into CompiledExpr::lists
  call,        // ref = function index in the registry
};

struct Node {
  Op op = Op::constant;
  ValueType type = ValueType::boolean;
  std::uint32_t first_child = 0;
  std::uint32_t child_count = 0;
  std::int32_t ref = -1;  // for a constant: its place in CompiledExpr::constants
  std::uint64_t mask = 0;
};

struct CompiledExpr {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;
  std::uint32_t root = 0;
  ValueType type = ValueType::boolean;
  // For option-typed results: which question's options (else -1).
  int option_question = -1;
  // Storage that constants' text views point into: a list never moves its elements, and an empty
  // one allocates nothing (a deque takes about 600 bytes even empty, and most expressions have none).
  std::forward_list<std::string> strings;
  std::vector<std::vector<std::string>> lists;
  // Constants' values, apart from the nodes: few nodes are constants, and a policy keeps every
  // node for its life (a Value in each made a node three times its size).
  std::vector<Value> constants;
  // Questions and facts this expression names directly (for dependency checks and lint).
  std::vector<int> questions_used;
  std::vector<int> facts_used;
  // The same condition in compact form, for fast evaluation (yes/no expressions only).
  std::vector<TruthNode> truth;
  // Whether `truth` reads only answers (is_plain): condition_holds then takes holds_plain.
  bool truth_plain = false;
  // The functions `call` nodes index into (kept alive with the expression).
  std::shared_ptr<const struct FunctionTable> functions;

  const Value& constant_of(const Node& n) const { return constants[static_cast<std::size_t>(n.ref)]; }
  std::span<const std::uint32_t> children_of(const Node& n) const {
    return {children.data() + n.first_child, n.child_count};
  }
};

// One answer as the engine sees it; `value.state == unknown` means unanswered.
struct AnswerSlot {
  Value value;
  std::string text;  // the answer of a text question (value.text is re-pointed here on read)
};

// Facts are computed lazily once per generation; bumping the generation forgets them all.
struct FactCache {
  std::vector<Value> values;
  std::vector<std::uint32_t> stamp;
  std::uint32_t generation = 1;

  void reset(std::size_t fact_count) {
    values.assign(fact_count, {});
    stamp.assign(fact_count, 0);
    generation = 1;
  }
  void invalidate() { ++generation; }
};

struct EvalEnv {
  const Policy* policy = nullptr;
  const AnswerSlot* answers = nullptr;
  FactCache* facts = nullptr;
  std::int32_t today = 0;  // days since epoch
  // The session's events; null when it has none (functions then see an empty chronology).
  const Chronology* chronology = nullptr;
  // Set by lint: any chronology is possible, so a function that reads it gives `pending`.
  bool chronology_open = false;
  // When set, functions add the windows of the chronology they counted over (for the timeline).
  std::vector<CountedWindow>* windows = nullptr;
};

Value evaluate(const CompiledExpr& expr, const EvalEnv& env);
// Whether a yes/no condition is true (rather than false or not known): the branch-free walk for
// one that reads only answers (most ask_if, note and pathway conditions), else evaluate().
bool condition_holds(const CompiledExpr& expr, const EvalEnv& env);
// Evaluates one sub-tree (used when explaining).
Value evaluate_node(const CompiledExpr& expr, std::uint32_t node, const EvalEnv& env);
Value evaluate_fact(int fact_index, const EvalEnv& env);

// A question or fact that contributed to a condition's result. `option` is set when only one
// option of a multiple-choice answer mattered (`'x' in q`), with whether it was chosen.
struct Contribution {
  bool is_fact = false;
  int index = 0;
  int option = -1;
  bool chosen = false;
  friend bool operator==(const Contribution&, const Contribution&) = default;
};

// Which answers and facts made `expr` come out the way it did (minimal along and/or).
std::vector<Contribution> explain(const CompiledExpr& expr, const EvalEnv& env);
// The same, appended to `out` (cleared first), so a caller explaining many conditions reuses it.
void explain_into(const CompiledExpr& expr, const EvalEnv& env, std::vector<Contribution>& out);
// The same worked out from the compact form (`count` nodes from `nodes`, a copy of `expr.truth`;
// expr.truth itself when `nodes` is null): the same contributions in the same order, without
// walking the tree except where the compact form hands a sub-condition back to it
// (TruthOp::general). With a copy, `expr` is not read unless it must be: across thousands of
// actions, its first read is a cache miss.
void explain_truth_into(const CompiledExpr& expr, const TruthNode* nodes, std::size_t count, const EvalEnv& env,
                        std::vector<Contribution>& out);

}  // namespace waymark::detail
