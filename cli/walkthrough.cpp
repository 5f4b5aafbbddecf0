#include "walkthrough.h"

#include <fmt/format.h>
#include <waymark/record.h>

#include <signal.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <functional>
#include <iostream>
#include <utility>

#include "cli_support.h"
#include "what_if.h"
#include "terminal_text.h"

namespace waymark::cli {

namespace {

// Ctrl-C while a prompt waits: the walk-through is saved to resume, not lost.
volatile std::sig_atomic_t interrupted = 0;
extern "C" void note_interrupt(int) { interrupted = 1; }
struct Interrupted {};

// Catches Ctrl-C for as long as it lives. Without SA_RESTART, so the read waiting for a line
// returns and the walk-through can be saved.
class InterruptCatcher {
 public:
  InterruptCatcher() {
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, &previous_);
  }
  ~InterruptCatcher() { sigaction(SIGINT, &previous_, nullptr); }
  InterruptCatcher(const InterruptCatcher&) = delete;
  InterruptCatcher& operator=(const InterruptCatcher&) = delete;

 private:
  struct sigaction previous_ {};
};

// Prints text wrapped to the terminal's width, the first line after `first`, the rest after `rest`.
void say(std::string_view text, std::string_view first = {}, std::string_view rest = {}) {
  fmt::print("{}", wrap(text, terminal_width(), first, rest));
}

// Reads one line, or nothing at end of input (a closed pipe or Ctrl-D). Throws Interrupted on Ctrl-C.
std::optional<std::string> prompt(const std::string& text) {
  if (interrupted) throw Interrupted{};
  fmt::print("{}", text);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) {
    if (interrupted) throw Interrupted{};
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
  // Numbered by its place among the answered questions, in the order they are asked, so the number
  // shown is the one 'go N' takes: a question that comes to apply after an earlier answer changed
  // is numbered where it is asked, not after every question answered. Questions that do not apply
  // are never counted.
  const std::size_t number = session.question_number(q);
  fmt::print("\n");
  if (!q.section.empty()) say("[" + q.section + "]");
  // "of about": questions not yet ruled out by the answers so far (later answers can rule out more).
  fmt::print("Question {} of about {}\n", number, std::max(number, session.questions_expected()));
  say(q.text);
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const std::string label = fmt::format("  {}. ", i + 1);
    say(q.options[i].text, label, std::string(label.size(), ' '));
  }
  switch (q.kind) {
    case QuestionKind::yes_no: fmt::print("  Answer yes or no.\n"); break;
    case QuestionKind::choice: fmt::print("  Type the number of one option.\n"); break;
    case QuestionKind::multi_choice:
      fmt::print("  Type the numbers of all that apply, separated by commas, or 'none'.\n");
      break;
    case QuestionKind::number: fmt::print("  Type a number.\n"); break;
    case QuestionKind::date: fmt::print("  Type a date as YYYY-MM-DD.\n"); break;
    case QuestionKind::text: fmt::print("  Type your answer (facts only; no names).\n"); break;
  }
  if (const Answer* current = session.answer_of(q.id))
    say(fmt::format("Current answer: {} (press Enter to keep it)", describe_answer(q, *current)), "  ", "  ");
}

void show_help() {
  say("Commands: 'why' explains why this is asked; 'back' goes to the previous question (later answers are kept "
      "where they still apply); 'go N' goes to question N, answered before; 'save' saves the session to resume "
      "later; 'quit' stops here. Ctrl-C saves the session and stops.",
      "  ", "  ");
}

std::string default_save_path(const Session& session) { return session.policy().id() + "-session.json"; }

// The passages of the source it cites, word for word.
void print_quotes(const Policy& policy, const std::vector<std::string>& cites) {
  for (const std::string& id : cites)
    if (const SourceQuote* quote = policy.find_source_quote(id)) {
      say("The source says (" + quote->title + "):", "  ", "  ");
      say("\u201c" + quote->text + "\u201d", "    ", "    ");
    }
}

bool is_yes(const std::string& answer) { return answer == "yes" || answer == "y"; }

