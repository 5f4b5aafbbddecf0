// `waymark user ...`: the accounts of a team's store (add, disable, enable, reset, list). A
// password is never an option: it is typed without echo, or piped in (password_input.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "password_input.h"
#include "store_support.h"

namespace waymark::cli {

namespace {

std::string teams_words(const std::vector<std::string>& teams) {
  std::string out;
  for (const auto& team : teams) out += (out.empty() ? "" : ", ") + team;
  return out.empty() ? "none" : out;
}

std::vector<std::string> role_words() {
  std::vector<std::string> out;
  for (const auto& [role, word] : EnumWords<AccessRole>::table) out.emplace_back(word);
  return out;
}

void require_known(const Store& store, const std::string& name) {
  if (!store.find_account(name))
    throw Failure{exit_bad_input, fmt::format("waymark: error: {}: no account '{}' (`waymark user list` lists them)",
                                              store.path().string(), printable(name))};
}

int list_accounts(const Store& store, const std::string& format) {
  const auto accounts = store.accounts();
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : accounts)
      list.push_back({{"name", a.name},
                      {"role", to_string(a.role)},
                      {"teams", a.teams},
                      {"has_password", a.has_password},
                      {"disabled", a.disabled}});
    fmt::print("{}\n", list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return exit_ok;
  }
  if (accounts.empty()) {
    fmt::print("No accounts in {} (`waymark user add` adds one).\n", store.path().string());
    return exit_ok;
  }
  fmt::print("{:<20} {:<14} {:<9} {:<9} {}\n", "ACCOUNT", "ROLE", "PASSWORD", "STATE", "TEAMS");
  for (const auto& a : accounts)
    fmt::print("{:<20} {:<14} {:<9} {:<9} {}\n", printable(a.name), to_string(a.role), a.has_password ? "yes" : "no",
               a.disabled ? "disabled" : "active", printable(teams_words(a.teams)));
  return exit_ok;
}

}  // namespace

Command add_user_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "user", "Accounts of a team's case store: add, disable, enable, reset a password, list (no passwords shown)");
  sub->require_subcommand(1);
  struct Options {
    std::string db, name, role, format = "text";
    std::vector<std::string> teams;
    bool no_password = false;
  };
  auto o = std::make_shared<Options>();
  auto named = [&](CLI::App* s) {
    s->add_option("NAME", o->name, "Account name: a staff number or login such as sw0142, never a person's name")
        ->required();
    add_db_option(*s, o->db);
  };
  CLI::App* add = sub->add_subcommand(
      "add", "Add an account; its password is asked at the terminal (twice, not shown) or read as one line of stdin");
  named(add);
  add->add_option("--role", o->role,
                  "What it may do: practitioner, team_manager, board_author, auditor or administrator")
      ->required()
      ->check(CLI::IsMember(role_words()));
  add->add_option("--team", o->teams, "A team whose cases it works on (repeatable), e.g. north");
  add->add_flag("--no-password", o->no_password,
                "No password: it signs in only through the trusted proxy's single sign-on");
  CLI::App* disable = sub->add_subcommand("disable", "Stop an account signing in (its audit entries stay)");
  named(disable);
  CLI::App* enable = sub->add_subcommand("enable", "Let a disabled account sign in again");
  named(enable);
  CLI::App* reset = sub->add_subcommand(
      "reset", "Set a new password (asked as for `user add`), lifting any lock after failed sign-ins");
  named(reset);
  CLI::App* list = sub->add_subcommand("list", "List the accounts: name, role, teams, whether they have a password");
  add_db_option(*list, o->db);
  list->add_option("--format", o->format, "text (the default) or json")->check(CLI::IsMember({"text", "json"}));

  return [o, add, disable, enable, reset, list] {
    return with_store_errors([&] {
      if (list->parsed()) return list_accounts(open_store(o->db), o->format);
      if (add->parsed()) {
        Account account;
        account.name = o->name;
        account.role = *parse<AccessRole>(o->role);
        account.teams = o->teams;
        // Checked before a password is asked for, so nobody types one for a name that is refused.
        if (!valid_account_name(account.name))
          throw StoreError(
              fmt::format("the account name '{}' is not acceptable: 1 to 64 lower case letters, digits, "
                          "'.', '_' or '-', starting with a letter or digit (never a person's name)",
                          printable(account.name)));
        // Setting up a team's store starts with its first account: this may create the store.
        Store store = open_store(o->db, IfMissing::create);
        if (store.find_account(account.name))
          throw StoreError(
              fmt::format("{}: account '{}' is already in this store", store.path().string(), account.name));
        std::optional<std::string> password;
        if (!o->no_password) password = read_new_password(account.name);
        store.add_account(account, password);
        fmt::print("Account {} added to {}: {}, teams: {}, {}\n", account.name, store.path().string(),
                   to_string(account.role), teams_words(account.teams),
                   password ? "password set" : "no password (signs in through the proxy only)");
        return exit_ok;
      }
      Store store = open_store(o->db);
      if (disable->parsed() || enable->parsed()) {
        require_known(store, o->name);
        store.set_account_disabled(o->name, disable->parsed());
        fmt::print("Account {} {}\n", o->name,
                   disable->parsed() ? "disabled: it can no longer sign in" : "enabled: it can sign in again");
        return exit_ok;
      }
      if (reset->parsed()) {
        require_known(store, o->name);
        store.set_password(o->name, read_new_password(o->name));
        fmt::print("New password set for account {}; any lock after failed sign-ins is lifted\n", o->name);
        return exit_ok;
      }
      return exit_bad_input;
    });
  };
}

}  // namespace waymark::cli
