#include "expr_checker.h"

#include "text_match.h"

#include <waymark/date.h>

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

namespace waymark::detail {

namespace {

struct Failure {
  CheckError error;
};

struct Typed {
  std::uint32_t node;
  TypeInfo type;
};

std::string option_list(const Question& q) {
  std::string out;
  for (const auto& o : q.options) out += (out.empty() ? "'" : ", '") + o.id + "'";
  return out;
}

class Checker {
 public:
  Checker(const CheckScope& scope, CompiledExpr& out) : scope_(scope), out_(out) {}

  Typed check(const AstNode& n) {
    switch (n.kind) {
      case AstKind::boolean: return constant(Value::of_bool(n.boolean), {ValueType::boolean});
      case AstKind::number: return constant(Value::of_number(n.number), {ValueType::number});
      case AstKind::text: {
        const std::string& stored = out_.strings.emplace_front(n.text);
        return constant(Value::of_text(stored), {ValueType::text});
      }
      case AstKind::list: fail(n, DiagnosticCode::condition_bad_in, "a list can only be used on the right of 'in'");
      case AstKind::identifier: return identifier(n);
      case AstKind::call: return call(n);
      case AstKind::unary: return unary(n);
      case AstKind::binary: return binary(n);
    }
    fail(n, DiagnosticCode::condition_syntax, "unsupported expression");
  }

  [[noreturn]] void fail(const AstNode& at, DiagnosticCode code, std::string message) {
    throw Failure{{at.offset, code, std::move(message)}};
  }

  std::string describe(const TypeInfo& t) const { return describe_type(t, *scope_.questions); }

  // `role` names what is checked ("each side of 'and'"): text, or a function that writes it, so
  // that a well-typed expression (nearly all of them) formats nothing.
  template <class Role>
  void expect(const AstNode& at, const Typed& got, ValueType want, const Role& role) {
    if (got.type.type == want) return;
    std::string named;
    if constexpr (std::is_invocable_v<const Role&>)
      named = role();
    else
      named = std::string(role);
    fail(at, DiagnosticCode::condition_type_mismatch,
         fmt::format("{} must be {}, but this is {}", named, describe({want}), describe(got.type)));
  }

 private:
  std::uint32_t emit(Node node, std::initializer_list<std::uint32_t> children = {}) {
    node.first_child = static_cast<std::uint32_t>(out_.children.size());
    node.child_count = static_cast<std::uint32_t>(children.size());
    out_.children.insert(out_.children.end(), children);
    out_.nodes.push_back(node);
    return static_cast<std::uint32_t>(out_.nodes.size() - 1);
  }

  Typed constant(Value v, TypeInfo type) {
    Node node;
    node.op = Op::constant;
    node.type = type.type;
    node.ref = static_cast<std::int32_t>(out_.constants.size());
    out_.constants.push_back(v);
    return {emit(node), type};
  }

  const Question& question(int index) const { return (*scope_.questions)[index]; }

  static TypeInfo type_of_question(const Question& q, int index) {
    switch (q.kind) {
      case QuestionKind::yes_no: return {ValueType::boolean};
      case QuestionKind::choice: return {ValueType::option, index};
      case QuestionKind::multi_choice: return {ValueType::option_set, index};
      case QuestionKind::number: return {ValueType::number};
      case QuestionKind::date: return {ValueType::date};
      case QuestionKind::text: return {ValueType::text};
    }
    return {};
  }

  void note_use(std::vector<int>& list, int index) {
    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  }

  Typed identifier(const AstNode& n) {
    if (auto it = scope_.question_index->find(n.text); it != scope_.question_index->end()) {
      note_use(out_.questions_used, it->second);
      Node node;
      node.op = Op::question;
      node.ref = it->second;
      TypeInfo type = type_of_question(question(it->second), it->second);
      node.type = type.type;
      return {emit(node), type};
    }
    if (auto it = scope_.fact_index->find(n.text); it != scope_.fact_index->end()) {
      const auto& known = (*scope_.fact_types)[it->second];
      // Cycles are reported before any condition is checked, so an untyped fact failed on its own.
      if (!known)
        fail(
            n, DiagnosticCode::condition_fact_has_error,
            fmt::format("fact '{}' has an error in its own value (reported there), so this cannot be checked", n.text));
      note_use(out_.facts_used, it->second);
      Node node;
      node.op = Op::fact;
      node.ref = it->second;
      node.type = known->type;
      return {emit(node), *known};
    }
    fail(n, DiagnosticCode::condition_unknown_name, unknown_name_message(n.text));
  }

