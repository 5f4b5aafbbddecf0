// Records for people: Markdown to file, plain text for a terminal, and plain-words explanations.
// Everything here reads only the record, never the policy, so old records render as they were made.
#include <fmt/format.h>
#include <waymark/error.h>
#include <waymark/ladder.h>
#include <waymark/record.h>
#include <waymark/timeline.h>
#include <waymark/utf8.h>
#include <waymark/xml_text.h>

#include <algorithm>
#include <map>
#include <utility>
#include <nlohmann/json.hpp>
#include <vector>

#include "json_words.h"
#include "record_read.h"
#include "timeline_model.h"

namespace waymark {

namespace {

using nlohmann::json;

// The parts every record has, checked by name so a damaged record says which part is wrong.
void check_parts(const json& doc) {
  auto need = [](const json& parent, const char* key, const std::string& name, bool list) {
    const auto it = parent.find(key);
    if (it == parent.end())
      throw RecordError(fmt::format("the record has no \"{}\" entry: it is incomplete or damaged", name));
    if (list ? !it->is_array() : !it->is_object())
      throw RecordError(fmt::format("the record's \"{}\" entry should be {}, but it is {}", name,
                                    list ? "a list" : "a table of named entries", it->type_name()));
  };
  need(doc, "policy", "policy", false);
  need(doc, "session", "session", false);
  need(doc, "outcome", "outcome", false);
  need(doc, "answers", "answers", true);
  need(doc, "unanswered", "unanswered", true);
  need(doc, "history", "history", true);
  const json& outcome = doc["outcome"];
  need(outcome, "actions", "outcome.actions", true);
  need(outcome, "added_actions", "outcome.added_actions", true);
  need(outcome, "notes", "outcome.notes", true);
}

json parse_record(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw RecordError("the record is not valid JSON");
  if (!doc.is_object())
    throw RecordError(
        fmt::format("this file is not a Waymark evidence record (it holds a JSON {}, not a record)", doc.type_name()));
  if (doc.value("format", "") != "waymark-evidence-record")
    throw RecordError(
        "this file is not a Waymark evidence record (its \"format\" is not "
        "waymark-evidence-record)");
  const int version = doc.value("format_version", 0);
  if (version != record_format_version)
    throw RecordError(fmt::format("record format version {} is not supported (this Waymark reads version {})", version,
                                  record_format_version));
  check_parts(doc);
  return doc;
}

std::string str(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Splits text into lines of at most `width` characters at spaces (a longer word gets its own line).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string word = text.substr(at, space == std::string::npos ? std::string::npos : space - at);
    at = space == std::string::npos ? text.size() : space + 1;
    if (!current.empty() && current.size() + 1 + word.size() > width) {
      lines.push_back(std::move(current));
      current.clear();
    }
    current += (current.empty() ? "" : " ") + word;
  }
  if (!current.empty() || lines.empty()) lines.push_back(std::move(current));
  return lines;
}

// Markdown, plain text and HTML differ only in how headings, items, paragraphs and emphasis are
// written. In HTML every text is escaped here; only raw() passes markup through.
class Writer {
 public:
  explicit Writer(RecordStyle style) : style_(style) {}

