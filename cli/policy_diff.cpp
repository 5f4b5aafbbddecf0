#include "policy_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace waymark::cli {

namespace {

using Lines = std::vector<std::string>;

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string condition(const Condition& c, const char* if_empty) { return c.empty() ? if_empty : c.text(); }

// Reports a field that changed, e.g. `'x' owner: worker -> line_manager`.
void field(Lines& out, const std::string& id, const char* what, const std::string& before, const std::string& after) {
  if (before != after)
    out.push_back(fmt::format("~ '{}' {}: {} -> {}", id, what, before.empty() ? "(none)" : before,
                              after.empty() ? "(none)" : after));
}

template <class T, class Same>
void compare(const std::vector<T>& before, const std::vector<T>& after, Lines& out, Same&& same) {
  auto find = [](const std::vector<T>& items, const std::string& id) {
    return std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  };
  for (const T& b : before)
    if (find(after, b.id) == after.end()) out.push_back(fmt::format("- removed '{}': {}", b.id, quoted(b.text)));
  for (const T& a : after) {
    const auto b = find(before, a.id);
    if (b == before.end()) {
      out.push_back(fmt::format("+ added '{}': {}", a.id, quoted(a.text)));
      continue;
    }
    if (b->text != a.text) out.push_back(fmt::format("~ reworded '{}': {} -> {}", a.id, quoted(b->text), quoted(a.text)));
    same(*b, a);
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string bound(const std::optional<double>& value) { return value ? fmt::format("{}", *value) : ""; }

std::string option_list(const Question& q) {
  std::string out;
  for (const Option& o : q.options) out += (out.empty() ? "" : ", ") + o.id;
  return out;
}

Lines question_changes(const Policy& before, const Policy& after) {
  Lines out;
  compare(before.questions(), after.questions(), out, [&](const Question& b, const Question& a) {
    field(out, a.id, "kind", std::string(to_string(b.kind)), std::string(to_string(a.kind)));
    field(out, a.id, "is asked when", condition(b.ask_if, "always"), condition(a.ask_if, "always"));
    field(out, a.id, "options", option_list(b), option_list(a));
    for (const Option& o : a.options) {
      const int i = b.option_index(o.id);
      if (i >= 0 && b.options[static_cast<std::size_t>(i)].text != o.text)
        out.push_back(fmt::format("~ reworded option '{}' of '{}': {} -> {}", o.id, a.id,
                                  quoted(b.options[static_cast<std::size_t>(i)].text), quoted(o.text)));
    }
    field(out, a.id, "smallest answer", bound(b.min), bound(a.min));
    field(out, a.id, "largest answer", bound(b.max), bound(a.max));
    field(out, a.id, "help", b.help, a.help);
    field(out, a.id, "section", b.section, a.section);
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines action_changes(const Policy& before, const Policy& after) {
  Lines out;
  compare(before.actions(), after.actions(), out, [&](const Action& b, const Action& a) {
    field(out, a.id, "kind", std::string(to_string(b.kind)), std::string(to_string(a.kind)));
    field(out, a.id, "fires when", condition(b.when, "always"), condition(a.when, "always"));
    field(out, a.id, "owner", b.owner, a.owner);
    field(out, a.id, "timescale", b.urgency.spelling(), a.urgency.spelling());
    field(out, a.id, "timescale in the source's words", b.timescale, a.timescale);
    field(out, a.id, "what to record", b.record, a.record);
    field(out, a.id, "why", b.why, a.why);
    field(out, a.id, "conflicts with", joined(b.conflicts_with), joined(a.conflicts_with));
    field(out, a.id, "section", b.section, a.section);
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines fact_changes(const Policy& before, const Policy& after) {
  Lines out;
  compare(before.facts(), after.facts(), out, [&](const Fact& b, const Fact& a) {
    field(out, a.id, "is worked out as", condition(b.value, ""), condition(a.value, ""));
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines note_changes(const Policy& before, const Policy& after) {
  Lines out;
  compare(before.notes(), after.notes(), out, [&](const Note& b, const Note& a) {
    field(out, a.id, "is shown when", condition(b.when, "always"), condition(a.when, "always"));
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines role_changes(const Policy& before, const Policy& after) {
  Lines out;
  auto title_of = [](const Policy& p, const std::string& id) -> const Role* {
    for (const Role& r : p.roles())
      if (r.id == id) return &r;
    return nullptr;
  };
  for (const Role& b : before.roles())
    if (!title_of(after, b.id)) out.push_back(fmt::format("- removed role '{}' ({})", b.id, b.title));
  for (const Role& a : after.roles()) {
    const Role* b = title_of(before, a.id);
    if (!b) out.push_back(fmt::format("+ added role '{}' ({})", a.id, a.title));
    else field(out, a.id, "title", b->title, a.title);
  }
  return out;
}

Lines header_changes(const PolicyInfo& b, const PolicyInfo& a) {
  Lines out;
  field(out, "policy", "title", b.title, a.title);
  field(out, "policy", "owner", b.owner, a.owner);
  field(out, "policy", "applies to", b.applies_to, a.applies_to);
  field(out, "policy", "effective date", b.effective.iso(), a.effective.iso());
  field(out, "policy", "review-by date", b.review_by.iso(), a.review_by.iso());
  field(out, "policy", "sources", joined(b.sources), joined(a.sources));
  field(out, "policy", "summary", b.summary, a.summary);
  field(out, "policy", "plugins", joined(b.plugins), joined(a.plugins));
  return out;
}

std::vector<std::string> parts(const std::string& version) {
  std::vector<std::string> out;
  std::stringstream in(version);
  for (std::string part; std::getline(in, part, '.');) out.push_back(part);
  return out;
}

bool numeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The canonical content without the version number, so a new number alone is not a change.
std::string content_without_version(const Policy& policy) {
  std::string json = policy.canonical_json();
  const std::string version = fmt::format("\"version\":\"{}\"", policy.info().version);
  if (const auto at = json.find(version); at != std::string::npos) json.replace(at, version.size(), "\"version\":\"\"");
  return json;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  const auto x = parts(a), y = parts(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const std::string p = i < x.size() ? x[i] : "0", q = i < y.size() ? y[i] : "0";
    if (numeric(p) && numeric(q)) {
      const auto trim = [](const std::string& s) { return s.substr(std::min(s.find_first_not_of('0'), s.size() - 1)); };
      const std::string m = trim(p), n = trim(q);
      if (m.size() != n.size()) return m.size() < n.size() ? -1 : 1;
      if (m != n) return m < n ? -1 : 1;
    } else if (p != q) {
      return p < q ? -1 : 1;
    }
  }
  return 0;
}

PolicyChanges diff_policies(const Policy& before, const Policy& after) {
  PolicyChanges changes;
  changes.content_changed = content_without_version(before) != content_without_version(after);
  auto add = [&](const char* heading, Lines lines) {
    if (!lines.empty()) changes.sections.emplace_back(heading, std::move(lines));
  };
  add("Policy", header_changes(before.info(), after.info()));
  add("Roles", role_changes(before, after));
  add("Questions", question_changes(before, after));
  add("Facts", fact_changes(before, after));
  add("Actions", action_changes(before, after));
  add("Notes", note_changes(before, after));
  if (changes.content_changed && changes.sections.empty())
    add("Other", {"~ the order of questions, options or actions changed"});
  return changes;
}

}  // namespace waymark::cli
