#include "generated_policy.h"

#include "support/policy_text.h"

#include <fmt/format.h>

namespace waymark::bench {

std::string generated_policy(int questions, int actions, int facts) {
  std::string out = test::policy_header_using("generated", "");
  auto yes_no = [](int k) { return k % 4 == 3 ? k - 1 : k; };  // the nearest yes/no question
  for (int i = 0; i < questions; ++i) {
    const bool choice = i % 4 == 3;
    out += fmt::format("\n[[question]]\nid = \"q{}\"\ntext = \"Question {}\"\nhelp = \"h\"\nsource = \"s\"\n", i, i);
    if (choice)
      out +=
          "kind = \"choice\"\noptions = [ { id = \"a\", text = \"A\" }, { id = \"b\", text = \"B\" }, "
          "{ id = \"c\", text = \"C\" } ]\n";
    else
      out += "kind = \"yes_no\"\n";
    if (i >= 10 && i % 5 == 0) out += fmt::format("ask_if = \"q{} or q{}\"\n", yes_no(i - 9), yes_no(i - 7));
  }
  for (int f = 0; f < facts; ++f)
    out +=
        fmt::format("\n[[fact]]\nid = \"f{}\"\ntext = \"Fact {}\"\nvalue = \"count_true(q{}, q{}, q{}) >= 2\"\n", f, f,
                    yes_no((f * 7) % questions), yes_no((f * 11 + 1) % questions), yes_no((f * 13 + 2) % questions));
  for (int a = 0; a < actions; ++a) {
    const int x = yes_no((a * 37) % questions), y = yes_no((a * 53 + 5) % questions);
    const int c = ((a * 17) % (questions / 4)) * 4 + 3;
    std::string when = fmt::format("q{} and (q{} == '{}' or not q{})", x, c < questions ? c : 3, "abc"[a % 3], y);
    if (a % 10 == 0 && facts > 0) when += fmt::format(" or f{}", a % facts);
    out += fmt::format(
        "\n[[action]]\nid = \"a{}\"\ntext = \"Action {}\"\nkind = \"step\"\nowner = \"worker\"\nurgency = \"within {} "
        "days\"\nwhy = \"w\"\nsource = \"s\"\nwhen = \"{}\"\n",
        a, a, 1 + a % 30, when);
  }
  return out;
}

}  // namespace waymark::bench