  void heading(int level, const std::string& text) {
    if (html()) {
      close_list();
      static constexpr const char* sizes[] = {"l", "l", "m", "s"};
      out_ += fmt::format("<h{0} class=\"govuk-heading-{1}\">{2}</h{0}>\n", level, sizes[std::min(level, 3)],
                          xml_escaped(text));
      return;
    }
    if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
    if (markdown()) {
      out_ += std::string(level, '#') + ' ' + text + "\n\n";
      return;
    }
    // Plain text: long action texts are wrapped, and the rule under them is as long as the longest
    // line.
    std::size_t longest = 0;
    for (const std::string& l : wrap(text, 78)) {
      out_ += l + '\n';
      longest = std::max(longest, l.size());
    }
    out_ += std::string(longest, level == 1 ? '=' : '-') + "\n\n";
  }
  void line(const std::string& text) {
    if (html()) {
      close_list();
      out_ += "<p class=\"govuk-body\">" + xml_escaped(text) + "</p>\n";
      return;
    }
    out_ += text + '\n';
  }
  // Markup passed through (Markdown passes an HTML block through too); nothing in plain text.
  void raw(const std::string& markup) {
    if (style_ == RecordStyle::text) return;
    close_list();
    out_ += markup + '\n';
  }
  // An item; `emphasised` (optional) follows the text in bold, as an answer follows its question.
  void item(const std::string& label, const std::string& text, int indent = 0, const std::string& emphasised = {}) {
    if (text.empty() && emphasised.empty()) return;
    if (html()) {
      if (!in_list_) out_ += "<ul class=\"govuk-list govuk-list--bullet\">\n";
      in_list_ = true;
      out_ += fmt::format("<li{}>{}{}{}</li>\n", indent > 0 ? " class=\"govuk-body-s\"" : "",
                          label.empty() ? "" : "<strong>" + xml_escaped(label) + "</strong>: ", xml_escaped(text),
                          emphasised.empty() ? "" : " <strong>" + xml_escaped(emphasised) + "</strong>");
      return;
    }
    std::string bold;
    if (!emphasised.empty()) {
      if (!text.empty()) bold += ' ';
      bold += strong(emphasised);
    }
    out_ += std::string(static_cast<std::size_t>(indent) * 2, ' ') + "- " +
            (label.empty() ? "" : strong(label) + ": ") + text + bold + '\n';
  }
  void blank() {
    if (html())
      close_list();
    else
      out_ += '\n';
  }
  bool markdown() const { return style_ == RecordStyle::markdown; }
  bool html() const { return style_ == RecordStyle::html; }
  std::string take() {
    close_list();
    return std::move(out_);
  }
  std::string strong(const std::string& text) const { return markdown() ? "**" + text + "**" : text; }
  // Text a practitioner typed (answers, reasons, added actions): in Markdown it stays text, never
  // emphasis, a link, an image or HTML, and never starts a new block.
  std::string typed(const std::string& text) const {
    if (!markdown()) return text;
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\n':
        case '\r': out += ' '; break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#': case '!':
          out += '\\';
          out += c;
          break;
        default: out += c;
      }
    }
    return out;
  }
  std::string escape_cell(std::string text) const {
    for (std::size_t at = 0; (at = text.find('|', at)) != std::string::npos; at += 2) text.replace(at, 1, "\\|");
    for (char& c : text)
      if (c == '\n') c = ' ';
    return text;
  }

 private:
  void close_list() {
    if (in_list_) out_ += "</ul>\n";
    in_list_ = false;
  }
  RecordStyle style_;
  bool in_list_ = false;
  std::string out_;
};

// A reason as the record holds it; the fields added later are optional, so old records read too.
std::vector<std::string> texts(const json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const json& item : *it)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

std::string because_sentence(const json& b) {
  // A Because views its texts: these hold them while it is in use.
  const std::string id = str(b, "id"), text = str(b, "text"), section = str(b, "section"), source = str(b, "source");
  Because because;
  because.is_fact = str(b, "kind") == "fact";
  because.id = id;
  because.text = text;
  because.value = str(b, "value");
  because.section = section;
  because.source = source;
  const std::vector<std::string> chosen = texts(b, "chosen"), not_chosen = texts(b, "not_chosen");
  because.chosen.assign(chosen.begin(), chosen.end());
  because.not_chosen.assign(not_chosen.begin(), not_chosen.end());
  because.no_answer = parse<NoAnswer>(str(b, "no_answer")).value_or(NoAnswer::none);
  return waymark::because_sentence(because);
}

std::string due_words(const json& a) {
  std::string when = str(a, "urgency_label");
  if (!str(a, "timescale").empty()) when += fmt::format(" ({})", str(a, "timescale"));
  if (a.contains("due") && a["due"].is_string()) when += fmt::format(", due {}", a["due"].get<std::string>());
  return when;
}

// A next step's actions and owners in one line.
std::string next_actions_words(const json& next) {
  std::string out;
  for (const json& a : next.at("actions"))
    out += fmt::format("{}{} ({})", out.empty() ? "" : " ", str(a, "text"), str(a, "owner_title"));
  return out;
}

// "If they are still declining (Single refusal of personal care): Inform the shift lead (Shift
// lead). When: Within the same shift. Source: ..."
std::string next_step_words(const json& pathway, const json& next) {
  return fmt::format("{} ({}): {} When: {}. Source: {}.", str(next, "trigger"), str(pathway, "title"),
                     next_actions_words(next), str(next, "timescale"), str(next, "source"));
}

