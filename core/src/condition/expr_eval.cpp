// Three-valued evaluation: a condition is true, false, or not yet known (see docs/authoring.md).
#include "expr.h"
#include "function_table.h"

#include <algorithm>
#include <cstddef>
#include <new>
#include <type_traits>

namespace waymark::detail {

namespace {

Value eval(const CompiledExpr& e, std::uint32_t index, const EvalEnv& env);

Value not_known(const Value& a, const Value& b) {
  return a.state != State::known
             ? (b.state != State::known ? Value::of_state(merge_unknown(a.state, b.state)) : Value::of_state(a.state))
             : Value::of_state(b.state);
}

bool values_equal(ValueType type, const Value& a, const Value& b) {
  switch (type) {
    case ValueType::boolean: return a.boolean == b.boolean;
    case ValueType::number: return a.number == b.number;
    case ValueType::text: return a.text == b.text;
    case ValueType::date:
    case ValueType::option: return a.integer == b.integer;
    default: return false;
  }
}

Value compare(const Node& n, const CompiledExpr& e, const Value& a, const Value& b) {
  if (a.state != State::known || b.state != State::known) return not_known(a, b);
  const ValueType type = e.nodes[e.children[n.first_child]].type;
  switch (n.op) {
    case Op::eq: return Value::of_bool(values_equal(type, a, b));
    case Op::ne: return Value::of_bool(!values_equal(type, a, b));
    default: break;
  }
  const double x = type == ValueType::number ? a.number : a.integer;
  const double y = type == ValueType::number ? b.number : b.integer;
  switch (n.op) {
    case Op::lt: return Value::of_bool(x < y);
    case Op::le: return Value::of_bool(x <= y);
    case Op::gt: return Value::of_bool(x > y);
    default: return Value::of_bool(x >= y);
  }
}

Value arithmetic(const Node& n, const CompiledExpr& e, const Value& a, const Value& b) {
  if (a.state != State::known || b.state != State::known) return not_known(a, b);
  const ValueType left = e.nodes[e.children[n.first_child]].type;
  const ValueType right = e.nodes[e.children[n.first_child + 1]].type;
  const double sign = n.op == Op::add ? 1 : -1;
  if (left == ValueType::number) return Value::of_number(a.number + sign * b.number);
  if (right == ValueType::date) return Value::of_number(a.integer - b.integer);
  return Value::of_integer(a.integer + static_cast<std::int32_t>(sign * b.number));
}

Value call(const Node& n, const CompiledExpr& e, const EvalEnv& env) {
  const FunctionDef& def = e.functions->functions[n.ref];
  // Room for a few arguments left uninitialised (each is written before it is read): default
  // values for all of them cost more than most calls.
  static_assert(std::is_trivially_destructible_v<Value>);
  constexpr std::size_t small_count = 16;
  alignas(Value) std::byte small[small_count * sizeof(Value)];
  std::vector<Value> large;
  Value* room =
      n.child_count <= small_count ? reinterpret_cast<Value*>(small) : (large.resize(n.child_count), large.data());
  std::span<Value> args(room, n.child_count);
  State worst = State::known;
  for (std::uint32_t i = 0; i < n.child_count; ++i) {
    new (&args[i]) Value(eval(e, e.children[n.first_child + i], env));
    if (args[i].state != State::known)
      worst = worst == State::known ? args[i].state : merge_unknown(worst, args[i].state);
  }
  if (def.strict && worst != State::known) return Value::of_state(worst);
  if (def.external) return def.external(def, args, env);
  return def.impl(args, env);
}

Value eval(const CompiledExpr& e, std::uint32_t index, const EvalEnv& env) {
  const Node& n = e.nodes[index];
  auto child = [&](std::uint32_t k) { return eval(e, e.children[n.first_child + k], env); };
  switch (n.op) {
    case Op::constant: return e.constant_of(n);
    case Op::question: {
      const AnswerSlot& slot = env.answers[n.ref];
      Value v = slot.value;
      if (n.type == ValueType::text) v.text = slot.text;
      return v;
    }
    case Op::fact: return evaluate_fact(n.ref, env);
    case Op::answered: {
      const State s = env.answers[n.ref].value.state;
      return s == State::pending ? Value::pending() : Value::of_bool(s == State::known);
    }
    case Op::and_: {
      const Value a = child(0);
      if (a.is_false()) return a;
      const Value b = child(1);
      if (b.is_false() || (a.is_true() && b.is_true())) return b;
      return Value::of_state(a.is_true() ? b.state : b.is_true() ? a.state : merge_unknown(a.state, b.state));
    }
    case Op::or_: {
      const Value a = child(0);
      if (a.is_true()) return a;
      const Value b = child(1);
      if (b.is_true() || (a.is_false() && b.is_false())) return b;
      return Value::of_state(a.is_false() ? b.state : b.is_false() ? a.state : merge_unknown(a.state, b.state));
    }
    case Op::not_: {
      Value a = child(0);
      if (a.state == State::known) a.boolean = !a.boolean;
      return a;
    }
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: return compare(n, e, child(0), child(1));
    case Op::add:
    case Op::sub: return arithmetic(n, e, child(0), child(1));
    case Op::neg: {
      Value a = child(0);
      a.number = -a.number;
      return a;
    }
    case Op::in_options: {
      const Value a = child(0);
      if (a.state != State::known) return a;
      return Value::of_bool((n.mask >> a.integer) & 1);
    }
    case Op::has_option: {
      // A multiple-choice answer lint is still choosing is pending as a whole, but the options
      // already decided (`known`) can answer this test early.
      const Value a = child(0);
      if (a.state == State::unknown) return a;
      if ((a.known & n.mask) == 0) return Value::pending();
      return Value::of_bool((a.bits & n.mask) != 0);
    }
    case Op::in_texts: {
      const Value a = child(0);
      if (a.state != State::known) return a;
      const auto& list = e.lists[n.ref];
      return Value::of_bool(std::find(list.begin(), list.end(), a.text) != list.end());
    }
    case Op::call: return call(n, e, env);
  }
  return {};
}

}  // namespace

Value evaluate(const CompiledExpr& expr, const EvalEnv& env) {
  return expr.truth.empty() ? eval(expr, expr.root, env) : evaluate_truth(expr, env);
}

bool condition_holds(const CompiledExpr& expr, const EvalEnv& env) {
  return expr.truth_plain ? holds_plain(expr.truth.data(), expr.truth.size(), env) : evaluate(expr, env).is_true();
}

Value evaluate_node(const CompiledExpr& expr, std::uint32_t node, const EvalEnv& env) { return eval(expr, node, env); }

Value evaluate_fact(int fact_index, const EvalEnv& env) {
  FactCache& cache = *env.facts;
  if (cache.stamp[fact_index] != cache.generation) {
    cache.values[fact_index] = evaluate(*env.policy->facts()[fact_index].value.compiled(), env);
    cache.stamp[fact_index] = cache.generation;
  }
  return cache.values[fact_index];
}

}  // namespace waymark::detail