  std::string unknown_name_message(const std::string& name) const {
    if (name == "yes" || name == "no")
      return fmt::format("unknown name '{}': a yes/no answer is written true or false", name);
    ClosestMatch match(name);
    for (const auto& [id, _] : *scope_.question_index) match.consider(id);
    for (const auto& [id, _] : *scope_.fact_index) match.consider(id);
    if (!match.best().empty())
      return fmt::format("unknown name '{}': no question or fact has this id (did you mean '{}'?)", name, match.best());
    return fmt::format("unknown name '{}': no question or fact has this id", name);
  }

  Typed call(const AstNode& n) {
    const auto& args = n.children;
    if (n.text == "answered") {
      if (args.size() == 1 && args[0]->kind == AstKind::identifier && !scope_.question_index->contains(args[0]->text))
        fail(*args[0], DiagnosticCode::condition_unknown_name,
             scope_.fact_index->contains(args[0]->text)
                 ? fmt::format("answered() takes a question id, but '{}' is a fact", args[0]->text)
                 : unknown_name_message(args[0]->text));
      if (args.size() != 1 || args[0]->kind != AstKind::identifier || !scope_.question_index->contains(args[0]->text))
        fail(n, DiagnosticCode::condition_wrong_arguments,
             "answered() takes one question id, e.g. answered(spoke_to_adult)");
      Node node;
      node.op = Op::answered;
      node.ref = scope_.question_index->at(args[0]->text);
      node.type = ValueType::boolean;
      note_use(out_.questions_used, node.ref);
      return {emit(node), {ValueType::boolean}};
    }
    if (n.text == "date") {
      if (args.size() != 1 || args[0]->kind != AstKind::text)
        fail(n, DiagnosticCode::condition_wrong_arguments, "date() takes one date in quotes, e.g. date('2026-12-01')");
      auto d = Date::parse(args[0]->text);
      if (!d)
        fail(*args[0], DiagnosticCode::condition_bad_date,
             fmt::format("'{}' is not a date of the form YYYY-MM-DD", args[0]->text));
      return constant(Value::of_integer(d->days_since_epoch()), {ValueType::date});
    }
    const FunctionDef* def = scope_.functions->find(n.text);
    if (!def) {
      std::string names = "answered, date";
      for (const auto& f : scope_.functions->functions) names += ", " + f.info.name;
      fail(n, DiagnosticCode::condition_unknown_function,
           fmt::format("unknown function '{}': neither the core nor a loaded plugin provides it (known "
                       "functions: {})",
                       n.text, names));
    }
    const auto& params = def->info.parameters;
    const bool count_ok = def->info.variadic ? args.size() >= params.size() : args.size() == params.size();
    if (!count_ok)
      fail(n, DiagnosticCode::condition_wrong_arguments,
           fmt::format("{}() takes {}{} argument{}, but was given {}", n.text, def->info.variadic ? "at least " : "",
                       params.size(), params.size() == 1 ? "" : "s", args.size()));
    std::vector<std::uint32_t> child_nodes;
    for (std::size_t i = 0; i < args.size(); ++i) {
      Typed arg = check(*args[i]);
      const ValueType want = params.empty() ? ValueType::boolean : params[std::min(i, params.size() - 1)];
      if (want == ValueType::option_set && arg.type.type != want) not_multiple_choice(n.text, *args[i], arg);
      expect(*args[i], arg, want, [&] { return fmt::format("argument {} of {}()", i + 1, n.text); });
      child_nodes.push_back(arg.node);
    }
    Node node;
    node.op = Op::call;
    node.ref = static_cast<std::int32_t>(def - scope_.functions->functions.data());
    node.type = def->info.result;
    node.first_child = static_cast<std::uint32_t>(out_.children.size());
    node.child_count = static_cast<std::uint32_t>(child_nodes.size());
    out_.children.insert(out_.children.end(), child_nodes.begin(), child_nodes.end());
    out_.nodes.push_back(node);
    return {static_cast<std::uint32_t>(out_.nodes.size() - 1), {def->info.result}};
  }

  // count() and the like read a multiple-choice answer: say what was given instead, by name.
  [[noreturn]] void not_multiple_choice(const std::string& function, const AstNode& arg, const Typed& got) {
    std::string given = fmt::format("this is {}", describe(got.type));
    if (arg.kind == AstKind::identifier) {
      if (const auto it = scope_.question_index->find(arg.text); it != scope_.question_index->end())
        given = fmt::format("'{}' is {}", arg.text, question_kind_words((*scope_.questions)[it->second].kind));
      else
        given = fmt::format("'{}' is a fact whose value is {}", arg.text, describe(got.type));
    }
    fail(arg, DiagnosticCode::condition_type_mismatch,
         fmt::format("{}() takes a multiple-choice question, but {}", function, given));
  }