// The quoted passages an action rests on (title, words in quotation marks); records made before
// quotes, or by policies without them, have none.
std::vector<std::pair<std::string, std::string>> quotes_of(const json& action) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto it = action.find("quotes");
  if (it == action.end() || !it->is_array()) return out;
  for (const json& q : *it)
    if (q.is_object()) {
      // One line in a list item: a quote kept as several lines in TOML is joined with spaces.
      std::string text = str(q, "text");
      std::replace(text.begin(), text.end(), '\n', ' ');
      out.emplace_back(str(q, "title"), "\u201c" + text + "\u201d");
    }
  return out;
}

// Prohibitions and flags are marked; a plain step needs no label.
std::string kind_label(const std::string& kind) {
  if (kind == "prohibition") return " (prohibition)";
  if (kind == "flag") return " (flag)";
  return "";
}

// "Where this case is": each pathway that applies as its ladder. Markdown draws the picture (an
// HTML block, passed through) above the steps in words; plain text gives the compact ladder.
void write_pathways(Writer& w, std::string_view record_json) {
  const std::vector<Ladder> ladders = record_ladders(record_json);
  if (ladders.empty()) return;
  w.heading(2, "Where this case is");
  for (const Ladder& ladder : ladders) {
    if (!w.markdown()) {
      w.line(ladder_text(ladder));
      continue;
    }
    w.heading(3, fmt::format("{}: step {} of {}", ladder.title, ladder.step_number, ladder.step_count));
    w.line("<figure class=\"waymark-ladder-figure\">\n" + ladder_svg(ladder) + "</figure>");
    w.blank();
    for (const LadderStep& s : ladder.steps) {
      std::string when = s.trigger;
      if (!s.timescale.empty()) when += (when.empty() ? "" : ". When: ") + s.timescale;
      w.item(s.state == LadderState::done      ? "Done"
             : s.state == LadderState::current ? "You are here"
                                               : "If this continues",
             s.state == LadderState::next && !when.empty() ? fmt::format("{} ({})", s.title, when) : s.title);
    }
  }
}

// "If this continues": each pathway's later steps, with the words that trigger them and when.
void write_next_steps(Writer& w, const json& outcome) {
  const auto it = outcome.find("pathways");
  if (it == outcome.end() || !it->is_array()) return;
  bool any = false;
  for (const json& p : *it)
    for (const json& n : p.at("next")) {
      if (!std::exchange(any, true)) w.heading(2, "If this continues");
      w.item(str(n, "title"), next_step_words(p, n));
    }
}

}  // namespace

