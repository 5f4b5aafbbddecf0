// `waymark case ...`: add a case, record and list its events, export it, erase it.
#include <fmt/format.h>

#include <iostream>

#include "case_read.h"
#include "case_show.h"
#include "commands.h"
#include "event_kinds.h"
#include "store_support.h"

namespace waymark::cli {

namespace {

struct CaseOptions {
  std::string db;
  std::string reference;
  std::string kind, date, time, agency, reason, note, role;
  std::int64_t supersedes = 0;
  std::string purpose, recipient, out, comment, team;
  std::int64_t record = 0;
  std::string format = "text";
  bool force = false, yes = false;
};

std::optional<std::int32_t> parse_time(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto minute = parse_time_of_day(text)) return minute;
  throw Failure{exit_bad_input, fmt::format("waymark: error: --time '{}': use HH:MM (24-hour)", text)};
}

std::string format_time(const Event& e) { return e.minute_of_day ? format_time_of_day(*e.minute_of_day) : "     "; }

int add_event(const CaseOptions& o, bool corrects_given, const CommonOptions& common) {
  require_role(o.role);
  {
    const PluginRegistry plugins = load_plugins(common);
    require_known_event_kind(o.kind, load_registry(common, plugins));
  }
  // 0 is no event: it must not quietly record a plain event instead of a correction.
  if (corrects_given && o.supersedes <= 0)
    throw Failure{exit_bad_input, fmt::format("waymark: error: --corrects {}: give the id of the event it corrects "
                                              "(as `waymark case events` shows it, e.g. --corrects 3)",
                                              o.supersedes)};
  Store store = open_store(o.db);
  Event e;
  e.kind = o.kind;
  const auto date = Date::parse(o.date);
  if (!date) throw Failure{exit_bad_input, fmt::format("waymark: error: --date '{}': use YYYY-MM-DD", o.date)};
  e.date = *date;
  e.minute_of_day = parse_time(o.time);
  e.agency = o.agency;
  e.reason = o.reason;
  e.note = o.note;
  e.recorded_by = o.role;
  const auto id = store.append_event(o.reference, e, o.supersedes ? std::optional(o.supersedes) : std::nullopt);
  fmt::print("Event {} recorded on case {}{}\n", id, o.reference,
             o.supersedes ? fmt::format(" (corrects event {})", o.supersedes) : "");
  return exit_ok;
}

int list_events(const CaseOptions& o) {
  Store store = open_store(o.db);
  const auto events = store.events(o.reference);
  fmt::print("Chronology of case {} ({} events)\n", o.reference, events.size());
  for (const auto& se : events) {
    const Event& e = se.event;
    fmt::print("\n#{:<4} {} {}  {}", se.id, e.date.iso(), format_time(e), e.kind);
    // Stored text is printed escaped: a note with a new line cannot fake a line of the timeline.
    if (!e.agency.empty()) fmt::print("  [{}]", printable(e.agency));
    if (!e.reason.empty()) fmt::print("  reason: {}", printable(e.reason));
    fmt::print("\n");
    if (!e.note.empty()) fmt::print("      {}\n", printable(e.note));
    // Events stored through the API may lack a role; the CLI always asks for one.
    fmt::print("      recorded {} by {}\n", se.recorded_at,
               e.recorded_by.empty() ? "(role not given)" : printable(e.recorded_by));
    if (se.supersedes) fmt::print("      corrects event {}\n", *se.supersedes);
    if (se.superseded_by) fmt::print("      CORRECTED by event {}\n", *se.superseded_by);
  }
  return exit_ok;
}

int show_case(const CaseOptions& o, const CommonOptions& common) {
  Store store = open_store(o.db);
  store.require_case(o.reference);
  if (!o.out.empty() && std::filesystem::exists(o.out) && !o.force)
    throw Failure{exit_bad_input, fmt::format("waymark: error: {} exists; use --force to replace it", o.out)};
  const Date today = Date::today();
  std::string text;
  if (o.format == "json")
    text = case_json(store, o.reference, today);
  else {
    TimelineData timeline = case_timeline(store, o.reference, today);
    // Kinds are named as the loaded policies declare them ("Refusal of personal care").
    const PluginRegistry plugins = load_plugins(common);
    const PolicyRegistry policies = load_registry(common, plugins);
    for (const PolicyEntry& entry : policies.policies()) add_kind_labels(timeline, *entry.policy);
    text = o.format == "html" ? timeline_page(timeline)
                              : timeline_words(timeline) + records_and_actions_words(store, o.reference, today);
  }
  if (o.out.empty())
    fmt::print("{}", text);
  else {
    write_new_file(o.out, text, o.force);
    fmt::print(stderr, "Timeline of case {} written to {}\n", o.reference, o.out);
  }
  return exit_ok;
}

int print_record(const CaseOptions& o) {
  Store store = open_store(o.db);
  if (!o.out.empty() && std::filesystem::exists(o.out) && !o.force)
    throw Failure{exit_bad_input, fmt::format("waymark: error: {} exists; use --force to replace it", o.out)};
  const StoredRecord stored = stored_record(store, o.reference, o.record);
  if (stored.json.empty())
    throw Failure{exit_bad_input, fmt::format("waymark: error: the content of record {} of case {} was erased",
                                              o.record, o.reference)};
  std::string text;
  try {
    text = o.format == "json" ? stored.json + "\n"
                              : render_record(stored.json, o.format == "markdown" ? RecordStyle::markdown
                                                                                  : RecordStyle::text,
                                              &stored.filing);
  } catch (const RecordError& e) {
    throw Failure{exit_bad_input, fmt::format("waymark: error: record {} of case {}: {}", o.record, o.reference,
                                              e.what())};
  }
  if (o.out.empty())
    fmt::print("{}", text);
  else {
    write_new_file(o.out, text, o.force);
    fmt::print(stderr, "Record {} of case {} written to {}\n", o.record, o.reference, o.out);
  }
  return exit_ok;
}

int countersign(const CaseOptions& o) {
  require_role(o.role);
  Store store = open_store(o.db);
  const ChainEntry entry = store.countersign(o.reference, o.record, o.role, o.comment);
  fmt::print("Record {} of case {} countersigned by {}; the countersignature is chain entry {} (the record itself "
             "is unchanged)\n",
             o.record, o.reference, o.role, entry.seq);
  return exit_ok;
}

int share_case(const CaseOptions& o) {
  require_role(o.role);
  Store store = open_store(o.db);
  const ChainEntry entry = store.share_case(o.reference, o.team, o.purpose, o.role);
  fmt::print("Case {} shared with team {} (purpose: {}); the share is chain entry {}. End it with `waymark case "
             "unshare {} --team {}`\n",
             o.reference, o.team, o.purpose, entry.seq, o.reference, o.team);
  return exit_ok;
}

int end_share(const CaseOptions& o) {
  require_role(o.role);
  Store store = open_store(o.db);
  const ChainEntry entry = store.end_share(o.reference, o.team, o.reason, o.role);
  fmt::print("Case {} is no longer shared with team {}; the end of the share is chain entry {}\n", o.reference,
             o.team, entry.seq);
  return exit_ok;
}

int export_case(const CaseOptions& o) {
  Store store = open_store(o.db);
  if (!o.out.empty() && std::filesystem::exists(o.out) && !o.force)
    throw Failure{exit_bad_input, fmt::format("waymark: error: {} exists; use --force to replace it", o.out)};
  bool written = false;
  try {
    // Written before the audit entry commits: a file that cannot be written is not recorded as
    // shared.
    store.export_case(o.reference, o.purpose, o.recipient, o.role, [&](const std::string& json) {
      if (o.out.empty())
        fmt::print("{}\n", json);
      else
        write_new_file(o.out, json + "\n", o.force);
      written = true;
    });
  } catch (const StoreError&) {
    // The audit entry did not commit: take back the file, so nothing is out there unrecorded.
    std::error_code ignored;
    if (written && !o.out.empty()) std::filesystem::remove(o.out, ignored);
    throw;
  }
  fmt::print(stderr, "Export of case {} recorded in the audit (purpose: {}; recipient: {}; role: {})\n", o.reference,
             o.purpose, o.recipient, o.role);
  return exit_ok;
}

int erase_case(const CaseOptions& o) {
  require_role(o.role);
  Store store = open_store(o.db);
  // Before asking: says "was erased on ..." for a case already erased, "no case" otherwise.
  store.require_case(o.reference);
  if (!o.yes) {
    fmt::print(
        "This removes every event, record and action held on case {}. The erasure itself is kept "
        "in "
        "the chain.\nType the case reference to confirm: ",
        o.reference);
    std::fflush(stdout);
    std::string typed;
    std::getline(std::cin, typed);
    if (typed != o.reference) throw Failure{exit_bad_input, "waymark: not confirmed; nothing was erased"};
  }
  const ChainEntry entry = store.erase_case(o.reference, o.role, o.reason);
  fmt::print("Case {} erased; the erasure is chain entry {} ({})\n", o.reference, entry.seq, entry.hash);
  return exit_ok;
}

}  // namespace

