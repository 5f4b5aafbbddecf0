// The canonical form is the JSON nlohmann-json wrote from ordered maps (keys sorted, no spaces):
// stored records carry hashes of it, so it must stay byte for byte what it was. It is written
// straight out here, keys in that sorted order, without building the maps (a large policy's hash
// spent most of its time on them). A test checks the text is a fixed point of parse-and-dump.
#include "canonical.h"

#include "expr_syntax.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace waymark::detail {

namespace {

class Writer {
 public:
  std::string out;

  // As nlohmann's dump (UTF-8 kept as is): text beyond ASCII goes through nlohmann itself.
  void string(std::string_view s) {
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      out += nlohmann::json(std::string(s)).dump();
      return;
    }
    out += '"';
    for (char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) <= 0x1f)
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
          else
            out += c;
      }
    }
    out += '"';
  }
  void number(double v) { out += nlohmann::json(v).dump(); }
  void strings(const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      string(list[i]);
    }
    out += ']';
  }
  // `"key":`, after a comma unless it is the object's first.
  void key(std::string_view k, bool first = false) {
    if (!first) out += ',';
    out += '"';
    out += k;
    out += "\":";
  }
  void text(std::string_view k, std::string_view v, bool first = false) {
    key(k, first);
    string(v);
  }

  // A condition as its tokens, so spacing and quote style do not change the hash: `a==b` and
  // `a == b` mean the same. Strings and numbers are kept typed, so 'yes' and yes stay different.
  void condition(const Condition& c) {
    if (c.empty()) {
      out += "null";
      return;
    }
    auto tokens = tokenize(c.text());
    if (!std::holds_alternative<std::vector<Token>>(tokens)) return string(c.text());  // never loaded, but be safe
    out += '[';
    bool first = true;
    for (const Token& t : std::get<std::vector<Token>>(tokens)) {
      if (t.kind == TokenKind::end) break;
      if (!std::exchange(first, false)) out += ',';
      if (t.kind == TokenKind::string) {
        out += "{\"text\":";
        string(t.text);
        out += '}';
      } else if (t.kind == TokenKind::number) {
        number(t.number);
      } else {
        string(t.text);
      }
    }
    out += ']';
  }

  // `[item, item, ...]`, each written by `write`.
  template <class List, class Write>
  void array(const List& list, Write write) {
    out += '[';
    bool first = true;
    for (const auto& item : list) {
      if (!std::exchange(first, false)) out += ',';
      out += '{';
      write(item);
      out += '}';
    }
    out += ']';
  }
};

}  // namespace

std::string canonical_json(const Policy& policy) {
  Writer w;
  w.out.reserve(4096);
  w.out += '{';
  w.key("actions", true);
  w.array(policy.actions(), [&](const Action& a) {
    // cites and conflicts_with only when declared, so the hashes of policies without them stay.
    bool first = true;
    if (!a.cites.empty()) {
      w.key("cites", std::exchange(first, false));
      w.strings(a.cites);
    }
    if (!a.conflicts_with.empty()) {
      w.key("conflicts_with", std::exchange(first, false));
      w.strings(a.conflicts_with);
    }
    w.text("id", a.id, first);
    w.text("kind", to_string(a.kind));
    w.text("owner", a.owner);
    w.text("record", a.record);
    w.text("section", a.section);
    w.text("source", a.source);
    w.text("text", a.text);
    w.text("timescale", a.timescale);
    w.text("urgency", a.urgency.spelling());
    w.key("when");
    w.condition(a.when);
    w.text("why", a.why);
  });
  w.key("facts");
  w.array(policy.facts(), [&](const Fact& f) {
    w.text("id", f.id, true);
    w.text("source", f.source);
    w.text("text", f.text);
    w.key("value");
    w.condition(f.value);
  });
  w.key("notes");
  w.array(policy.notes(), [&](const Note& n) {
    w.text("id", n.id, true);
    w.text("source", n.source);
    w.text("text", n.text);
    w.key("when");
    w.condition(n.when);
  });
  // Only when declared, so the hashes of policies without pathways stay as they were.
  if (!policy.pathways().empty()) {
    w.key("pathways");
    w.array(policy.pathways(), [&](const Pathway& p) {
      w.text("id", p.id, true);
      w.text("source", p.source);
      w.key("steps");
      w.array(p.steps, [&](const PathwayStep& s) {
        w.key("actions", true);
        w.strings(s.actions);
        w.text("id", s.id);
        w.text("later", s.later);
        w.text("moves_on", s.moves_on);
        w.text("source", s.source);
        w.text("title", s.title);
        w.key("when");
        w.condition(s.when);
      });
      w.text("title", p.title);
    });
  }
  const PolicyInfo& info = policy.info();
  w.key("policy");
  w.out += '{';
  w.text("applies_to", info.applies_to, true);
  w.text("effective", info.effective.iso());
  w.text("id", info.id);
  w.text("owner", info.owner);
  // Only when present, so that policies without plugins keep the hash they always had.
  if (!info.plugins.empty()) {
    w.key("plugins");
    w.strings(info.plugins);
  }
  w.text("review_by", info.review_by.iso());
  w.key("sources");
  w.strings(info.sources);
  w.text("summary", info.summary);
  w.text("title", info.title);
  w.text("version", info.version);
  w.out += '}';
  w.key("questions");
  w.array(policy.questions(), [&](const Question& q) {
    w.key("ask_if", true);
    w.condition(q.ask_if);
    // Cited passages only where declared, so policies without quotes keep the hash they had.
    if (!q.cites.empty()) {
      w.key("cites");
      w.strings(q.cites);
    }
    w.text("help", q.help);
    w.text("id", q.id);
    w.text("kind", to_string(q.kind));
    w.key("max");
    if (q.max)
      w.number(*q.max);
    else
      w.out += "null";
    w.key("min");
    if (q.min)
      w.number(*q.min);
    else
      w.out += "null";
    w.key("options");
    w.array(q.options, [&](const Option& o) {
      w.text("id", o.id, true);
      w.text("text", o.text);
    });
    w.text("section", q.section);
    w.text("source", q.source);
    w.text("text", q.text);
  });
  w.key("roles");
  w.array(policy.roles(), [&](const Role& r) {
    w.text("id", r.id, true);
    w.text("title", r.title);
  });
  if (!policy.source_quotes().empty()) {
    w.key("source_quotes");
    w.array(policy.source_quotes(), [&](const SourceQuote& q) {
      w.text("id", q.id, true);
      w.text("text", q.text);
      w.text("title", q.title);
    });
  }
  w.out += '}';
  return std::move(w.out);
}

}  // namespace waymark::detail