std::string render_record(std::string_view record_json, RecordStyle style, const RecordFiling* filing) {
  const json doc = parse_record(record_json);
  try {
    const json& policy = doc.at("policy");
    const json& session = doc.at("session");
    const json& outcome = doc.at("outcome");
    Writer w(style);
    w.heading(1, fmt::format("Evidence record: {}", str(policy, "title")));
    w.item("Policy", fmt::format("{} version {} (owner: {}; effective {}; review by {})", str(policy, "id"),
                                 str(policy, "version"), str(policy, "owner"), str(policy, "effective"),
                                 str(policy, "review_by")));
    w.item("Session date", str(session, "date"));
    if (session.contains("case_reference") && session["case_reference"].is_string())
      w.item("Case reference", w.typed(session["case_reference"].get<std::string>()));
    w.item("Completed by (role)", w.typed(str(session, "completed_by_role")));
    const json& unanswered = doc.at("unanswered");
    w.item("Status", outcome.value("complete", false)
                         ? std::string("complete: every question that applies was answered")
                         : fmt::format("INCOMPLETE: {} question(s) that apply were not answered, so more actions may "
                                       "apply than are listed here",
                                       unanswered.size()));
    w.item("Made", str(doc, "created_at"));
    w.blank();
    w.line(
        "The actions below are the policy's advice. The practitioner's judgement on each is "
        "recorded with it.");

    const json& actions = outcome.at("actions");
    // Records made before outcomes were grouped have no "group": they show one list, as then.
    const bool grouped = std::any_of(actions.begin(), actions.end(), [](const json& a) { return a.contains("group"); });
    auto write_action = [&](const json& a, int number) {
      w.heading(3, fmt::format("{}. {}{}", number, str(a, "text"), kind_label(str(a, "kind"))));
      w.item("Owner", str(a, "owner_title"));
      w.item("When", due_words(a));
      w.item("Record", str(a, "record"));
      w.item("Why", str(a, "why"));
      w.item("Source", str(a, "source"));
      for (const auto& [title, text] : quotes_of(a)) w.item(fmt::format("The source says ({})", title), text);
      for (const json& b : a.at("because")) w.item("Because", because_sentence(b));
      const json& d = a.at("decision");
      if (d.is_object())
        w.item("Practitioner's judgement", str(d, "reason").empty()
                                               ? str(d, "judgement")
                                               : fmt::format("{}: {}", str(d, "judgement"), w.typed(str(d, "reason"))));
      else
        w.item("Practitioner's judgement", "not recorded");
    };
    int number = 0;
    if (!grouped) {
      w.heading(2, "Recommended actions");
      if (actions.empty()) w.line("The policy recommends no action for these answers.");
      for (const json& a : actions) write_action(a, ++number);
    } else {
      write_pathways(w, record_json);
      for (auto group : {OutcomeGroup::do_now, OutcomeGroup::also_recommended, OutcomeGroup::keep_in_mind}) {
        bool any = false;
        for (const json& a : actions) {
          if (str(a, "group") != to_string(group)) continue;
          if (!std::exchange(any, true)) w.heading(2, std::string(heading(group)));
          write_action(a, ++number);
        }
        if (group == OutcomeGroup::also_recommended) write_next_steps(w, outcome);
      }
    }
    // Grouped, the policy's notes are part of "Keep in mind"; older records list them apart.
    const json& notes = outcome.at("notes");
    if (!notes.empty()) {
      if (!grouped) {
        w.heading(2, "Notes from the policy");
      } else {
        const bool keep_heading = std::any_of(actions.begin(), actions.end(), [](const json& a) {
          return str(a, "group") == to_string(OutcomeGroup::keep_in_mind);
        });
        if (!keep_heading) w.heading(2, std::string(heading(OutcomeGroup::keep_in_mind)));
        w.heading(3, "Notes from the policy");
      }
      for (const json& n : notes) w.item("", fmt::format("{} (source: {})", str(n, "text"), str(n, "source")));
    }
    const json& added = outcome.at("added_actions");
    if (!added.empty()) {
      w.heading(2, "Actions added by the practitioner");
      for (const json& a : added)
        w.item("", fmt::format("{} (owner: {}; reason: {})", w.typed(str(a, "text")),
                               str(a, "owner").empty() ? "not given" : w.typed(str(a, "owner")),
                               w.typed(str(a, "reason"))));
    }
    w.heading(2, "Answers");
    for (const json& a : doc.at("answers")) {
      const std::string section = str(a, "section");
      w.item("", fmt::format("{}{}", section.empty() ? "" : "[" + section + "] ", str(a, "question")), 0,
             w.typed(str(a, "answer")));
      w.item("Answered at", str(a, "answered_at"), 1);
    }
    if (!unanswered.empty()) {
      w.heading(2, "Not answered");
      for (const json& u : unanswered) w.item("", str(u, "question"));
    }
    if (doc.contains("events")) {
      // The chronology the conditions read, as a picture (Markdown passes the HTML block through)
      // with its text alternative, and the windows the conditions counted.
      const TimelineData timeline = record_timeline(record_json);
      w.heading(2, "Chronology");
      w.raw("<figure class=\"waymark-timeline-figure\">\n" + timeline_svg(timeline) + "</figure>");
      if (w.markdown()) w.blank();
      w.line(timeline_summary(timeline));
      if (!timeline.windows.empty()) w.blank();
      for (const CountedWindow& c : timeline.windows)
        w.item("Counted", fmt::format("{:g} {} from {} to {} ({})", c.count, detail::kind_words(timeline, c.kind),
                                      c.from.iso(), c.to.iso(), c.function));
      // A long chronology's last weeks, enlarged, so a recent pattern is not lost in years.
      if (const auto recent = recent_timeline(timeline)) {
        w.heading(3, "Recent events, enlarged");
        if (w.markdown()) {
          w.line("<figure class=\"waymark-timeline-figure\">\n" + timeline_svg(*recent) + "</figure>");
          w.blank();
        }
        w.line(timeline_summary(*recent));
      }
    }
    bool any_change = false;
    for (const json& h : doc.at("history")) any_change |= str(h, "kind") != "answered";
    if (any_change) {
      // The history names questions by id; the answers and unanswered lists give their text.
      std::map<std::string, std::string> question_text;
      for (const char* list : {"answers", "unanswered"})
        for (const json& a : doc.at(list)) question_text.emplace(str(a, "question_id"), str(a, "question"));
      w.heading(2, "Changes to answers");
      for (const json& h : doc.at("history")) {
        const std::string kind = str(h, "kind");
        if (kind == "answered") continue;
        // A history entry may lack `from` or `to` (checked, never read through const operator[]).
        const std::string from = h.contains("from") && h.at("from").is_string() ? str(h, "from") : "no answer";
        const std::string to = h.contains("to") && h.at("to").is_string() ? str(h, "to") : "no answer";
        const std::string id = str(h, "question_id");
        const auto text = question_text.find(id);
        const std::string question =
            text != question_text.end() && !text->second.empty() ? "\"" + text->second + "\"" : id;
        w.item("", fmt::format("{}: {} {} from \"{}\" to \"{}\"", str(h, "at"), question, kind, w.typed(from),
                               w.typed(to)));
      }
    }
    if (filing && !filing->countersignatures.empty()) {
      // Added later, each in a chain entry of its own: the record above is as it was filed.
      w.heading(2, "Countersignatures");
      for (const RecordCountersignature& c : filing->countersignatures)
        w.item(w.typed(c.role), fmt::format("{} (signed {})", w.typed(c.comment), c.at));
    }
    // What a practitioner does not need to read first, but an auditor checks.
    w.heading(2, "Technical details");
    w.item("Policy content (SHA-256)", str(policy, "content_sha256"));
    w.item("Made with", fmt::format("Waymark {}, record format {}", str(doc, "waymark_version"),
                                    doc.value("format_version", 0)));
    if (filing) {
      w.item("Case store chain entry", std::to_string(filing->chain_entry));
      w.item("Chain entry hash (SHA-256)", filing->chain_hash);
      for (const RecordCountersignature& c : filing->countersignatures)
        w.item("Countersignature chain entry", fmt::format("{} ({})", c.chain_entry, w.typed(c.role)));
    }
    // The record is a file anyone can edit: nothing in it may drive a terminal or a document.
    return escape_controls(w.take());
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the record is incomplete or damaged: {}", detail::json_error_words(e)));
  }
}