Command add_case_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("case", "Cases in the case store: add, record events, timeline, share, export, erase");
  sub->require_subcommand(1);
  auto o = std::make_shared<CaseOptions>();
  auto reference = [&](CLI::App* s) {
    s->add_option("REF", o->reference, "Pseudonymous case reference (never a name)")->required();
    add_db_option(*s, o->db);
  };
  CLI::App* add = sub->add_subcommand("add", "Add a case by its pseudonymous reference");
  reference(add);
  add->add_option("--team", o->team, "The team the case belongs to, in a team's store (set once), e.g. north");
  CLI::App* event = sub->add_subcommand("event", "Record an event on a case's chronology (append-only)");
  reference(event);
  event->add_option("--kind", o->kind, "A kind a loaded policy reads, e.g. medication_refusal, referral")->required();
  event->add_option("--date", o->date, "Date of the event, YYYY-MM-DD")->required();
  event->add_option("--time", o->time, "Time of day, HH:MM");
  event->add_option("--agency", o->agency, "Agency involved");
  event->add_option("--reason", o->reason, "Presenting reason (for referrals)");
  event->add_option("--note", o->note, "Short factual note (no names)");
  event->add_option("--role", o->role, "Your role, e.g. care_staff (required; never your name)")->required();
  CLI::Option* corrects =
      event->add_option("--corrects", o->supersedes, "Id of an earlier event this one corrects (both stay visible)");
  CLI::App* events = sub->add_subcommand("events", "Show a case's chronology as a timeline");
  reference(events);
  CLI::App* show = sub->add_subcommand("show", "Show a case's timeline: in words, or as a picture in one HTML file");
  reference(show);
  show->add_option("--format", o->format,
                   "text (the default: timeline, records, actions open and closed), html (a self-contained page "
                   "with the picture) or json")
      ->check(CLI::IsMember({"text", "html", "json"}));
  show->add_option("--out", o->out, "Write to this file (never replaces a file unless --force)");
  show->add_flag("--force", o->force, "Replace the --out file if it exists");
  CLI::App* record = sub->add_subcommand("record", "Print a record stored with a case, with its countersignatures");
  reference(record);
  record->add_option("N", o->record, "The record's chain entry, as `waymark case show` lists it")->required();
  record->add_option("--format", o->format, "text (the default), markdown or json (the record as stored)")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  record->add_option("--out", o->out, "Write to this file (never replaces a file unless --force)");
  record->add_flag("--force", o->force, "Replace the --out file if it exists");
  CLI::App* sign = sub->add_subcommand(
      "countersign", "Countersign a stored record as a manager (a new chain entry; the record is never edited)");
  reference(sign);
  sign->add_option("N", o->record, "The record's chain entry, as `waymark case show` lists it")->required();
  sign->add_option("--role", o->role, "Your role, e.g. team_manager (required; never your name)")->required();
  sign->add_option("--comment", o->comment, "What you checked, and whether you agree (required)")->required();
  CLI::App* share = sub->add_subcommand(
      "share", "Share a case with another team, for a stated purpose (a chain entry; its own team is unchanged)");
  reference(share);
  share->add_option("--team", o->team, "The team to share it with, e.g. south")->required();
  share->add_option("--purpose", o->purpose, "What that team needs it for (required)")->required();
  share->add_option("--role", o->role, "Your role, e.g. team_manager (required; never your name)")->required();
  CLI::App* unshare = sub->add_subcommand("unshare", "End a case's share with another team (a chain entry)");
  reference(unshare);
  unshare->add_option("--team", o->team, "The team it is shared with")->required();
  unshare->add_option("--reason", o->reason, "Why the share ends (required)")->required();
  unshare->add_option("--role", o->role, "Your role (required; never your name)")->required();
  CLI::App* exp = sub->add_subcommand("export", "Export everything held on a case as JSON (audited)");
  reference(exp);
  exp->add_option("--purpose", o->purpose, "Why it is shared (required)")->required();
  exp->add_option("--recipient", o->recipient, "Who receives it (required)")->required();
  exp->add_option("--role", o->role, "Your role (required)")->required();
  exp->add_option("--out", o->out, "Write to this file (never replaces a file unless --force)");
  exp->add_flag("--force", o->force, "Replace the --out file if it exists");
  CLI::App* erase = sub->add_subcommand("erase", "Erase a case's content (asks for confirmation)");
  reference(erase);
  erase->add_option("--role", o->role, "Your role (required)")->required();
  erase->add_option("--reason", o->reason, "Why it is erased");
  erase->add_flag("--yes", o->yes, "Do not ask for confirmation");

  return [o, add, event, events, show, record, sign, share, unshare, exp, erase, corrects, &common] {
    return with_store_errors([&] {
      if (add->parsed()) {
        // Checked first, so a refused team leaves no case added without one.
        if (!o->team.empty() && !valid_account_name(o->team))
          throw StoreError(
              fmt::format("--team '{}' is not acceptable: 1 to 64 lower case letters, digits, '.', '_' "
                          "or '-', starting with a letter or digit",
                          printable(o->team)));
        Store store = open_store(o->db, IfMissing::create);
        store.add_case(o->reference);
        if (!o->team.empty()) store.set_case_team(o->reference, o->team);
        fmt::print("Case {} added to {}{}\n", o->reference, store.path().string(),
                   o->team.empty() ? "" : fmt::format(" (team {})", o->team));
        return exit_ok;
      }
      if (event->parsed()) return add_event(*o, corrects->count() > 0, common);
      if (events->parsed()) return list_events(*o);
      if (show->parsed()) return show_case(*o, common);
      if (record->parsed()) return print_record(*o);
      if (sign->parsed()) return countersign(*o);
      if (share->parsed()) return share_case(*o);
      if (unshare->parsed()) return end_share(*o);
      if (exp->parsed()) return export_case(*o);
      if (erase->parsed()) return erase_case(*o);
      return exit_bad_input;
    });
  };
}

}  // namespace waymark::cli
