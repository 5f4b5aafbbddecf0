// Why a condition came out as it did: the answers and facts that decided it.
#include "expr.h"

#include <algorithm>

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

// Along and/or, only the side that decided the result is reported: for a true `a or b`, the
// first true side; for a false `a and b`, the first false side; otherwise both.
void explain_node(const CompiledExpr& e, std::uint32_t index, const EvalEnv& env, std::vector<Contribution>& out) {
  const Node& n = e.nodes[index];
  if (n.op == Op::not_) return explain_node(e, e.children[n.first_child], env, out);
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

}  // namespace

std::vector<Contribution> explain(const CompiledExpr& expr, const EvalEnv& env) {
  std::vector<Contribution> out;
  explain_node(expr, expr.root, env, out);
  return out;
}

}  // namespace waymark::detail
