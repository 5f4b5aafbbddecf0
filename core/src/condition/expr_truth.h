// A compact form of a yes/no condition, evaluated much faster than the general tree: most
// conditions are and/or/not over yes/no answers and option tests, and an outcome evaluates
// every action's condition. Anything else stays a call into the general evaluator.
#pragma once

#include "value.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace waymark::detail {

struct CompiledExpr;
struct EvalEnv;
struct Contribution;

enum class TruthOp : std::uint8_t {
  constant,    // mask = 0 or 1
  yes_no,      // ref = question index
  option_is,   // ref = question index, mask = the option's bit
  option_in,   // ref = question index, mask = the allowed options
  has_option,  // ref = question index of a multiple choice, mask = the option's bit
  answered,    // ref = question index
  fact,        // ref = fact index (a yes/no fact)
  and_,
  or_,
  not_,
  general,  // ref = node index in the CompiledExpr, evaluated the general way
};

// Nodes in pre-order: an operator's first operand follows it; `second` is where the second starts.
// `negate` on a leaf flips its value when it is known (a `not` or `!=` folded into the leaf).
struct TruthNode {
  TruthOp op = TruthOp::constant;
  bool negate = false;
  std::int32_t ref = -1;
  std::uint32_t second = 0;
  std::uint64_t mask = 0;
};

// Builds the compact form of a yes/no expression (empty for other types).
std::vector<TruthNode> compile_truth(const CompiledExpr& expr);

// Evaluates the compact form; same result as the general evaluator, node for node.
Value evaluate_truth(const CompiledExpr& expr, const EvalEnv& env);
// The same, for a copy of `expr.truth` kept elsewhere (see ActionTable).
bool holds(const CompiledExpr& expr, const TruthNode* nodes, const EvalEnv& env);
// The value of the sub-condition starting at nodes[i]: what evaluate_node gives for the tree node
// it was made from (used when explaining from the compact form).
Value truth_value_at(const CompiledExpr& expr, const TruthNode* nodes, std::uint32_t i, const EvalEnv& env);

// Whether `nodes` reads only answers (no facts, no calls) and is short enough for holds_plain.
bool is_plain(const TruthNode* nodes, std::size_t count);
// holds() for a plain condition, without branching on answers: every node is evaluated (nothing
// there can be costly or fail), so no short-circuit jump can be mispredicted.
bool holds_plain(const TruthNode* nodes, std::size_t count, const EvalEnv& env);

// A plain condition of a few tests can also be kept as a table: each test's result (no, yes,
// unknown, pending: 0 to 3) is two bits of an index, and the row there says whether it holds and,
// when it does, which of its tests name the answers that made it hold. Deciding it is then its
// tests and one lookup, whatever its and/or/not, and explaining it needs no second evaluation.
inline constexpr std::size_t table_test_limit = 4;  // a table of 4^4 = 256 rows at most
inline constexpr std::uint8_t row_holds = 1;        // bit 0 of a row; bits 4 to 7: its explaining tests
// Appends the condition's tests (in order) to `tests` and its rows to `rows`; false, appending
// nothing, when it has more tests than table_test_limit or reads anything but answers and the
// facts marked in `testable_facts` (by fact index).
bool tabulate(const TruthNode* nodes, std::size_t count, const std::vector<std::uint8_t>& testable_facts,
              std::vector<TruthNode>& tests, std::vector<std::uint8_t>& rows);
// The code of each of `count` tests (leaves of plain or tabulated conditions) given the answers in
// `env`, into `codes`. Many conditions share a test (`q3`, `q7 == 'b'`): ActionTable keeps each
// distinct test once, so an outcome works each out once and every condition's table reads its code.
void test_codes(const TruthNode* tests, std::size_t count, const EvalEnv& env, std::uint8_t* codes);
// A tabulated condition's row, given the codes of the distinct tests and the indices of its own
// tests among them (in its order).
inline std::uint8_t table_row(const std::uint32_t* tests, std::size_t test_count, const std::uint8_t* rows,
                              const std::uint8_t* codes) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < test_count; ++i) index |= std::size_t{codes[tests[i]]} << (2 * i);
  return rows[index];
}
// Of a row that holds, the tests (bit i: the condition's i-th) that explain_truth_into would name.
inline unsigned explaining_tests(std::uint8_t row) { return row >> 4; }
// What one of those tests names, given its code: the question or fact, or for `'x' in q` with the
// option decided, that option, chosen or not (as explain_truth_into names them).
Contribution test_contribution(const TruthNode& test, std::uint8_t code);

}  // namespace waymark::detail