std::string explain_record(std::string_view record_json) {
  const json doc = parse_record(record_json);
  try {
    const json& policy = doc.at("policy");
    std::string out = fmt::format("Why each action was recommended ({} version {}, session of {}):\n",
                                  str(policy, "title"), str(policy, "version"), str(doc.at("session"), "date"));
    if (!doc.at("outcome").value("complete", false))
      out +=
          "This record is incomplete: some questions were not answered, so other actions may also "
          "apply.\n";
    const json& outcome = doc.at("outcome");
    for (const Ladder& ladder : record_ladders(record_json)) out += "\nWhere this case is: " + ladder_text(ladder);
    int number = 0;
    std::string group;
    for (const json& a : outcome.at("actions")) {
      if (const auto g = parse<OutcomeGroup>(str(a, "group")); g && str(a, "group") != group) {
        group = str(a, "group");
        out += fmt::format("\n{}:\n", heading(*g));
      }
      out += fmt::format("\n{}. {}\n", ++number, str(a, "text"));
      const json& because = a.at("because");
      if (because.empty()) out += "   The policy recommends this in every case.\n";
      for (std::size_t i = 0; i < because.size(); ++i)
        out += fmt::format("   {} {}.\n", i == 0 ? "Because" : "and", because_sentence(because[i]));
      out += fmt::format("   The policy says why: {}\n", str(a, "why"));
      out +=
          fmt::format("   Owner: {}. When: {}. Source: {}.\n", str(a, "owner_title"), due_words(a), str(a, "source"));
      for (const auto& [title, text] : quotes_of(a)) out += fmt::format("   The source says ({}): {}\n", title, text);
    }
    if (const auto p = outcome.find("pathways"); p != outcome.end() && p->is_array()) {
      bool any = false;
      for (const json& place : *p)
        for (const json& n : place.at("next")) {
          if (!std::exchange(any, true)) out += "\nIf this continues:\n";
          out += fmt::format("- {}: {}\n", str(n, "title"), next_step_words(place, n));
        }
    }
    if (number == 0) out += "\nNo action was recommended.\n";
    return escape_controls(out);
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the record is incomplete or damaged: {}", detail::json_error_words(e)));
  }
}

}  // namespace waymark

namespace waymark::detail {

nlohmann::json read_record(std::string_view record_json) { return parse_record(record_json); }

}  // namespace waymark::detail