struct FileOffer {
  std::filesystem::path path;
  bool overwrite = false;
  // What to write to a name (a record's form follows its name's ending).
  std::function<std::string(const std::filesystem::path&)> content;
  // Explains and returns false for a name that cannot be used (empty: any name).
  std::function<bool(const std::filesystem::path&)> name_ok;
};

// Writes a file, asking before replacing one. A name that cannot be used or written is explained
// and another asked for, so nothing typed is lost to a bad name. Returns the name written, or
// nothing if the practitioner gives up (Enter, or end of input).
std::optional<std::filesystem::path> write_asking(FileOffer offer) {
  while (true) {
    std::error_code error;
    if (offer.name_ok && !offer.name_ok(offer.path)) {
      // name_ok said what is wrong
    } else if (std::filesystem::is_directory(offer.path, error)) {
      fmt::print("  {} is a folder: type a file name, such as {}\n", offer.path.string(),
                 (offer.path / "record.json").string());
    } else if (!offer.overwrite && std::filesystem::exists(offer.path, error)) {
      auto answer = prompt(fmt::format("{} already exists. Replace it? (yes/no) ", offer.path.string()));
      if (!answer) return std::nullopt;
      if (is_yes(trim(*answer))) {
        offer.overwrite = true;
        continue;
      }
      fmt::print("  The existing file was kept.\n");
    } else {
      try {
        write_new_file(offer.path, offer.content(offer.path), offer.overwrite);
        return offer.path;
      } catch (const Failure& failure) {
        fmt::print("  {} (does the folder exist, and may you write to it?)\n", failure.message);
      }
    }
    auto typed = prompt("  Type another file name (Enter to give up): ");
    if (!typed || trim(*typed).empty()) return std::nullopt;
    offer.path = trim(*typed);
    offer.overwrite = false;
  }
}

void save_session(const Session& session, const std::string& typed) {
  const std::string json = session.to_json();
  const auto saved = write_asking({trim(typed).empty() ? default_save_path(session) : trim(typed),
                                   false,
                                   [&](const std::filesystem::path&) { return json; },
                                   {}});
  if (!saved) {
    fmt::print("  Not saved. Type 'save FILE' to try again, or carry on.\n");
    return;
  }
  fmt::print("  Saved. Resume with: waymark run {} --resume {}\n", session.policy().id(), saved->string());
}

void print_outcome(const Session& session) {
  fmt::print("\n{}", render_record(evidence_record_json(session, timestamp_now()), RecordStyle::text));
}

// How a part of the walk-through ended.
enum class Step { done, back, quit, ended };

// The commands understood while judgements are asked for. Returns the step a command leads to;
// nothing when the prompt is to be asked again (`handled`) or `input` is not a command.
std::optional<Step> judgement_command(const Session& session, const std::string& input, const Action* action,
                                      bool& handled) {
  handled = true;
  if (input == "why" && action) {
    say("Why: " + action->why, "  ", "  ");
    say("Source: " + action->source, "  ", "  ");
    print_quotes(session.policy(), action->cites);
    return std::nullopt;
  }
  if (input == "why not") {
    fmt::print("{}", not_recommended_text(session));
    return std::nullopt;
  }
  if (input.starts_with("why not ")) {
    try {
      fmt::print("  {}", what_if_text(session, input.substr(8)));
    } catch (const AnswerError& e) {
      fmt::print("  {}. Type 'why not' to list the actions.\n", e.reason());
    }
    return std::nullopt;
  }
  if (input == "help" || input == "?" || input == "why") {
    say("Commands: 'why' explains the action; 'why not ID' says what would change whether an action is "
        "recommended ('why not' lists them); 'back' returns to the questions (judgements made are kept); "
        "'save' saves the session to resume later; 'quit' stops here. Ctrl-C saves the session and stops.",
        "  ", "  ");
    return std::nullopt;
  }
  if (input == "save" || input.starts_with("save ")) {
    save_session(session, input.substr(4));
    return std::nullopt;
  }
  if (input == "back") return Step::back;
  if (input == "quit") return Step::quit;
  handled = false;
  return std::nullopt;
}

