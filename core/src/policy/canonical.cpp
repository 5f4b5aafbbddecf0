#include "canonical.h"

#include "expr_syntax.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace waymark::detail {

namespace {

// A condition as its tokens, so spacing and quote style do not change the hash: `a==b` and
// `a == b` mean the same. Strings and numbers are kept typed, so 'yes' and yes stay different.
nlohmann::json condition(const Condition& c) {
  if (c.empty()) return nullptr;
  auto tokens = tokenize(c.text());
  if (!std::holds_alternative<std::vector<Token>>(tokens)) return c.text();  // never loaded, but be safe
  nlohmann::json out = nlohmann::json::array();
  for (const Token& t : std::get<std::vector<Token>>(tokens)) {
    if (t.kind == TokenKind::end) break;
    if (t.kind == TokenKind::string)
      out.push_back({{"text", t.text}});
    else if (t.kind == TokenKind::number)
      out.push_back(t.number);
    else
      out.push_back(t.text);
  }
  return out;
}

}  // namespace

std::string canonical_json(const Policy& policy) {
  using nlohmann::json;
  const PolicyInfo& info = policy.info();
  json doc;
  doc["policy"] = {{"id", info.id},
                   {"title", info.title},
                   {"version", info.version},
                   {"owner", info.owner},
                   {"applies_to", info.applies_to},
                   {"effective", info.effective.iso()},
                   {"review_by", info.review_by.iso()},
                   {"sources", info.sources},
                   {"summary", info.summary}};
  // Only when present, so that policies without plugins keep the hash they always had.
  if (!info.plugins.empty()) doc["policy"]["plugins"] = info.plugins;
  json roles = json::array();
  for (const auto& r : policy.roles()) roles.push_back({{"id", r.id}, {"title", r.title}});
  doc["roles"] = roles;
  json questions = json::array();
  for (const auto& q : policy.questions()) {
    json options = json::array();
    for (const auto& o : q.options) options.push_back({{"id", o.id}, {"text", o.text}});
    questions.push_back({{"id", q.id},
                         {"text", q.text},
                         {"help", q.help},
                         {"kind", to_string(q.kind)},
                         {"options", options},
                         {"min", q.min ? json(*q.min) : json(nullptr)},
                         {"max", q.max ? json(*q.max) : json(nullptr)},
                         {"ask_if", condition(q.ask_if)},
                         {"section", q.section},
                         {"source", q.source}});
  }
  // Cited passages only where declared, so policies without quotes keep the hash they had.
  for (std::size_t i = 0; i < policy.questions().size(); ++i)
    if (!policy.questions()[i].cites.empty()) questions[i]["cites"] = policy.questions()[i].cites;
  doc["questions"] = questions;
  json facts = json::array();
  for (const auto& f : policy.facts())
    facts.push_back({{"id", f.id}, {"text", f.text}, {"value", condition(f.value)}, {"source", f.source}});
  doc["facts"] = facts;
  json actions = json::array();
  for (const auto& a : policy.actions()) {
    actions.push_back({{"id", a.id},
                       {"text", a.text},
                       {"kind", to_string(a.kind)},
                       {"owner", a.owner},
                       {"urgency", a.urgency.spelling()},
                       {"timescale", a.timescale},
                       {"record", a.record},
                       {"why", a.why},
                       {"when", condition(a.when)},
                       {"section", a.section},
                       {"source", a.source}});
    // Only when declared, so the hashes of policies without conflicts stay as they were.
    if (!a.conflicts_with.empty()) actions.back()["conflicts_with"] = a.conflicts_with;
    if (!a.cites.empty()) actions.back()["cites"] = a.cites;
  }
  doc["actions"] = actions;
  json notes = json::array();
  for (const auto& n : policy.notes())
    notes.push_back({{"id", n.id}, {"text", n.text}, {"when", condition(n.when)}, {"source", n.source}});
  doc["notes"] = notes;
  // Only when declared, so the hashes of policies without pathways stay as they were.
  if (!policy.pathways().empty()) {
    json pathways = json::array();
    for (const auto& p : policy.pathways()) {
      json steps = json::array();
      for (const auto& s : p.steps)
        steps.push_back({{"id", s.id},
                         {"title", s.title},
                         {"actions", s.actions},
                         {"when", condition(s.when)},
                         {"moves_on", s.moves_on},
                         {"later", s.later},
                         {"source", s.source}});
      pathways.push_back({{"id", p.id}, {"title", p.title}, {"source", p.source}, {"steps", steps}});
    }
    doc["pathways"] = pathways;
  }
  if (!policy.source_quotes().empty()) {
    json quotes = json::array();
    for (const auto& q : policy.source_quotes()) quotes.push_back({{"id", q.id}, {"title", q.title}, {"text", q.text}});
    doc["source_quotes"] = quotes;
  }
  return doc.dump();
}

}  // namespace waymark::detail
