#include "expr.h"
#include "function_table.h"

#include <algorithm>
#include <bit>

namespace waymark {

namespace detail {

namespace {

Value count_options(std::span<const Value> args, const EvalEnv&) {
  return Value::of_number(std::popcount(args[0].bits));
}

// Counts the arguments that are definitely true; still pending while lint is choosing answers.
Value count_true(std::span<const Value> args, const EvalEnv&) {
  int n = 0;
  for (const Value& v : args) {
    if (v.state == State::pending) return Value::pending();
    n += v.is_true();
  }
  return Value::of_number(n);
}

Value days_since(std::span<const Value> args, const EvalEnv& env) {
  return Value::of_number(env.today - args[0].integer);
}

Value days_between(std::span<const Value> args, const EvalEnv&) {
  return Value::of_number(args[1].integer - args[0].integer);
}

Value today(std::span<const Value>, const EvalEnv& env) { return Value::of_integer(env.today); }

}  // namespace

FunctionTable builtin_functions() {
  using T = ValueType;
  FunctionTable table;
  table.functions = {
      {{"count", {T::option_set}, false, T::number, "How many options were chosen in a multiple-choice answer."},
       count_options},
      {{"count_true",
        {T::boolean},
        true,
        T::number,
        "How many of the given conditions are true (unanswered ones count as not true)."},
       count_true,
       false},
      {{"days_since", {T::date}, false, T::number, "Days from the given date to the session date."}, days_since},
      {{"days_between", {T::date, T::date}, false, T::number, "Days from the first date to the second."}, days_between},
      {{"today", {}, false, T::date, "The session date."}, today},
  };
  // `answered(q)` and `date('YYYY-MM-DD')` are special forms handled by the checker.
  return table;
}

}  // namespace detail

FunctionRegistry::FunctionRegistry()
    : table_(std::make_shared<const detail::FunctionTable>(detail::builtin_functions())) {}
FunctionRegistry::FunctionRegistry(std::shared_ptr<const detail::FunctionTable> table) : table_(std::move(table)) {}
FunctionRegistry::~FunctionRegistry() = default;
FunctionRegistry::FunctionRegistry(const FunctionRegistry&) = default;
FunctionRegistry& FunctionRegistry::operator=(const FunctionRegistry&) = default;

const FunctionRegistry& FunctionRegistry::builtin() {
  static const FunctionRegistry registry;
  return registry;
}

const FunctionInfo* FunctionRegistry::find(std::string_view name) const {
  const auto* def = table_->find(name);
  return def ? &def->info : nullptr;
}

std::vector<FunctionInfo> FunctionRegistry::list() const {
  std::vector<FunctionInfo> out;
  for (const auto& f : table_->functions) out.push_back(f.info);
  return out;
}

bool FunctionRegistry::has_plugin(std::string_view plugin_id) const {
  return std::find(table_->plugins.begin(), table_->plugins.end(), plugin_id) != table_->plugins.end();
}

}  // namespace waymark