// Asks `question` until what is typed is not a command (commands work at every prompt: a note
// is never "why"). Nothing, with `step` set, when a command or the end of input ends this part.
std::optional<std::string> ask_text(Session& session, const std::string& question, const Action* action, Step& step) {
  while (true) {
    auto line = prompt(question);
    if (!line) {
      step = Step::ended;
      return std::nullopt;
    }
    std::string text = trim(*line);
    bool handled = false;
    if (auto next = judgement_command(session, text, action, handled)) {
      step = *next;
      return std::nullopt;
    }
    if (!handled) return text;
  }
}

// Asks for the practitioner's judgement on each recommended action not judged yet.
Step ask_judgements(Session& session) {
  const Outcome outcome = session.outcome();
  bool introduced = false;
  bool offered_rest = false;
  for (const auto& r : outcome.actions) {
    if (session.judgement_for(r.action->id)) continue;  // made before 'back', or in a saved session
    // After "Do now", the rest can be accepted as recommended in one step (offered when there
    // are two or more: one is as quick to judge on its own); adapting or declining one of them
    // still goes one by one, with a reason.
    std::size_t rest = 0;
    if (r.group != OutcomeGroup::do_now && !offered_rest)
      for (const auto& other : outcome.actions) rest += session.judgement_for(other.action->id) == nullptr;
    if (rest >= 2 && !std::exchange(offered_rest, true)) {
      auto line = prompt(fmt::format(
          "\n{} more recommended action(s) (Also recommended, Keep in mind). Type 'a' to accept them all as "
          "recommended, or Enter to go through them one by one: ",
          rest));
      if (!line) return Step::ended;
      if (trim(*line) == "a" || trim(*line) == "accept") {
        const auto accepted = session.accept_rest(timestamp_now());
        fmt::print("  Accepted {} action(s) as recommended.\n", accepted.size());
        break;
      }
    }
    if (!introduced) {
      fmt::print(
          "\nThe actions are advice. Record your judgement on each: 1 accept, 2 adapt, 3 decline "
          "(Enter to leave it for now). 'why' explains an action, 'why not' lists the actions not "
          "recommended and what would change that, 'back' returns to the questions.\n");
      introduced = true;
    }
    while (true) {
      fmt::print("\n");
      say(r.action->text);
      auto line = prompt("  Judgement (1 accept, 2 adapt, 3 decline): ");
      if (!line) return Step::ended;
      const std::string choice = trim(*line);
      if (choice.empty()) break;
      bool handled = false;
      if (auto step = judgement_command(session, choice, r.action, handled)) return *step;
      if (handled) continue;
      std::optional<Judgement> judgement = choice == "1"   ? Judgement::accept
                                           : choice == "2" ? Judgement::adapt
                                           : choice == "3" ? Judgement::decline
                                                           : parse<Judgement>(choice);
      if (!judgement) {
        fmt::print("  Please type 1, 2 or 3 (or 'why', 'back', 'save', 'quit').\n");
        continue;
      }
      Step step = Step::ended;
      auto reason = ask_text(
          session, *judgement == Judgement::accept ? "  Any note (optional): " : "  Reason (required): ", r.action,
          step);
      if (!reason) return step;
      try {
        session.judge(r.action->id, *judgement, *reason, timestamp_now());
        break;
      } catch (const AnswerError& e) {
        fmt::print("  {}\n", e.reason());
      }
    }
  }
  while (true) {
    auto more = prompt("\nAdd an action the policy did not recommend? (yes/no, Enter for no) ");
    if (!more) return Step::ended;
    bool handled = false;
    if (auto step = judgement_command(session, trim(*more), nullptr, handled)) return *step;
    if (handled) continue;
    if (!is_yes(trim(*more))) return Step::done;
    Step step = Step::ended;
    auto text = ask_text(session, "  The action: ", nullptr, step);
    if (!text) return step;
    auto owner = ask_text(session, "  Who owns it (role): ", nullptr, step);
    if (!owner) return step;
    auto reason = ask_text(session, "  Why (required): ", nullptr, step);
    if (!reason) return step;
    try {
      session.add_action({*text, *owner, *reason, timestamp_now()});
    } catch (const AnswerError& e) {
      fmt::print("  {}\n", e.reason());
    }
  }
}

