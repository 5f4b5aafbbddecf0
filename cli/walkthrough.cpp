#include "walkthrough.h"

#include "cli_support.h"

#include <waymark/record.h>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

namespace waymark::cli {

namespace {

// Reads one line, or nothing at end of input (a closed pipe or Ctrl-D).
std::optional<std::string> prompt(const std::string& text) {
  fmt::print("{}", text);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) {
    fmt::print("\n");
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string trim(std::string s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  const auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

void show_question(const Session& session, const Question& q) {
  // Numbered by how many have been answered: questions that do not apply are never counted.
  const auto answered = session.answered_questions();
  const bool changing = session.answer_of(q.id) != nullptr;
  const auto number = changing ? static_cast<std::size_t>(std::find(answered.begin(), answered.end(), &q) - answered.begin()) + 1
                               : answered.size() + 1;
  fmt::print("\n");
  if (!q.section.empty()) fmt::print("[{}]\n", q.section);
  fmt::print("Question {}: {}\n", number, q.text);
  for (std::size_t i = 0; i < q.options.size(); ++i) fmt::print("  {}. {}\n", i + 1, q.options[i].text);
  switch (q.kind) {
    case QuestionKind::yes_no: fmt::print("  Answer yes or no.\n"); break;
    case QuestionKind::choice: fmt::print("  Type the number of one option.\n"); break;
    case QuestionKind::multi_choice: fmt::print("  Type the numbers of all that apply, separated by commas, or 'none'.\n"); break;
    case QuestionKind::number: fmt::print("  Type a number.\n"); break;
    case QuestionKind::date: fmt::print("  Type a date as YYYY-MM-DD.\n"); break;
    case QuestionKind::text: fmt::print("  Type your answer (facts only; no names).\n"); break;
  }
  if (const Answer* current = session.answer_of(q.id))
    fmt::print("  Current answer: {} (press Enter to keep it)\n", describe_answer(q, *current));
}

void show_help() {
  fmt::print(
      "  Commands: 'why' explains why this is asked; 'back' goes to the previous question (later answers are kept "
      "where they still apply); 'save' saves the session to resume later; 'quit' stops here.\n");
}

std::string default_save_path(const Session& session) { return session.policy().id() + "-session.json"; }

void save_session(const Session& session, const std::string& typed) {
  const std::string path = trim(typed).empty() ? default_save_path(session) : trim(typed);
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    auto answer = prompt(fmt::format("{} already exists. Replace it? (yes/no) ", path));
    if (!answer || (trim(*answer) != "yes" && trim(*answer) != "y")) {
      fmt::print("  Not saved.\n");
      return;
    }
  }
  write_new_file(path, session.to_json(), true);
  fmt::print("  Saved. Resume with: waymark run {} --resume {}\n", session.policy().id(), path);
}

void print_outcome(const Session& session) {
  fmt::print("\n{}", render_record(evidence_record_json(session, timestamp_now()), RecordStyle::text));
}

// Asks for the practitioner's judgement on each recommended action. False at end of input.
bool ask_judgements(Session& session) {
  const Outcome outcome = session.outcome();
  if (outcome.actions.empty()) return true;
  fmt::print("\nThe actions are advice. Record your judgement on each: 1 accept, 2 adapt, 3 decline "
             "(Enter to leave it for now).\n");
  for (const auto& r : outcome.actions) {
    while (true) {
      auto line = prompt(fmt::format("\n{}\n  Judgement (1 accept, 2 adapt, 3 decline): ", r.action->text));
      if (!line) return false;
      const std::string choice = trim(*line);
      if (choice.empty()) break;
      std::optional<Judgement> judgement = choice == "1" ? Judgement::accept
                                           : choice == "2" ? Judgement::adapt
                                           : choice == "3" ? Judgement::decline
                                                           : parse_judgement(choice);
      if (!judgement) {
        fmt::print("  Please type 1, 2 or 3.\n");
        continue;
      }
      auto reason = prompt(*judgement == Judgement::accept ? "  Any note (optional): " : "  Reason (required): ");
      if (!reason) return false;
      try {
        session.decide(r.action->id, *judgement, trim(*reason), timestamp_now());
        break;
      } catch (const AnswerError& e) {
        fmt::print("  {}\n", e.reason());
      }
    }
  }
  while (true) {
    auto more = prompt("\nAdd an action the policy did not recommend? (yes/no, Enter for no) ");
    if (!more) return false;
    if (trim(*more) != "yes" && trim(*more) != "y") return true;
    auto text = prompt("  The action: ");
    if (!text) return false;
    auto owner = prompt("  Who owns it (role): ");
    if (!owner) return false;
    auto reason = prompt("  Why (required): ");
    if (!reason) return false;
    try {
      session.add_action({trim(*text), trim(*owner), trim(*reason), timestamp_now()});
    } catch (const AnswerError& e) {
      fmt::print("  {}\n", e.reason());
    }
  }
}

void offer_record(const std::string& json, const WalkthroughOptions& options) {
  std::filesystem::path path = options.record_path;
  if (path.empty()) {
    auto typed = prompt("\nSave the evidence record? Type a file name ending .json or .md (Enter to skip): ");
    if (!typed || trim(*typed).empty()) return;
    path = trim(*typed);
  }
  bool overwrite = options.force_overwrite;
  std::error_code error;
  if (!overwrite && std::filesystem::exists(path, error)) {
    auto answer = prompt(fmt::format("{} already exists. Replace it? (yes/no) ", path.string()));
    if (!answer || (trim(*answer) != "yes" && trim(*answer) != "y")) {
      fmt::print("Not saved: the existing file was kept.\n");
      return;
    }
    overwrite = true;
  }
  const bool markdown = path.extension() == ".md";
  write_new_file(path, markdown ? render_record(json, RecordStyle::markdown) : json, overwrite);
  fmt::print("Evidence record saved to {}\n", path.string());
}

}  // namespace

int run_walkthrough(Session& session, const WalkthroughOptions& options) {
  const PolicyInfo& info = session.policy().info();
  fmt::print("{} (policy {} version {}, owner: {})\nApplies to: {}.\n", info.title, info.id, info.version, info.owner,
             info.applies_to);
  if (session.policy().overdue_for_review(Date::today()))
    fmt::print("WARNING: this policy was due for review on {}. Check it is still current.\n", info.review_by.iso());
  if (!session.policy().in_force(Date::today()))
    fmt::print("WARNING: this version of the policy takes effect on {}; it is not yet in force.\n", info.effective.iso());
  if (!info.summary.empty()) fmt::print("\n{}\n", info.summary);
  fmt::print("\nNo names are needed: answer about the situation, not the person.\n");
  show_help();

  const Question* revisiting = nullptr;  // set by 'back': a question answered before
  while (true) {
    const Question* q = revisiting ? revisiting : session.next_question();
    if (!q) break;
    show_question(session, *q);
    auto line = prompt("> ");
    if (!line) {
      fmt::print("Input ended before the walk-through was complete.\n");
      print_outcome(session);
      return exit_ok;
    }
    const std::string input = trim(*line);
    if (input == "why") {
      fmt::print("  Why this is asked: {}\n  Source: {}\n", q->help, q->source);
      continue;
    }
    if (input == "help" || input == "?") {
      show_help();
      continue;
    }
    if (input == "quit") {
      fmt::print("Stopped before the end.\n");
      print_outcome(session);
      return exit_ok;
    }
    if (input == "save" || input.starts_with("save ")) {
      save_session(session, input.substr(4));
      continue;
    }
    if (input == "back") {
      const Question* previous = session.previous_question(q);
      if (!previous) fmt::print("  This is the first question.\n");
      else revisiting = previous;
      continue;
    }
    if (input.empty() && session.answer_of(q->id)) {
      revisiting = nullptr;  // kept the earlier answer: carry on from the first unanswered question
      continue;
    }
    try {
      const auto dropped = session.answer_text(q->id, input, timestamp_now());
      for (const auto& id : dropped)
        fmt::print("  Your answer to '{}' no longer applies and was removed (it is kept in the history).\n",
                   session.policy().find_question(id)->text);
      revisiting = nullptr;
    } catch (const AnswerError& e) {
      fmt::print("  {}. Please try again (or type 'why', 'back', 'save', 'quit').\n", e.reason());
    }
  }
  fmt::print("\nAll questions that apply are answered.\n");
  print_outcome(session);
  if (!ask_judgements(session)) {
    fmt::print("Input ended before every judgement was recorded.\n");
    return exit_ok;
  }
  // One record, so the copy filed with the case and the copy saved to a file are the same bytes.
  const std::string json = evidence_record_json(session, timestamp_now());
  if (options.store_record) options.store_record(json);
  offer_record(json, options);
  return exit_ok;
}

}  // namespace waymark::cli
