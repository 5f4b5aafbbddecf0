// Recursive descent, lowest precedence first: or, and, not, comparison / in, + -, unary -, primary.
#include "expr_syntax.h"

namespace waymark::detail {

namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  struct Failure {
    SyntaxError error;
  };

  Ast parse() {
    Ast root = parse_or();
    if (peek().kind != TokenKind::end)
      fail(peek(), DiagnosticCode::condition_syntax, "unexpected " + describe(peek()) + " after a complete condition");
    return root;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_ == tokens_.size() - 1 ? pos_ : pos_++]; }
  bool is_word(const Token& t, std::string_view w) const { return t.kind == TokenKind::identifier && t.text == w; }
  bool is_op(const Token& t, std::string_view o) const { return t.kind == TokenKind::op && t.text == o; }

  [[noreturn]] void fail(const Token& at, DiagnosticCode code, std::string message) {
    throw Failure{{at.offset, code, std::move(message)}};
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::end: return "end of condition";
      case TokenKind::string: return "text '" + t.text + "'";
      default: return "'" + t.text + "'";
    }
  }

  static Ast node(AstKind kind, std::uint32_t offset, std::string text = {}) {
    auto n = std::make_unique<AstNode>();
    n->kind = kind;
    n->offset = offset;
    n->text = std::move(text);
    return n;
  }

  static Ast binary(const Token& op_token, std::string op, Ast lhs, Ast rhs) {
    Ast n = node(AstKind::binary, op_token.offset, std::move(op));
    n->children.push_back(std::move(lhs));
    n->children.push_back(std::move(rhs));
    return n;
  }

  Ast parse_or() {
    Ast lhs = parse_and();
    while (is_word(peek(), "or")) {
      const Token op = take();
      lhs = binary(op, "or", std::move(lhs), parse_and());
    }
    return lhs;
  }

  Ast parse_and() {
    Ast lhs = parse_not();
    while (is_word(peek(), "and")) {
      const Token op = take();
      lhs = binary(op, "and", std::move(lhs), parse_not());
    }
    return lhs;
  }

  Ast parse_not() {
    if (is_word(peek(), "not")) {
      const Token op = take();
      Ast n = node(AstKind::unary, op.offset, "not");
      n->children.push_back(parse_not());
      return n;
    }
    return parse_comparison();
  }

  Ast parse_comparison() {
    Ast lhs = parse_additive();
    const Token& t = peek();
    static constexpr std::string_view comparisons[] = {"==", "!=", "<", "<=", ">", ">="};
    for (auto c : comparisons) {
      if (is_op(t, c)) {
        const Token op = take();
        Ast rhs = parse_additive();
        check_not_chained();
        return binary(op, std::string(c), std::move(lhs), std::move(rhs));
      }
    }
    if (is_word(t, "in")) {
      const Token op = take();
      Ast rhs = parse_additive();
      check_not_chained();
      return binary(op, "in", std::move(lhs), std::move(rhs));
    }
    if (is_word(t, "not") && pos_ + 1 < tokens_.size() && is_word(tokens_[pos_ + 1], "in")) {
      const Token op = take();
      take();
      Ast rhs = parse_additive();
      check_not_chained();
      Ast in = binary(op, "in", std::move(lhs), std::move(rhs));
      Ast n = node(AstKind::unary, op.offset, "not");
      n->children.push_back(std::move(in));
      return n;
    }
    return lhs;
  }

  void check_not_chained() {
    const Token& t = peek();
    if (t.kind == TokenKind::op && t.text != "+" && t.text != "-")
      fail(t, DiagnosticCode::condition_chained_comparison, "comparisons cannot be chained; join them with 'and'");
  }

  Ast parse_additive() {
    Ast lhs = parse_unary();
    while (is_op(peek(), "+") || is_op(peek(), "-")) {
      const Token op = take();
      lhs = binary(op, op.text, std::move(lhs), parse_unary());
    }
    return lhs;
  }

  Ast parse_unary() {
    if (is_op(peek(), "-")) {
      const Token op = take();
      Ast n = node(AstKind::unary, op.offset, "-");
      n->children.push_back(parse_unary());
      return n;
    }
    return parse_primary();
  }

  Ast parse_primary() {
    const Token t = take();
    switch (t.kind) {
      case TokenKind::number: {
        Ast n = node(AstKind::number, t.offset, t.text);
        n->number = t.number;
        return n;
      }
      case TokenKind::string: return node(AstKind::text, t.offset, t.text);
      case TokenKind::lparen: {
        Ast inner = parse_or();
        expect(TokenKind::rparen, "')' to close the '(' at column " + std::to_string(t.offset + 1));
        return inner;
      }
      case TokenKind::lbracket: {
        Ast list = node(AstKind::list, t.offset);
        if (peek().kind != TokenKind::rbracket) {
          do {
            list->children.push_back(parse_additive());
          } while (peek().kind == TokenKind::comma && (take(), true));
        }
        expect(TokenKind::rbracket, "']' or ',' in the list");
        return list;
      }
      case TokenKind::identifier: {
        static constexpr std::string_view reserved[] = {"and", "or", "not", "in"};
        for (auto word : reserved)
          if (t.text == word) fail(t, DiagnosticCode::condition_syntax, "expected a value before '" + t.text + "'");
        if (t.text == "true" || t.text == "false") {
          Ast n = node(AstKind::boolean, t.offset, t.text);
          n->boolean = t.text == "true";
          return n;
        }
        if (peek().kind == TokenKind::lparen) {
          take();
          Ast call = node(AstKind::call, t.offset, t.text);
          if (peek().kind != TokenKind::rparen) {
            do {
              call->children.push_back(parse_or());
            } while (peek().kind == TokenKind::comma && (take(), true));
          }
          expect(TokenKind::rparen, "')' or ',' in the call to " + t.text + "()");
          return call;
        }
        return node(AstKind::identifier, t.offset, t.text);
      }
      default: fail(t, DiagnosticCode::condition_syntax, "expected a value, found " + describe(t));
    }
  }

  void expect(TokenKind kind, const std::string& what) {
    if (peek().kind != kind)
      fail(peek(), DiagnosticCode::condition_syntax, "expected " + what + ", found " + describe(peek()));
    take();
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

std::variant<Ast, SyntaxError> parse_expression(std::string_view text) {
  auto lexed = tokenize(text);
  if (auto* error = std::get_if<SyntaxError>(&lexed)) return *error;
  auto& tokens = std::get<std::vector<Token>>(lexed);
  if (tokens.size() == 1) return SyntaxError{0, DiagnosticCode::condition_syntax, "the condition is empty"};
  // Parsing, checking and evaluating recurse, so absurdly long input must not reach them.
  constexpr std::size_t max_tokens = 1000;
  if (tokens.size() > max_tokens)
    return SyntaxError{tokens[max_tokens].offset, DiagnosticCode::condition_syntax,
                       "this condition is too long (over " + std::to_string(max_tokens) +
                           " names, values and symbols); split it into facts"};
  try {
    return Parser(std::move(tokens)).parse();
  } catch (const Parser::Failure& failure) {
    return failure.error;
  }
}

}  // namespace waymark::detail
