#include <fmt/format.h>

#include <algorithm>

#include "commands.h"
#include "event_kinds.h"
#include "store_support.h"
#include "walkthrough.h"
#include "what_if.h"

namespace waymark::cli {

namespace {

struct RunOptions {
  std::string policy;
  std::string answers;
  std::string resume;
  std::string format;  // text when not given
  std::string out;
  std::string date;
  std::string as_of;
  std::string case_reference;
  std::string role;
  bool force = false;
  bool store = false;
  bool require_complete = false;
  std::string db;
  std::string what_if;
};

std::string render(const std::string& json, const std::string& format) {
  if (format == "json") return json + "\n";
  return render_record(json, format == "markdown" ? RecordStyle::markdown : RecordStyle::text);
}

// Which of the chronology's events the policy read, and a warning for any no loaded policy reads.
void report_read_events(PolicyLookup& lookup, const Policy& policy, const std::string& case_reference,
                        const std::vector<Event>& events) {
  if (events.empty()) return;
  report_chronology_read(policy, case_reference.empty() ? "(no reference)" : case_reference, events, lookup.registry());
}

// Why the store cannot give the case its chronology, or nothing if it can.
std::optional<std::string> missing_case(const std::filesystem::path& path, const std::optional<Store>& store,
                                        const std::string& reference) {
  if (!store)
    return fmt::format(
        "{}: there is no case store here, so case '{}' has no chronology (create the store and add "
        "the case with `waymark case add {}`, or name another store with --db)",
        path.string(), reference, reference);
  if (store->has_case(reference)) return std::nullopt;
  const auto entries = with_store_errors([&] { return store->entries(reference); });
  if (std::any_of(entries.begin(), entries.end(), [](const ChainEntry& e) { return e.kind == "erasure"; }))
    return fmt::format(
        "{}: case '{}' was erased: it has no chronology and nothing more can be stored with it "
        "(use a "
        "new reference)",
        path.string(), reference);
  return fmt::format("{}: no case '{}' (add it with `waymark case add {}`)", path.string(), reference, reference);
}

// The case store to take the chronology from and file the record in. A case named on the command
// line (--case, --store) must be in it: running without its chronology would quietly lose the
// flags that depend on it. A case named only in the answers file or a saved session is a
// reference for the record: it runs without the store, with a note saying so.
std::optional<Store> case_store(const RunOptions& options, const std::string& case_reference) {
  if (case_reference.empty()) {
    if (options.store)
      throw Failure{exit_bad_input,
                    "waymark: error: --store needs a case: --case REF (or case = \"REF\" in the "
                    "answers file)"};
    return std::nullopt;
  }
  const std::filesystem::path path = options.db.empty() ? default_store_path() : std::filesystem::path(options.db);
  std::error_code error;
  std::optional<Store> store;
  if (is_postgresql_locator(path.string()) || std::filesystem::exists(path, error)) store = open_store(path.string());
  const std::optional<std::string> missing = missing_case(path, store, case_reference);
  if (!missing) return store;
  if (options.store || !options.case_reference.empty())
    throw Failure{exit_bad_input, fmt::format("waymark: error: {}", *missing)};
  fmt::print(stderr, "waymark: note: {}; this runs without the case's chronology and the record is not stored\n",
             *missing);
  return std::nullopt;
}

// Appends the case's stored chronology (corrections in place of what they correct) to `events`.
void add_stored_events(const Store& store, const std::string& reference, std::vector<Event>& events) {
  const Chronology stored = with_store_errors([&] { return load_chronology(store, reference); });
  events.insert(events.end(), stored.events().begin(), stored.events().end());
}

// A saved walk-through resumes with the version it was started under.
std::shared_ptr<const Policy> version_of_saved(PolicyLookup& lookup, const RunOptions& options,
                                               const std::string& saved) {
  const auto versions = lookup.versions(options.policy);
  if (const auto session = Session::from_json_any(saved, versions)) return session->policy_ptr();
  return versions.back();  // none fits: from_json then says why
}

// The answers file's [session] date, read before a version is chosen: the file is read against
// each installed version until one accepts it (if none does, the chosen version reports why).
std::optional<Date> answers_file_date(PolicyLookup& lookup, const RunOptions& options) {
  for (const auto& version : lookup.versions(options.policy)) {
    try {
      return load_answers_file(options.answers, *version).date;
    } catch (const PolicyError&) {
      // Not valid against this version: try the next.
    }
  }
  return std::nullopt;
}

// The session's one date, settled before the version is chosen: --date (over the answers file's,
// with a note), else the answers file's [session] date, else today.
Date settle_session_date(PolicyLookup& lookup, const RunOptions& options) {
  const std::optional<Date> from_file = options.answers.empty() ? std::nullopt : answers_file_date(lookup, options);
  if (options.date.empty()) return from_file.value_or(Date::today());
  const Date given = session_date(options.date);
  if (from_file && *from_file != given)
    fmt::print(stderr, "{}: note: --date {} is used as the session date, not the file's [session] date {}\n",
               options.answers, given.iso(), from_file->iso());
  return given;
}

int run(const CommonOptions& common, const RunOptions& options) {
  if (!options.answers.empty() && !options.resume.empty())
    throw Failure{exit_bad_input, "waymark: error: use either --answers or --resume, not both"};
  if (!options.format.empty() && options.answers.empty())
    throw Failure{exit_bad_input,
                  "waymark: error: --format works with --answers; interactively, the record is "
                  "saved as JSON or "
                  "Markdown by the name you give it (.json or .md)"};
  std::error_code error;
  if (!options.answers.empty() && std::filesystem::is_directory(options.answers, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: this is a folder, not an answers file", options.answers)};
  // The version in force on the session's date, unless --as-of names another date.
  if (!options.as_of.empty() && !Date::parse(options.as_of))
    throw Failure{exit_bad_input, fmt::format("waymark: error: --as-of '{}' is not a date YYYY-MM-DD", options.as_of)};
  const std::string saved = options.resume.empty() ? "" : read_file(options.resume);
  PolicyLookup lookup(common);  // plugins and policies loaded once for the whole run
  const Date date = settle_session_date(lookup, options);
  const Date version_date = options.as_of.empty() ? date : *Date::parse(options.as_of);
  const auto policy =
      saved.empty() ? lookup.resolve(options.policy, version_date) : version_of_saved(lookup, options, saved);

  if (policy->overdue_for_review(Date::today()))
    fmt::print(stderr, "{}: warning: the review-by date {} has passed; check the policy is still current\n",
               policy->origin(), policy->info().review_by.iso());
  if (saved.empty() && !policy->in_force(date))
    fmt::print(stderr,
               "{}: warning: this version ({}) takes effect on {}; it is not yet in force on the "
               "session date {}\n",
               policy->origin(), policy->info().version, policy->info().effective.iso(), date.iso());

  if (!options.answers.empty()) {
    AnswersFile file = load_answers_file(options.answers, *policy);
    file.date = date;  // settled above, --date over the file's
    // --case wins over the file's `case`, as it does for the record.
    const std::string case_reference = options.case_reference.empty() ? file.case_reference : options.case_reference;
    auto store = case_store(options, case_reference);
    // The stored chronology joins the file's [[event]] tables before any answer is applied, so
    // questions that depend on it are asked (or skipped) exactly as they would be interactively.
    if (store) add_stored_events(*store, case_reference, file.events);
    if (store) report_read_events(lookup, *policy, case_reference, file.events);
    Session session = start_session(policy, file, date, timestamp_now());
    if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
    if (!options.role.empty()) session.set_role(options.role);
    // For scripts: an answers file that leaves a question unanswered writes and stores nothing.
    if (const Question* missing = session.next_question(); missing && options.require_complete)
      throw Failure{exit_policy_failure,
                    fmt::format("{}: error: the walk-through is incomplete (--require-complete): question '{}' applies "
                                "and is not answered: {}",
                                options.answers, missing->id, missing->text)};
    if (!options.what_if.empty()) {
      fmt::print("{}", what_if_text(session, options.what_if));
      return exit_ok;
    }
    const std::string json = evidence_record_json(session, timestamp_now());
    const std::string output = render(json, options.format);
    if (options.out.empty())
      fmt::print("{}", output);
    else
      write_new_file(options.out, output, options.force);
    if (store) {
      const ChainEntry entry = with_store_errors([&] { return store->add_record(case_reference, json); });
      fmt::print(stderr, "Record stored with case {} in {} (chain entry {})\n", case_reference, store->path().string(),
                 entry.seq);
    }
    return exit_ok;
  }

  Session session = options.resume.empty() ? Session(policy, date) : Session::from_json(saved, policy);
  if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
  if (!options.role.empty()) session.set_role(options.role);
  auto store = case_store(options, session.case_reference());
  WalkthroughOptions walkthrough{options.out, options.force, {}};
  bool store_failed = false;
  if (store) {
    std::vector<Event> events;
    add_stored_events(*store, session.case_reference(), events);
    report_read_events(lookup, *policy, session.case_reference(), events);
    // The store is the current truth, also over a chronology saved with a resumed walk-through;
    // answers that no longer apply are dropped and the drop is kept in the session's history.
    session.set_chronology(std::make_shared<const Chronology>(std::move(events)), timestamp_now());
    walkthrough.store_record = [&](const std::string& json) {
      // A store failure must not lose the walk-through: say so, and still offer the record as a
      // file.
      try {
        const ChainEntry entry = store->add_record(session.case_reference(), json);
        fmt::print("Record stored with case {} in {} (chain entry {})\n", session.case_reference(),
                   store->path().string(), entry.seq);
      } catch (const StoreError& e) {
        store_failed = true;
        fmt::print(stderr, "waymark: error: the record was not stored: {}\nSave it to a file below.\n", e.what());
      }
    };
  }
  const int code = run_walkthrough(session, walkthrough);
  return store_failed ? exit_bad_input : code;
}

}  // namespace

Command add_run_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand(
      "run", "Walk through a policy: interactively, or from an answers file (--answers) to a record");
  auto options = std::make_shared<RunOptions>();
  sub->add_option("POLICY", options->policy, "Policy id (see `waymark list`) or path to a policy .toml file")
      ->required();
  CLI::Option* answers = sub->add_option("--answers", options->answers,
                                         "Answers file (TOML): run without questions and print the outcome");
  sub->add_flag("--require-complete", options->require_complete,
                "With --answers: exit 1, writing nothing, when a question that applies is unanswered")
      ->needs(answers);
  sub->add_option("--what-if", options->what_if,
                  "With --answers: instead of the record, say what would change whether this action is "
                  "recommended (the smallest change of answers or events)")
      ->needs(answers);
  sub->add_option("--resume", options->resume, "Resume a walk-through saved with 'save'");
  sub->add_option("--format", options->format, "Output for --answers: text, json (the evidence record) or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  sub->add_option("--out", options->out, "Write the record to this file (never replaces a file unless --force)");
  sub->add_flag("--force", options->force, "Replace the --out file if it exists");
  sub->add_option("--date", options->date, "Session date YYYY-MM-DD (default today): due dates count from it");
  sub->add_option("--as-of", options->as_of,
                  "Use the version of the policy in force on this date YYYY-MM-DD (default: the session date)");
  sub->add_option("--case", options->case_reference, "Pseudonymous case reference (never a name)");
  sub->add_option("--role", options->role,
                  "Your role, e.g. social_worker (never your name): the record says it was completed by this role");
  sub->add_flag("--store", options->store,
                "Store the record with the case in the case store (also done when the store holds the case)");
  add_db_option(*sub, options->db);
  return [&common, options] {
    try {
      return run(common, *options);
    } catch (const AnswerError& e) {
      throw Failure{exit_bad_input, fmt::format("waymark: error: {}", e.what())};
    } catch (const RecordError& e) {
      throw Failure{exit_bad_input, fmt::format("{}: error: {}", options->resume, e.what())};
    } catch (const PolicyError& e) {
      // An answers file problem is bad input (2); a policy that fails to load is a policy failure
      // (1).
      print_diagnostics(e.diagnostics());
      const bool answers_problem = !options->answers.empty() && e.first().file == options->answers;
      throw Failure{answers_problem ? exit_bad_input : exit_policy_failure, ""};
    }
  };
}

}  // namespace waymark::cli
