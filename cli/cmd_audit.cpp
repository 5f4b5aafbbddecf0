// `waymark audit`: who read which case, and when, from the store's chained audit of reads: how a
// subject access request ("who looked at my case?") is answered.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "store_support.h"

namespace waymark::cli {

namespace {

std::optional<Date> date_option(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  if (auto date = Date::parse(text)) return date;
  throw Failure{exit_bad_input,
                fmt::format("waymark: error: {} '{}' is not a date YYYY-MM-DD", option, printable(text))};
}

}  // namespace

Command add_audit_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "audit", "List the audit of reads of case content and refused attempts: who, when, which case, why");
  struct Options {
    std::string db, reference, account, from, to, format = "text";
  };
  auto o = std::make_shared<Options>();
  add_db_option(*sub, o->db);
  sub->add_option("--case", o->reference, "Only entries about this case");
  sub->add_option("--account", o->account, "Only entries of this account");
  sub->add_option("--from", o->from, "Only entries on or after this date, YYYY-MM-DD");
  sub->add_option("--to", o->to, "Only entries on or before this date, YYYY-MM-DD");
  sub->add_option("--format", o->format, "text (the default) or json (every field, hashes included)")
      ->check(CLI::IsMember({"text", "json"}));
  return [o] {
    return with_store_errors([&] {
      AuditFilter filter;
      filter.case_reference = o->reference;
      filter.account = o->account;
      filter.from = date_option(o->from, "--from");
      filter.to = date_option(o->to, "--to");
      if (filter.from && filter.to && *filter.to < *filter.from)
        throw Failure{exit_bad_input, fmt::format("waymark: error: --to {} is before --from {}", o->to, o->from)};
      const Store store = open_store(o->db);
      const auto entries = store.audit_entries(filter);
      if (o->format == "json") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& e : entries)
          list.push_back({{"seq", e.seq},
                          {"at", e.at},
                          {"account", e.account},
                          {"role", e.role},
                          {"action", e.action},
                          {"case_reference", e.case_reference},
                          {"detail", e.detail},
                          {"purpose", e.purpose},
                          {"allowed", e.allowed},
                          {"prev_hash", e.prev_hash},
                          {"hash", e.hash}});
        fmt::print("{}\n", list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        return exit_ok;
      }
      const bool filtered = !o->reference.empty() || !o->account.empty() || filter.from || filter.to;
      if (entries.empty()) {
        fmt::print("No audit entries{}.\n", filtered ? " matching the filters" : "");
        return exit_ok;
      }
      fmt::print("{} audit entries{}\n\n", entries.size(), filtered ? " matching the filters" : "");
      fmt::print("{:<6} {:<20} {:<16} {:<14} {:<8} {:<16} {}\n", "SEQ", "AT", "ACCOUNT", "ROLE", "", "CASE", "ACTION");
      for (const auto& e : entries) {
        fmt::print("{:<6} {:<20} {:<16} {:<14} {:<8} {:<16} {}\n", e.seq, printable(e.at),
                   e.account.empty() ? "(none)" : printable(e.account), printable(e.role), e.allowed ? "" : "REFUSED",
                   e.case_reference.empty() ? "-" : printable(e.case_reference), printable(e.action));
        if (!e.detail.empty()) fmt::print("       detail: {}\n", printable(e.detail));
        if (!e.purpose.empty()) fmt::print("       purpose: {}\n", printable(e.purpose));
      }
      return exit_ok;
    });
  };
}

}  // namespace waymark::cli
