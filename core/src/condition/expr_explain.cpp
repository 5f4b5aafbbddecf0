// Why a condition came out as it did: only the answers and facts that decided it, so an
// explanation never names an answer that did not help make the condition true (or false).
#include "expr.h"
#include "function_table.h"

#include <algorithm>
#include <bit>

namespace waymark::detail {

namespace {

void add(std::vector<Contribution>& out, Contribution c) {
  if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
}

void collect_all(const CompiledExpr& e, std::uint32_t index, std::vector<Contribution>& out) {
  const Node& n = e.nodes[index];
  if (n.op == Op::question || n.op == Op::answered) add(out, {false, n.ref});
  if (n.op == Op::fact) add(out, {true, n.ref});
  for (std::uint32_t c : e.children_of(n)) collect_all(e, c, out);
}

bool is_count_true(const CompiledExpr& e, const Node& n) {
  if (n.op != Op::call) return false;
  const FunctionDef& def = e.functions->functions[n.ref];
  return def.is_builtin() && def.info.name == "count_true";
}

void explain_node(const CompiledExpr& e, std::uint32_t index, const EvalEnv& env, std::vector<Contribution>& out);

// `count_true(...) >= k` and the like: only the conditions counted towards the result. When it
// is true because enough are true, those; when true because few enough are, the ones not true.
bool explain_count(const CompiledExpr& e, const Node& n, const Value& whole, const EvalEnv& env,
                   std::vector<Contribution>& out) {
  const std::uint32_t left = e.children[n.first_child], right = e.children[n.first_child + 1];
  const bool on_left = is_count_true(e, e.nodes[left]);
  if (!on_left && !is_count_true(e, e.nodes[right])) return false;
  if (n.op == Op::eq || n.op == Op::ne) return false;                // every condition counted matters
  const bool grows = (n.op == Op::gt || n.op == Op::ge) == on_left;  // true more easily as more are true
  const bool want_true = grows == whole.boolean;
  const Node& call = e.nodes[on_left ? left : right];
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t c : e.children_of(call)) {
    const Value v = evaluate_node(e, c, env);
    if (want_true ? v.is_true() : v.is_false()) chosen.push_back(c);
  }
  if (chosen.empty()) return false;
  for (std::uint32_t c : chosen) explain_node(e, c, env, out);
  collect_all(e, on_left ? right : left, out);
  return true;
}

// Along and/or, only the side that decided the result is reported: for a true `a or b`, the
// first true side; for a false `a and b`, the first false side; otherwise both.
void explain_node(const CompiledExpr& e, std::uint32_t index, const EvalEnv& env, std::vector<Contribution>& out) {
  const Node& n = e.nodes[index];
  if (n.op == Op::not_) return explain_node(e, e.children[n.first_child], env, out);
  if (n.op == Op::has_option) {
    // `'x' in q` on an answered question turns on one option, chosen or not, not the whole answer.
    const Node& set = e.nodes[e.children[n.first_child]];
    const Value v = evaluate_node(e, index, env);
    if (set.op == Op::question && v.state == State::known)
      return add(out, {false, set.ref, std::countr_zero(n.mask), v.boolean});
    return collect_all(e, index, out);
  }
  if (n.op >= Op::eq && n.op <= Op::ge) {
    const Value whole = evaluate_node(e, index, env);
    if (whole.state == State::known && explain_count(e, n, whole, env, out)) return;
    return collect_all(e, index, out);
  }
  if (n.op != Op::and_ && n.op != Op::or_) return collect_all(e, index, out);
  const Value whole = evaluate_node(e, index, env);
  const bool deciding_value = n.op == Op::or_;  // a true side decides `or`, a false side decides `and`
  if (whole.state == State::known && whole.boolean == deciding_value) {
    for (std::uint32_t c : e.children_of(n)) {
      const Value side = evaluate_node(e, c, env);
      if (side.state == State::known && side.boolean == deciding_value) return explain_node(e, c, env, out);
    }
  }
  for (std::uint32_t c : e.children_of(n)) explain_node(e, c, env, out);
}

// explain_node over the compact form. A `not` folded into a leaf (`negate`) or a `!=` made an
// option test changes nothing here: the tree's explain_node looks through `not` and collects a
// comparison's question whole, just as a leaf names its question.
void explain_truth(const CompiledExpr& e, const TruthNode* nodes, std::uint32_t i, const EvalEnv& env,
                   std::vector<Contribution>& out) {
  const TruthNode& n = nodes[i];
  switch (n.op) {
    case TruthOp::constant: return;
    case TruthOp::yes_no:
    case TruthOp::option_is:
    case TruthOp::option_in:
    case TruthOp::answered: return add(out, {false, n.ref});
    case TruthOp::fact: return add(out, {true, n.ref});
    case TruthOp::has_option: {
      // As explain_node: the option turned on, chosen or not, once the answer has decided it.
      const Value& v = env.answers[n.ref].value;
      if (v.state == State::unknown || (v.known & n.mask) == 0) return add(out, {false, n.ref});
      return add(out, {false, n.ref, std::countr_zero(n.mask), (v.bits & n.mask) != 0});
    }
    case TruthOp::general: return explain_node(e, static_cast<std::uint32_t>(n.ref), env, out);
    case TruthOp::not_: return explain_truth(e, nodes, i + 1, env, out);
    case TruthOp::and_:
    case TruthOp::or_: {
      const bool deciding_value = n.op == TruthOp::or_;
      const Value whole = truth_value_at(e, nodes, i, env);
      if (whole.state == State::known && whole.boolean == deciding_value) {
        for (const std::uint32_t c : {i + 1, n.second}) {
          const Value side = truth_value_at(e, nodes, c, env);
          if (side.state == State::known && side.boolean == deciding_value) return explain_truth(e, nodes, c, env, out);
        }
      }
      explain_truth(e, nodes, i + 1, env, out);
      return explain_truth(e, nodes, n.second, env, out);
    }
  }
}

}  // namespace

void explain_truth_into(const CompiledExpr& expr, const TruthNode* nodes, std::size_t count, const EvalEnv& env,
                        std::vector<Contribution>& out) {
  if (!nodes) {
    nodes = expr.truth.data();
    count = expr.truth.size();
  }
  if (count == 0) return explain_into(expr, env, out);
  out.clear();
  explain_truth(expr, nodes, 0, env, out);
}

std::vector<Contribution> explain(const CompiledExpr& expr, const EvalEnv& env) {
  std::vector<Contribution> out;
  explain_into(expr, env, out);
  return out;
}

void explain_into(const CompiledExpr& expr, const EvalEnv& env, std::vector<Contribution>& out) {
  out.clear();
  explain_node(expr, expr.root, env, out);
}

}  // namespace waymark::detail
