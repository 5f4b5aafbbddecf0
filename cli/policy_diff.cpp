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

// A field whose change changes the advice (semantic versioning: MINOR or MAJOR).
void meaning(Lines& out, Lines& meaning, const std::string& id, const char* what, const std::string& before,
             const std::string& after) {
  if (before == after) return;
  field(out, id, what, before, after);
  meaning.push_back(fmt::format("'{}' {}", id, what));
}

template <class T, class Same>
void compare(const std::vector<T>& before, const std::vector<T>& after, Lines& out, Lines& meaning, const char* noun,
             Same&& same) {
  auto find = [](const std::vector<T>& items, const std::string& id) {
    return std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  };
  std::vector<const T*> removed, added;
  for (const T& b : before)
    if (find(after, b.id) == after.end()) {
      out.push_back(fmt::format("- removed '{}': {}", b.id, quoted(b.text)));
      removed.push_back(&b);
    }
  for (const T& a : after) {
    const auto b = find(before, a.id);
    if (b == before.end()) {
      out.push_back(fmt::format("+ added '{}': {}", a.id, quoted(a.text)));
      added.push_back(&a);
      continue;
    }
    if (b->text != a.text)
      out.push_back(fmt::format("~ reworded '{}': {} -> {}", a.id, quoted(b->text), quoted(a.text)));
    same(*b, a);
  }
  // A removed and an added item with the same text is most likely a new id for the same thing.
  for (const T* r : removed) {
    const auto same_text = std::find_if(added.begin(), added.end(), [&](const T* a) { return a->text == r->text; });
    if (same_text != added.end()) {
      out.push_back(fmt::format("~ probably renamed '{}' -> '{}': the text is the same", r->id, (*same_text)->id));
      added.erase(same_text);
    }
  }
  if (noun && (!removed.empty() || !added.empty())) meaning.push_back(fmt::format("{} added or removed", noun));
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

Lines question_changes(const Policy& before, const Policy& after, Lines& changed) {
  Lines out;
  compare(before.questions(), after.questions(), out, changed, "questions", [&](const Question& b, const Question& a) {
    meaning(out, changed, a.id, "kind", std::string(to_string(b.kind)), std::string(to_string(a.kind)));
    meaning(out, changed, a.id, "is asked when", condition(b.ask_if, "always"), condition(a.ask_if, "always"));
    meaning(out, changed, a.id, "options", option_list(b), option_list(a));
    for (const Option& o : a.options) {
      const int i = b.option_index(o.id);
      if (i >= 0 && b.options[static_cast<std::size_t>(i)].text != o.text)
        out.push_back(fmt::format("~ reworded option '{}' of '{}': {} -> {}", o.id, a.id,
                                  quoted(b.options[static_cast<std::size_t>(i)].text), quoted(o.text)));
    }
    meaning(out, changed, a.id, "smallest answer", bound(b.min), bound(a.min));
    meaning(out, changed, a.id, "largest answer", bound(b.max), bound(a.max));
    field(out, a.id, "help", b.help, a.help);
    field(out, a.id, "section", b.section, a.section);
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

// A role in a board's words: its title, with its id.
std::string role_words(const Policy& policy, const std::string& id) {
  for (const Role& r : policy.roles())
    if (r.id == id) return fmt::format("{} ({})", r.title, id);
  return id;
}

// An urgency in a board's words, with its TOML spelling where that differs.
std::string urgency_words(const Urgency& u) {
  const std::string label = u.label();
  std::string lowered = label;
  lowered[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered[0])));
  return lowered == u.spelling() ? label : fmt::format("{} ({})", label, u.spelling());
}

Lines action_changes(const Policy& before, const Policy& after, Lines& changed) {
  Lines out;
  compare(before.actions(), after.actions(), out, changed, "actions", [&](const Action& b, const Action& a) {
    meaning(out, changed, a.id, "kind", std::string(to_string(b.kind)), std::string(to_string(a.kind)));
    meaning(out, changed, a.id, "fires when", condition(b.when, "always"), condition(a.when, "always"));
    meaning(out, changed, a.id, "owner", role_words(before, b.owner), role_words(after, a.owner));
    if (b.urgency.spelling() != a.urgency.spelling())
      meaning(out, changed, a.id, "urgency", urgency_words(b.urgency), urgency_words(a.urgency));
    field(out, a.id, "timescale in the source's words", b.timescale, a.timescale);
    field(out, a.id, "what to record", b.record, a.record);
    field(out, a.id, "why", b.why, a.why);
    meaning(out, changed, a.id, "conflicts with", joined(b.conflicts_with), joined(a.conflicts_with));
    field(out, a.id, "section", b.section, a.section);
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines fact_changes(const Policy& before, const Policy& after, Lines& changed) {
  Lines out;
  compare(before.facts(), after.facts(), out, changed, "facts", [&](const Fact& b, const Fact& a) {
    meaning(out, changed, a.id, "is worked out as", condition(b.value, ""), condition(a.value, ""));
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

Lines note_changes(const Policy& before, const Policy& after, Lines& changed) {
  Lines out;
  compare(before.notes(), after.notes(), out, changed, nullptr, [&](const Note& b, const Note& a) {
    meaning(out, changed, a.id, "is shown when", condition(b.when, "always"), condition(a.when, "always"));
    field(out, a.id, "source", b.source, a.source);
  });
  return out;
}

std::string step_list(const Pathway& p) {
  std::string out;
  for (const PathwayStep& s : p.steps) out += (out.empty() ? "" : " -> ") + s.id;
  return out;
}

// Pathways: which ladders were added or removed, and for each kept one its steps' order,
// conditions (which step the case is at) and actions (what "If this continues" shows).
Lines pathway_changes(const Policy& before, const Policy& after, Lines& changed) {
  Lines out;
  auto find = [](const Policy& policy, const std::string& id) -> const Pathway* {
    for (const Pathway& p : policy.pathways())
      if (p.id == id) return &p;
    return nullptr;
  };
  for (const Pathway& b : before.pathways())
    if (!find(after, b.id)) {
      out.push_back(fmt::format("- removed pathway '{}': {}", b.id, quoted(b.title)));
      changed.push_back(fmt::format("pathway '{}' removed", b.id));
    }
  for (const Pathway& a : after.pathways()) {
    const Pathway* b = find(before, a.id);
    if (!b) {
      out.push_back(fmt::format("+ added pathway '{}': {} (steps {})", a.id, quoted(a.title), step_list(a)));
      changed.push_back(fmt::format("pathway '{}' added", a.id));
      continue;
    }
    field(out, a.id, "title", b->title, a.title);
    meaning(out, changed, a.id, "steps", step_list(*b), step_list(a));
    for (const PathwayStep& sa : a.steps) {
      const auto sb =
          std::find_if(b->steps.begin(), b->steps.end(), [&](const PathwayStep& s) { return s.id == sa.id; });
      if (sb == b->steps.end()) continue;
      const std::string id = a.id + "." + sa.id;
      field(out, id, "title", sb->title, sa.title);
      meaning(out, changed, id, "is reached when", condition(sb->when, "never (always ahead)"),
              condition(sa.when, "never (always ahead)"));
      meaning(out, changed, id, "actions", joined(sb->actions), joined(sa.actions));
      field(out, id, "moves on", sb->moves_on, sa.moves_on);
      field(out, id, "next step follows", sb->later, sa.later);
      field(out, id, "source", sb->source, sa.source);
    }
  }
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
    if (!b)
      out.push_back(fmt::format("+ added role '{}' ({})", a.id, a.title));
    else
      field(out, a.id, "title", b->title, a.title);
  }
  return out;
}

// A [policy] detail that changed, e.g. `~ Effective date: 2026-01-01 -> 2027-01-01`.
void detail(Lines& out, const char* what, const std::string& before, const std::string& after) {
  if (before != after)
    out.push_back(
        fmt::format("~ {}: {} -> {}", what, before.empty() ? "(none)" : before, after.empty() ? "(none)" : after));
}

Lines header_changes(const PolicyInfo& b, const PolicyInfo& a) {
  Lines out;
  detail(out, "Title", b.title, a.title);
  detail(out, "Owner", b.owner, a.owner);
  detail(out, "Applies to", b.applies_to, a.applies_to);
  detail(out, "Effective date", b.effective.iso(), a.effective.iso());
  detail(out, "Review-by date", b.review_by.iso(), a.review_by.iso());
  detail(out, "Sources", joined(b.sources), joined(a.sources));
  detail(out, "Summary", b.summary, a.summary);
  detail(out, "Plugins", joined(b.plugins), joined(a.plugins));
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

bool patch_bump_only(const std::string& before, const std::string& after) {
  const auto x = parts(before), y = parts(after);
  if (x.size() < 3 || y.size() < 3) return false;
  return compare_versions(x[0], y[0]) == 0 && compare_versions(x[1], y[1]) == 0 && compare_versions(after, before) > 0;
}

PolicyChanges diff_policies(const Policy& before, const Policy& after) {
  PolicyChanges changes;
  changes.content_changed = content_without_version(before) != content_without_version(after);
  auto add = [&](const char* heading, Lines lines) {
    if (!lines.empty()) changes.sections.emplace_back(heading, std::move(lines));
  };
  add("Policy", header_changes(before.info(), after.info()));
  add("Roles", role_changes(before, after));
  Lines& changed = changes.meaning_changes;
  add("Questions", question_changes(before, after, changed));
  add("Facts", fact_changes(before, after, changed));
  add("Actions", action_changes(before, after, changed));
  add("Notes", note_changes(before, after, changed));
  add("Pathways", pathway_changes(before, after, changed));
  if (changes.content_changed && changes.sections.empty())
    add("Other", {"~ the order of questions, options or actions changed"});
  return changes;
}

}  // namespace waymark::cli
