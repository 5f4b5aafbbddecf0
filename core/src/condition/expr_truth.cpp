#include "expr_truth.h"

#include "expr.h"

#include <bit>

namespace waymark::detail {

namespace {

struct Truth {
  State state = State::unknown;
  bool value = false;
};

Truth of(const Value& v) { return {v.state, v.boolean}; }

bool is_question(const CompiledExpr& e, std::uint32_t node) { return e.nodes[node].op == Op::question; }

// The option index a constant holds, for `question == 'option'` in either order.
bool option_test(const CompiledExpr& e, const Node& n, std::int32_t& question, std::int32_t& option) {
  const auto kids = e.children_of(n);
  for (int side = 0; side < 2; ++side) {
    const Node& q = e.nodes[kids[side]];
    const Node& c = e.nodes[kids[1 - side]];
    if (q.op == Op::question && q.type == ValueType::option && c.op == Op::constant &&
        e.constant_of(c).state == State::known) {
      question = q.ref;
      option = e.constant_of(c).integer;
      return true;
    }
  }
  return false;
}

bool is_leaf(TruthOp op) {
  return op != TruthOp::and_ && op != TruthOp::or_ && op != TruthOp::not_ && op != TruthOp::general;
}

void emit(const CompiledExpr& e, std::uint32_t index, std::vector<TruthNode>& out) {
  const Node& n = e.nodes[index];
  const std::size_t at = out.size();
  out.push_back({TruthOp::general, false, static_cast<std::int32_t>(index), 0, 0});
  TruthNode& t = out[at];
  switch (n.op) {
    case Op::constant:
      if (const Value& v = e.constant_of(n); v.state == State::known)
        t = {TruthOp::constant, false, -1, 0, v.boolean ? 1u : 0u};
      return;
    case Op::question:
      if (n.type == ValueType::boolean) t = {TruthOp::yes_no, false, n.ref, 0, 0};
      return;
    case Op::fact:
      if (n.type == ValueType::boolean) t = {TruthOp::fact, false, n.ref, 0, 0};
      return;
    case Op::answered: t = {TruthOp::answered, false, n.ref, 0, 0}; return;
    case Op::eq:
    case Op::ne: {
      std::int32_t question = -1, option = 0;
      if (option_test(e, n, question, option))
        t = {TruthOp::option_is, n.op == Op::ne, question, 0, std::uint64_t{1} << option};
      return;
    }
    case Op::in_options:
    case Op::has_option: {
      const std::uint32_t child = e.children[n.first_child];
      if (!is_question(e, child)) return;
      t = {n.op == Op::in_options ? TruthOp::option_in : TruthOp::has_option, false, e.nodes[child].ref, 0, n.mask};
      return;
    }
    case Op::not_:
      out[at].op = TruthOp::not_;
      emit(e, e.children[n.first_child], out);
      if (out.size() == at + 2 && is_leaf(out[at + 1].op)) {  // `not leaf` is one negated leaf
        out[at] = out[at + 1];
        out[at].negate = !out[at].negate;
        out.pop_back();
      }
      return;
    case Op::and_:
    case Op::or_: {
      out[at].op = n.op == Op::and_ ? TruthOp::and_ : TruthOp::or_;
      emit(e, e.children[n.first_child], out);
      out[at].second = static_cast<std::uint32_t>(out.size());  // `out` may have moved: index again
      emit(e, e.children[n.first_child + 1], out);
      return;
    }
    default: return;
  }
}

// Mirrors eval() in expr_eval.cpp for the operators above, including unknown and pending.
Truth leaf(const CompiledExpr& e, const TruthNode& n, const EvalEnv& env) {
  Truth t;
  switch (n.op) {
    case TruthOp::constant: t = {State::known, n.mask != 0}; break;
    case TruthOp::yes_no: t = of(env.answers[n.ref].value); break;
    case TruthOp::option_is: {
      const Value& v = env.answers[n.ref].value;
      t = {v.state, v.state == State::known && (std::uint64_t{1} << v.integer) == n.mask};
      break;
    }
    case TruthOp::option_in: {
      const Value& v = env.answers[n.ref].value;
      t = {v.state, v.state == State::known && ((n.mask >> v.integer) & 1) != 0};
      break;
    }
    case TruthOp::has_option: {
      const Value& v = env.answers[n.ref].value;
      if (v.state == State::unknown)
        t = {State::unknown, false};
      else if ((v.known & n.mask) == 0)
        t = {State::pending, false};
      else
        t = {State::known, (v.bits & n.mask) != 0};
      break;
    }
    case TruthOp::answered: {
      const State s = env.answers[n.ref].value.state;
      t = s == State::pending ? Truth{State::pending, false} : Truth{State::known, s == State::known};
      break;
    }
    case TruthOp::fact: t = of(evaluate_fact(n.ref, env)); break;
    case TruthOp::general: return of(evaluate_node(e, static_cast<std::uint32_t>(n.ref), env));
    default: return {};
  }
  if (t.state == State::known) t.value = t.value != n.negate;
  return t;
}

Truth run(const CompiledExpr& e, const TruthNode* nodes, std::uint32_t i, const EvalEnv& env) {
  const TruthNode& n = nodes[i];
  switch (n.op) {
    case TruthOp::not_: {
      Truth a = run(e, nodes, i + 1, env);
      if (a.state == State::known) a.value = !a.value;
      return a;
    }
    case TruthOp::and_: {
      const Truth a = run(e, nodes, i + 1, env);
      if (a.state == State::known && !a.value) return a;
      const Truth b = run(e, nodes, n.second, env);
      if ((b.state == State::known && !b.value) || (a.state == State::known && b.state == State::known)) return b;
      return {a.state == State::known   ? b.state
              : b.state == State::known ? a.state
                                        : merge_unknown(a.state, b.state),
              false};
    }
    case TruthOp::or_: {
      const Truth a = run(e, nodes, i + 1, env);
      if (a.state == State::known && a.value) return a;
      const Truth b = run(e, nodes, n.second, env);
      if ((b.state == State::known && b.value) || (a.state == State::known && b.state == State::known)) return b;
      return {a.state == State::known   ? b.state
              : b.state == State::known ? a.state
                                        : merge_unknown(a.state, b.state),
              false};
    }
    default: return leaf(e, n, env);
  }
}

// Three-valued truth in two bits, so and/or/not are table lookups rather than branches.
constexpr std::uint8_t no = 0, yes = 1, unknown = 2, pending = 3;

constexpr std::uint8_t and_table[4][4] = {
    {no, no, no, no}, {no, yes, unknown, pending}, {no, unknown, unknown, pending}, {no, pending, pending, pending}};
constexpr std::uint8_t or_table[4][4] = {{no, yes, unknown, pending},
                                         {yes, yes, yes, yes},
                                         {unknown, yes, unknown, pending},
                                         {pending, yes, pending, pending}};
constexpr std::uint8_t not_table[4] = {yes, no, unknown, pending};

// `known` when the answer is known, else the code of its state.
std::uint8_t code_of(State s, bool known_value) {
  const std::uint8_t other = s == State::pending ? pending : unknown;
  return s == State::known ? static_cast<std::uint8_t>(known_value) : other;
}

constexpr std::size_t plain_limit = 64;

}  // namespace

bool is_plain(const TruthNode* nodes, std::size_t count) {
  if (count == 0 || count > plain_limit) return false;
  for (std::size_t i = 0; i < count; ++i)
    if (nodes[i].op == TruthOp::fact || nodes[i].op == TruthOp::general) return false;
  return true;
}

namespace {

// The code of one test (a leaf: no and/or/not) of a plain condition.
std::uint8_t test_code(const TruthNode& n, const EvalEnv& env) {
  if (n.op == TruthOp::fact) {  // a tabulated condition's testable fact (worked out once per outcome)
    const Value f = evaluate_fact(n.ref, env);
    return code_of(f.state, f.boolean != n.negate);
  }
  const Value& v = env.answers[n.ref < 0 ? 0 : n.ref].value;
  switch (n.op) {
    case TruthOp::constant: return (n.mask != 0) != n.negate;
    case TruthOp::yes_no: return code_of(v.state, v.boolean != n.negate);
    case TruthOp::option_is: return code_of(v.state, ((std::uint64_t{1} << (v.integer & 63)) == n.mask) != n.negate);
    case TruthOp::option_in: return code_of(v.state, (((n.mask >> (v.integer & 63)) & 1) != 0) != n.negate);
    case TruthOp::has_option: {
      const State s = v.state == State::unknown ? State::unknown
                      : (v.known & n.mask) == 0 ? State::pending
                                                : State::known;  // lint may have decided only this option
      return code_of(s, ((v.bits & n.mask) != 0) != n.negate);
    }
    case TruthOp::answered:
      return code_of(v.state == State::pending ? State::pending : State::known, (v.state == State::known) != n.negate);
    default: return unknown;  // never a test of a plain or tabulated condition
  }
}

// Each node's code given its tests' codes: what truth_value_at gives for the subtree it starts.
// Pre-order read backwards reaches every operand before its operator.
template <class CodeOfTest>
void node_codes(const TruthNode* nodes, std::size_t count, const CodeOfTest& code_of_test, std::uint8_t* out) {
  for (std::size_t i = count; i-- > 0;) {
    const TruthNode& n = nodes[i];
    switch (n.op) {
      case TruthOp::not_: out[i] = not_table[out[i + 1]]; break;
      case TruthOp::and_: out[i] = and_table[out[i + 1]][out[n.second]]; break;
      case TruthOp::or_: out[i] = or_table[out[i + 1]][out[n.second]]; break;
      default: out[i] = code_of_test(i); break;
    }
  }
}

bool is_test(TruthOp op) { return op != TruthOp::and_ && op != TruthOp::or_ && op != TruthOp::not_; }

}  // namespace

bool holds_plain(const TruthNode* nodes, std::size_t count, const EvalEnv& env) {
  std::uint8_t codes[plain_limit];
  node_codes(
      nodes, count, [&](std::size_t i) { return test_code(nodes[i], env); }, codes);
  return codes[0] == yes;
}

namespace {

// The tests explain_truth (expr_explain.cpp) names for the subtree at nodes[i], as bits of `mask`
// by test number, given each node's code: along and/or only the side that decided the result.
void explaining(const TruthNode* nodes, std::uint32_t i, const std::uint8_t* codes, const std::size_t* test_number,
                unsigned& mask) {
  const TruthNode& n = nodes[i];
  switch (n.op) {
    case TruthOp::constant: return;
    case TruthOp::not_: return explaining(nodes, i + 1, codes, test_number, mask);
    case TruthOp::and_:
    case TruthOp::or_: {
      const std::uint8_t deciding = n.op == TruthOp::or_ ? yes : no;
      if (codes[i] == deciding)
        for (const std::uint32_t side : {i + 1, n.second})
          if (codes[side] == deciding) return explaining(nodes, side, codes, test_number, mask);
      explaining(nodes, i + 1, codes, test_number, mask);
      return explaining(nodes, n.second, codes, test_number, mask);
    }
    default: mask |= 1u << test_number[i];
  }
}

}  // namespace

bool tabulate(const TruthNode* nodes, std::size_t count, const std::vector<std::uint8_t>& testable_facts,
              std::vector<TruthNode>& tests, std::vector<std::uint8_t>& rows) {
  std::vector<std::size_t> test_number(count, 0);
  std::vector<TruthNode> found;
  for (std::size_t i = 0; i < count; ++i) {
    const TruthNode& n = nodes[i];
    if (n.op == TruthOp::general || (n.op == TruthOp::fact && !testable_facts[static_cast<std::size_t>(n.ref)]))
      return false;
    if (is_test(n.op)) test_number[i] = found.size(), found.push_back(n);
  }
  if (count == 0 || found.size() > table_test_limit) return false;
  std::vector<std::uint8_t> codes(count);
  for (std::size_t row = 0; row < (std::size_t{1} << (2 * found.size())); ++row) {
    node_codes(
        nodes, count, [&](std::size_t i) { return static_cast<std::uint8_t>((row >> (2 * test_number[i])) & 3); },
        codes.data());
    unsigned mask = 0;
    if (codes[0] == yes) explaining(nodes, 0, codes.data(), test_number.data(), mask);
    rows.push_back(static_cast<std::uint8_t>((codes[0] == yes ? row_holds : 0) | mask << 4));
  }
  tests.insert(tests.end(), found.begin(), found.end());
  return true;
}

Contribution test_contribution(const TruthNode& test, std::uint8_t code) {
  if (test.op == TruthOp::fact) return {true, test.ref};
  if (test.op == TruthOp::has_option && (code == no || code == yes))
    return {false, test.ref, std::countr_zero(test.mask), (code == yes) != test.negate};
  return {false, test.ref};
}

void test_codes(const TruthNode* tests, std::size_t count, const EvalEnv& env, std::uint8_t* codes) {
  for (std::size_t i = 0; i < count; ++i) codes[i] = test_code(tests[i], env);
}

std::vector<TruthNode> compile_truth(const CompiledExpr& expr) {
  std::vector<TruthNode> out;
  if (expr.type == ValueType::boolean) emit(expr, expr.root, out);
  return out;
}

bool holds(const CompiledExpr& expr, const TruthNode* nodes, const EvalEnv& env) {
  const Truth t = run(expr, nodes, 0, env);
  return t.state == State::known && t.value;
}

Value truth_value_at(const CompiledExpr& expr, const TruthNode* nodes, std::uint32_t i, const EvalEnv& env) {
  const Truth t = run(expr, nodes, i, env);
  return t.state == State::known ? Value::of_bool(t.value) : Value::of_state(t.state);
}

Value evaluate_truth(const CompiledExpr& expr, const EvalEnv& env) { return truth_value_at(expr, expr.truth.data(), 0, env); }

}  // namespace waymark::detail
