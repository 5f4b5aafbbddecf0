#include "commands.h"
#include "store_support.h"
#include "walkthrough.h"

#include <fmt/format.h>

namespace waymark::cli {

namespace {

struct RunOptions {
  std::string policy;
  std::string answers;
  std::string resume;
  std::string format = "text";
  std::string out;
  std::string date;
  std::string as_of;
  std::string case_reference;
  bool force = false;
  bool store = false;
  std::string db;
};

std::string render(const std::string& json, const std::string& format) {
  if (format == "json") return json + "\n";
  return render_record(json, format == "markdown" ? RecordStyle::markdown : RecordStyle::text);
}

// The case store to file the record in: with --store, or when the store already holds the case.
std::optional<Store> case_store(const RunOptions& options, const std::string& case_reference) {
  if (case_reference.empty()) {
    if (options.store) throw Failure{exit_bad_input, "waymark: error: --store needs a case: --case REF (or case = \"REF\" in the answers file)"};
    return std::nullopt;
  }
  const std::filesystem::path path = options.db.empty() ? default_store_path() : std::filesystem::path(options.db);
  std::error_code error;
  if (!options.store && !std::filesystem::exists(path, error)) return std::nullopt;
  Store store = open_store(path.string());
  if (!store.has_case(case_reference)) {
    if (options.store)
      throw Failure{exit_bad_input, fmt::format("waymark: error: {}: no case '{}' (add it with `waymark case add`)",
                                                path.string(), case_reference)};
    return std::nullopt;
  }
  return store;
}

// Appends the case's stored chronology (corrections in place of what they correct) to `events`.
void add_stored_events(const Store& store, const std::string& reference, std::vector<Event>& events) {
  const Chronology stored = with_store_errors([&] { return load_chronology(store, reference); });
  events.insert(events.end(), stored.events().begin(), stored.events().end());
}

// A saved walk-through resumes with the version it was started under.
std::shared_ptr<const Policy> version_of_saved(const CommonOptions& common, const RunOptions& options,
                                               const std::string& saved) {
  const auto versions = policy_versions(common, options.policy);
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    try {
      (void)Session::from_json(saved, *it);
      return *it;
    } catch (const RecordError&) {
      // Not this version: try the next.
    }
  }
  return versions.back();  // none fits: from_json then says why
}

int run(const CommonOptions& common, const RunOptions& options) {
  // The version in force on the session's date, unless --as-of names another date.
  if (!options.as_of.empty() && !Date::parse(options.as_of))
    throw Failure{exit_bad_input, fmt::format("waymark: error: --as-of '{}' is not a date YYYY-MM-DD", options.as_of)};
  const Date version_date = session_date(options.as_of.empty() ? options.date : options.as_of);
  const std::string saved = options.resume.empty() ? "" : read_file(options.resume);
  const auto policy = saved.empty() ? resolve_policy(common, options.policy, version_date)
                                    : version_of_saved(common, options, saved);
  if (!options.answers.empty() && !options.resume.empty())
    throw Failure{exit_bad_input, "waymark: error: use either --answers or --resume, not both"};

  if (policy->overdue_for_review(Date::today()))
    fmt::print(stderr, "{}: warning: the review-by date {} has passed; check the policy is still current\n",
               policy->origin(), policy->info().review_by.iso());
  if (!policy->in_force(version_date))
    fmt::print(stderr, "{}: warning: this version takes effect on {}; it is not yet in force\n", policy->origin(),
               policy->info().effective.iso());

  if (!options.answers.empty()) {
    AnswersFile file = load_answers_file(options.answers, *policy);
    // --case wins over the file's `case`, as it does for the record.
    const std::string case_reference = options.case_reference.empty() ? file.case_reference : options.case_reference;
    auto store = case_store(options, case_reference);
    // The stored chronology joins the file's [[event]] tables before any answer is applied, so
    // questions that depend on it are asked (or skipped) exactly as they would be interactively.
    if (store) add_stored_events(*store, case_reference, file.events);
    Session session = start_session(policy, file, session_date(options.date), timestamp_now());
    if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
    const std::string json = evidence_record_json(session, timestamp_now());
    const std::string output = render(json, options.format);
    if (options.out.empty()) fmt::print("{}", output);
    else write_new_file(options.out, output, options.force);
    if (store) {
      const ChainEntry entry = with_store_errors([&] { return store->add_record(case_reference, json); });
      fmt::print(stderr, "Record stored with case {} in {} (chain entry {})\n", case_reference,
                 store->path().string(), entry.seq);
    }
    return exit_ok;
  }

  Session session = options.resume.empty() ? Session(policy, session_date(options.date))
                                           : Session::from_json(saved, policy);
  if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
  auto store = case_store(options, session.case_reference());
  WalkthroughOptions walkthrough{options.out, options.force, {}};
  bool store_failed = false;
  if (store) {
    std::vector<Event> events;
    add_stored_events(*store, session.case_reference(), events);
    // The store is the current truth, also over a chronology saved with a resumed walk-through;
    // answers that no longer apply are dropped and the drop is kept in the session's history.
    session.set_chronology(std::make_shared<const Chronology>(std::move(events)), timestamp_now());
    walkthrough.store_record = [&](const std::string& json) {
      // A store failure must not lose the walk-through: say so, and still offer the record as a file.
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
  sub->add_option("POLICY", options->policy, "Policy id (see `waymark list`) or path to a policy .toml file")->required();
  sub->add_option("--answers", options->answers, "Answers file (TOML): run without questions and print the outcome");
  sub->add_option("--resume", options->resume, "Resume a walk-through saved with 'save'");
  sub->add_option("--format", options->format, "Output for --answers: text, json (the evidence record) or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  sub->add_option("--out", options->out, "Write the record to this file (never replaces a file unless --force)");
  sub->add_flag("--force", options->force, "Replace the --out file if it exists");
  sub->add_option("--date", options->date, "Session date YYYY-MM-DD (default today): due dates count from it");
  sub->add_option("--as-of", options->as_of,
                  "Use the version of the policy in force on this date YYYY-MM-DD (default: the session date)");
  sub->add_option("--case", options->case_reference, "Pseudonymous case reference (never a name)");
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
      // An answers file problem is bad input (2); a policy that fails to load is a policy failure (1).
      print_diagnostics(e.diagnostics());
      const bool answers_problem = !options->answers.empty() && e.first().file == options->answers;
      throw Failure{answers_problem ? exit_bad_input : exit_policy_failure, ""};
    }
  };
}

}  // namespace waymark::cli