  static std::string_view question_kind_words(QuestionKind kind) {
    switch (kind) {
      case QuestionKind::yes_no: return "a yes/no question";
      case QuestionKind::choice: return "a single-choice question (one option only)";
      case QuestionKind::multi_choice: return "a multiple-choice question";
      case QuestionKind::number: return "a number question";
      case QuestionKind::date: return "a date question";
      case QuestionKind::text: return "a text question";
    }
    return "a question";
  }

  Typed unary(const AstNode& n) {
    Typed operand = check(*n.children[0]);
    Node node;
    if (n.text == "not") {
      expect(*n.children[0], operand, ValueType::boolean, "the operand of 'not'");
      node.op = Op::not_;
      node.type = ValueType::boolean;
    } else {
      expect(*n.children[0], operand, ValueType::number, "the operand of '-'");
      node.op = Op::neg;
      node.type = ValueType::number;
    }
    return {emit(node, {operand.node}), {node.type}};
  }

  // An option id written in quotes, checked against the question it is compared with.
  std::int32_t option_literal(const AstNode& literal, int question_index) {
    const Question& q = question(question_index);
    const int index = q.option_index(literal.text);
    if (index < 0)
      fail(literal, DiagnosticCode::condition_unknown_option,
           fmt::format("'{}' is not an option of question '{}' (its options are {})", literal.text, q.id,
                       option_list(q)));
    return index;
  }

  Typed binary(const AstNode& n) {
    const std::string& op = n.text;
    const AstNode& left = *n.children[0];
    const AstNode& right = *n.children[1];
    if (op == "and" || op == "or") {
      Typed a = check(left);
      expect(left, a, ValueType::boolean, [&] { return fmt::format("each side of '{}'", op); });
      Typed b = check(right);
      expect(right, b, ValueType::boolean, [&] { return fmt::format("each side of '{}'", op); });
      Node node;
      node.op = op == "and" ? Op::and_ : Op::or_;
      return {emit(node, {a.node, b.node}), {ValueType::boolean}};
    }
    if (op == "in") return membership(left, right);
    if (op == "==" || op == "!=") return equality(n, left, right);
    if (op == "+" || op == "-") return arithmetic(n, left, right);
    return ordering(n, left, right);
  }

  Typed equality(const AstNode& n, const AstNode& left, const AstNode& right) {
    Node node;
    node.op = n.text == "==" ? Op::eq : Op::ne;
    // An option compared with a quoted option id: resolve the id now, so a typo is a load error.
    if (left.kind == AstKind::text || right.kind == AstKind::text) {
      const AstNode& other = left.kind == AstKind::text ? right : left;
      const AstNode& literal = left.kind == AstKind::text ? left : right;
      Typed value = check(other);
      if (value.type.type == ValueType::option) {
        Typed option = constant(Value::of_integer(option_literal(literal, value.type.option_question)),
                                {ValueType::option, value.type.option_question});
        return {emit(node, {value.node, option.node}), {ValueType::boolean}};
      }
      if (value.type.type == ValueType::option_set)
        fail(n, DiagnosticCode::condition_multi_choice_equals,
             fmt::format("a multiple-choice answer cannot be compared with '{}'; write '{}' in {} to test whether "
                         "that option was chosen",
                         n.text, literal.text, question(value.type.option_question).id));
      if (value.type.type != ValueType::text)
        fail(n, DiagnosticCode::condition_type_mismatch,
             fmt::format("cannot compare {} with text '{}'", describe(value.type), literal.text));
      Typed text = check(literal);
      return {emit(node, {value.node, text.node}), {ValueType::boolean}};
    }
    Typed a = check(left);
    Typed b = check(right);
    if (a.type.type == ValueType::option_set || b.type.type == ValueType::option_set)
      fail(n, DiagnosticCode::condition_multi_choice_equals,
           "a multiple-choice answer cannot be compared with '=='; use 'option' in question, or count(question)");
    if (a.type.type != b.type.type || a.type.option_question != b.type.option_question)
      fail(n, DiagnosticCode::condition_type_mismatch,
           fmt::format("cannot compare {} with {}", describe(a.type), describe(b.type)));
    return {emit(node, {a.node, b.node}), {ValueType::boolean}};
  }

  Typed ordering(const AstNode& n, const AstNode& left, const AstNode& right) {
    Typed a = check(left);
    Typed b = check(right);
    if ((a.type.type != ValueType::number && a.type.type != ValueType::date) || a.type.type != b.type.type)
      fail(n, DiagnosticCode::condition_type_mismatch,
           fmt::format("'{}' compares two numbers or two dates, not {} and {}", n.text, describe(a.type),
                       describe(b.type)));
    Node node;
    node.op = n.text == "<" ? Op::lt : n.text == "<=" ? Op::le : n.text == ">" ? Op::gt : Op::ge;
    return {emit(node, {a.node, b.node}), {ValueType::boolean}};
  }