bool record_name_ok(const std::filesystem::path& path) {
  if (path.extension() == ".json" || path.extension() == ".md") return true;
  fmt::print(
      "  '{}' does not end .json or .md: type a name such as record.json (JSON) or record.md "
      "(Markdown).\n",
      path.string());
  return false;
}

void offer_record(const std::string& json, const WalkthroughOptions& options) {
  FileOffer offer{options.record_path,
                  options.force_overwrite,
                  [&](const std::filesystem::path& path) {
                    return path.extension() == ".md" ? render_record(json, RecordStyle::markdown) : json;
                  },
                  {}};
  if (offer.path.empty()) {
    auto typed = prompt("\nSave the evidence record? Type a file name ending .json or .md (Enter to skip): ");
    if (typed && trim(*typed).empty()) {
      fmt::print("Not saved.\n");
      return;
    }
    if (typed) {
      offer.path = trim(*typed);
      offer.name_ok = record_name_ok;  // a name given with --out is taken as it is
    }
  }
  const auto saved = offer.path.empty() ? std::nullopt : write_asking(offer);
  if (saved) {
    fmt::print("Evidence record saved to {}\n", saved->string());
    return;
  }
  // No file: show the record rather than lose the judgements.
  fmt::print("The record was not saved to a file; here it is:\n\n{}", render_record(json, RecordStyle::text));
}

// Asks the questions that apply, from `revisiting` (set by 'back') or the first unanswered one.
Step ask_questions(Session& session, const Question* revisiting) {
  while (true) {
    const Question* q = revisiting ? revisiting : session.next_question();
    if (!q) return Step::done;
    show_question(session, *q);
    auto line = prompt("> ");
    if (!line) return Step::ended;
    const std::string input = trim(*line);
    if (input == "why") {
      say("Why this is asked: " + q->help, "  ", "  ");
      say("Source: " + q->source, "  ", "  ");
      print_quotes(session.policy(), q->cites);
      continue;
    }
    if (input == "go" || input.starts_with("go ")) {
      // Jumps to an answered question, by the number it was shown with.
      const auto answered = session.answered_questions();
      const std::string wanted = trim(input.substr(2));
      std::size_t number = 0;
      const auto [end, error] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), number);
      if (error != std::errc() || end != wanted.data() + wanted.size() || number == 0 || number > answered.size())
        fmt::print("  {}\n", answered.empty() ? std::string("No question is answered yet, so there is none to go to.")
                                              : fmt::format("Type 'go' and the number of an answered question, 1 to {}.",
                                                            answered.size()));
      else
        revisiting = answered[number - 1];
      continue;
    }
    if (input == "help" || input == "?") {
      show_help();
      continue;
    }
    if (input == "quit") return Step::quit;
    if (input == "save" || input.starts_with("save ")) {
      save_session(session, input.substr(4));
      continue;
    }
    if (input == "back") {
      const Question* previous = session.previous_question(q);
      if (!previous)
        fmt::print("  This is the first question.\n");
      else
        revisiting = previous;
      continue;
    }
    if (input.empty() && session.answer_of(q->id)) {
      revisiting = nullptr;  // kept the earlier answer: carry on from the first unanswered question
      continue;
    }
    try {
      const auto dropped = session.answer_text(q->id, input, timestamp_now());
      for (const auto& id : dropped)
        fmt::print(
            "  Your answer to '{}' no longer applies and was removed (it is kept in the "
            "history).\n",
            session.policy().find_question(id)->text);
      revisiting = nullptr;
    } catch (const AnswerError& e) {
      fmt::print("  {}. Please try again (or type 'why', 'back', 'save', 'quit').\n", e.reason());
    }
  }
}

