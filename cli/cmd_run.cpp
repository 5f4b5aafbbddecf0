#include "commands.h"
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
};

std::string render(const Session& session, const std::string& format) {
  const std::string json = evidence_record_json(session, timestamp_now());
  if (format == "json") return json + "\n";
  return render_record(json, format == "markdown" ? RecordStyle::markdown : RecordStyle::text);
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
    const AnswersFile file = load_answers_file(options.answers, *policy);
    Session session = start_session(policy, file, session_date(options.date), timestamp_now());
    if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
    const std::string output = render(session, options.format);
    if (options.out.empty()) fmt::print("{}", output);
    else write_new_file(options.out, output, options.force);
    return exit_ok;
  }

  Session session = options.resume.empty() ? Session(policy, session_date(options.date))
                                           : Session::from_json(saved, policy);
  if (!options.case_reference.empty()) session.set_case_reference(options.case_reference);
  return run_walkthrough(session, {options.out, options.force});
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