  Typed arithmetic(const AstNode& n, const AstNode& left, const AstNode& right) {
    Typed a = check(left);
    Typed b = check(right);
    const ValueType ta = a.type.type, tb = b.type.type;
    ValueType result;
    if (ta == ValueType::number && tb == ValueType::number)
      result = ValueType::number;
    else if (ta == ValueType::date && tb == ValueType::date && n.text == "-")
      result = ValueType::number;
    else if (ta == ValueType::date && tb == ValueType::number)
      result = ValueType::date;
    else
      fail(n, DiagnosticCode::condition_type_mismatch,
           fmt::format("cannot apply '{}' to {} and {}", n.text, describe(a.type), describe(b.type)));
    Node node;
    node.op = n.text == "+" ? Op::add : Op::sub;
    node.type = result;
    return {emit(node, {a.node, b.node}), {result}};
  }

  Typed membership(const AstNode& left, const AstNode& right) {
    Node node;
    node.type = ValueType::boolean;
    if (right.kind == AstKind::list) {
      Typed value = check(left);
      for (const auto& item : right.children)
        if (item->kind != AstKind::text)
          fail(*item, DiagnosticCode::condition_bad_in, "the list after 'in' must hold option ids or text in quotes");
      if (value.type.type == ValueType::option) {
        node.op = Op::in_options;
        for (const auto& item : right.children)
          node.mask |= std::uint64_t{1} << option_literal(*item, value.type.option_question);
        return {emit(node, {value.node}), {ValueType::boolean}};
      }
      if (value.type.type == ValueType::text) {
        node.op = Op::in_texts;
        auto& list = out_.lists.emplace_back();
        for (const auto& item : right.children) list.push_back(item->text);
        node.ref = static_cast<std::int32_t>(out_.lists.size() - 1);
        return {emit(node, {value.node}), {ValueType::boolean}};
      }
      fail(left, DiagnosticCode::condition_bad_in,
           fmt::format("only a single-choice answer or text can be looked up in a list, not {}", describe(value.type)));
    }
    Typed set = check(right);
    if (set.type.type != ValueType::option_set)
      fail(right, DiagnosticCode::condition_bad_in,
           fmt::format("the right of 'in' must be a list or a multiple-choice question, not {}", describe(set.type)));
    if (left.kind != AstKind::text)
      fail(left, DiagnosticCode::condition_bad_in,
           fmt::format("the left of 'in' must be an option id of '{}' in quotes",
                       question(set.type.option_question).id));
    node.op = Op::has_option;
    node.mask = std::uint64_t{1} << option_literal(left, set.type.option_question);
    return {emit(node, {set.node}), {ValueType::boolean}};
  }

  const CheckScope& scope_;
  CompiledExpr& out_;
};

}  // namespace

std::string describe_type(const TypeInfo& type, const std::vector<Question>& questions) {
  const bool named = type.option_question >= 0;
  const std::string qid = named ? questions[type.option_question].id : std::string();
  switch (type.type) {
    case ValueType::boolean: return "a yes/no value";
    case ValueType::number: return "a number";
    case ValueType::text: return "text";
    case ValueType::date: return "a date";
    case ValueType::option: return named ? fmt::format("an option of '{}'", qid) : "an option of a choice question";
    case ValueType::option_set:
      return named ? fmt::format("the options chosen for '{}'", qid)
                   : "the options chosen in a multiple-choice question";
    case ValueType::text_list: return "a list";
  }
  return "a value";
}

std::variant<std::shared_ptr<CompiledExpr>, CheckError> compile_expression(const AstNode& ast, const CheckScope& scope,
                                                                           std::optional<ValueType> expected) {
  auto out = std::make_shared<CompiledExpr>();
  out->functions = scope.functions;
  try {
    Checker checker(scope, *out);
    Typed root = checker.check(ast);
    if (expected) checker.expect(ast, root, *expected, "a condition");
    out->root = root.node;
    out->type = root.type.type;
    out->option_question = root.type.option_question;
    out->truth = compile_truth(*out);
    out->truth_plain = is_plain(out->truth.data(), out->truth.size());
    // A policy keeps every expression for its life: give back what growing the vectors left over.
    out->nodes.shrink_to_fit();
    out->children.shrink_to_fit();
    out->questions_used.shrink_to_fit();
    out->facts_used.shrink_to_fit();
    out->constants.shrink_to_fit();
    out->truth.shrink_to_fit();
  } catch (const Failure& failure) {
    return failure.error;
  }
  return out;
}

void collect_names(const AstNode& ast, std::vector<const AstNode*>& out) {
  if (ast.kind == AstKind::identifier) out.push_back(&ast);
  for (const auto& child : ast.children) collect_names(*child, out);
}

}  // namespace waymark::detail