int walk(Session& session, const WalkthroughOptions& options) {
  const Question* revisiting = nullptr;  // set by 'back': a question answered before
  while (true) {
    const Step asked = ask_questions(session, revisiting);
    if (asked == Step::ended) fmt::print("Input ended before the walk-through was complete.\n");
    if (asked == Step::quit) fmt::print("Stopped before the end.\n");
    if (asked != Step::done) {
      print_outcome(session);
      return exit_ok;
    }
    fmt::print("\nAll questions that apply are answered.\n");
    print_outcome(session);
    const Step judged = ask_judgements(session);
    if (judged == Step::back) {
      const auto answered = session.answered_questions();
      revisiting = answered.empty() ? nullptr : answered.back();
      fmt::print("Back to the questions: the judgements made are kept. Press Enter to keep an answer.\n");
      continue;
    }
    if (judged != Step::done) {
      fmt::print(
          "{} before every judgement was recorded; the record below shows the others as not "
          "recorded.\n",
          judged == Step::ended ? "Input ended" : "Stopped");
      print_outcome(session);
      return exit_ok;
    }
    // A filed record is never changed: actions left without a judgement stay "not recorded" in
    // it for good, so filing them asks first.
    if (const std::size_t unjudged = session.unjudged_actions().size(); options.store_record && unjudged > 0) {
      const auto line = prompt(fmt::format(
          "\n{} recommended action(s) have no judgement yet. File the record with case {} anyway? A filed record is "
          "never changed. (yes to file, Enter to go back to the judgements) ",
          unjudged, session.case_reference()));
      if (!line) {
        fmt::print("Input ended: the record was not filed.\n");
        print_outcome(session);
        return exit_ok;
      }
      if (!is_yes(trim(*line))) {
        revisiting = nullptr;
        continue;
      }
    }
    break;
  }
  // One record, so the copy filed with the case and the copy saved to a file are the same bytes.
  const std::string json = evidence_record_json(session, timestamp_now());
  if (options.store_record) options.store_record(json);
  offer_record(json, options);
  return exit_ok;
}

// Saves the walk-through after Ctrl-C under a name not yet taken, and says where. Returns the
// exit code of a program stopped by Ctrl-C (128 + SIGINT).
int save_interrupted(const Session& session) {
  fmt::print("\n\nStopped (Ctrl-C).\n");
  const std::string json = session.to_json();
  const std::string base = session.policy().id() + "-session";
  for (const auto& folder : {std::filesystem::current_path(), std::filesystem::temp_directory_path()}) {
    for (int n = 1; n < 100; ++n) {
      const auto path = folder / (n == 1 ? base + ".json" : fmt::format("{}-{}.json", base, n));
      std::error_code error;
      if (std::filesystem::exists(path, error)) continue;
      try {
        write_new_file(path, json, false);
        fmt::print("The walk-through so far is saved in {}. Resume with: waymark run {} --resume {}\n",
                   path.string(), session.policy().id(), path.string());
        return 128 + SIGINT;
      } catch (const Failure& failure) {
        fmt::print(stderr, "waymark: {}\n", failure.message);
        break;  // this folder cannot be written: try the next
      }
    }
  }
  fmt::print(stderr, "waymark: error: the walk-through could not be saved anywhere; it is lost.\n");
  return 128 + SIGINT;
}

}  // namespace

int run_walkthrough(Session& session, const WalkthroughOptions& options) {
  const PolicyInfo& info = session.policy().info();
  fmt::print("{} (policy {} version {}, owner: {})\nApplies to: {}.\n", info.title, info.id, info.version, info.owner,
             info.applies_to);
  if (session.policy().overdue_for_review(Date::today()))
    fmt::print("WARNING: this policy was due for review on {}. Check it is still current.\n", info.review_by.iso());
  if (!session.policy().in_force(session.date()))
    fmt::print(
        "WARNING: this version of the policy takes effect on {}; it is not yet in force on the "
        "session date {}.\n",
        info.effective.iso(), session.date().iso());
  if (!info.summary.empty()) {
    fmt::print("\n");
    say(info.summary);
  }
  fmt::print("\nNo names are needed: answer about the situation, not the person.\n");
  show_help();
  InterruptCatcher catcher;
  try {
    return walk(session, options);
  } catch (const Interrupted&) {
    return save_interrupted(session);
  }
}

}  // namespace waymark::cli
