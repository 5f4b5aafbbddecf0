#include "gatekeeper.h"

#include <fmt/format.h>
#include <waymark/store.h>
#include <waymark/utf8.h>

#include <algorithm>

#include "html.h"
#include "pages.h"
#include "pages_sign_in.h"
#include "routes.h"

namespace waymark::web {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";

// "in 2 minutes", "in 30 seconds": how long a locked account waits.
std::string wait_in_words(std::int64_t seconds) {
  if (seconds > 90) return fmt::format("{} minutes", (seconds + 59) / 60);
  return fmt::format("{} seconds", std::max<std::int64_t>(seconds, 1));
}

}  // namespace

std::string cookie_value(const httplib::Request& request, std::string_view name) {
  const std::string cookies = request.get_header_value("Cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
  }
  return {};
}

Gatekeeper::Gatekeeper(const SignInOptions& options, SessionStore& sessions, Store* cases)
    : options_(options),
      sessions_(sessions),
      cases_(cases),
      // Several `serve` processes may share a PostgreSQL store: each must know the others' sign-ins.
      sign_ins_(cases && cases->is_postgresql() ? store_sign_ins(*cases, options.idle_timeout)
                                                : memory_sign_ins(options.idle_timeout)) {}

bool Gatekeeper::admit(Need need, const httplib::Request& request, httplib::Response& response) {
  caller_.reset();
  if (!is_on() || need == Need::nothing) return true;
  if (options_.mode == SignInOptions::Mode::proxy) {
    caller_ = proxy_account(request, response);
    if (!caller_) return false;
  } else if (caller_ = signed_in_account(request); !caller_) {
    if (request.method == "GET" || request.method == "HEAD")
      // The routes admit only paths of letters, digits and _ . / -, all of which a query may hold.
      response.set_redirect("/sign-in?next=" + request.path, 303);
    else
      send_error(response, 403, "You are signed out",
                 "You were signed out, so nothing was changed. Sign in and send the form again.");
    return false;
  }
  if (need == Need::change && !may_change(caller_->role)) {
    refuse(response, "change", {}, "Read-only account",
           "An auditor's account reads cases and changes nothing, so this form was not accepted.");
    return false;
  }
  if (need == Need::case_content && !reads_case_content(caller_->role)) {
    refuse(response, "read case content", {}, "Not available to your role",
           fmt::format("A {}'s account does not see case content.", to_string(caller_->role)));
    return false;
  }
  return true;
}

std::optional<Account> Gatekeeper::signed_in_account(const httplib::Request& request) {
  const std::string token = cookie_value(request, session_cookie);
  const auto name = token.empty() ? std::nullopt : sign_ins_->account(token);
  if (!name) return std::nullopt;
  // Read again on every request, so disabling an account takes effect at once.
  auto account = cases_->find_account(*name);
  if (!account || account->disabled) {
    sign_ins_->end_all(*name);
    return std::nullopt;
  }
  return account;
}

std::optional<Account> Gatekeeper::proxy_account(const httplib::Request& request, httplib::Response& response) {
  auto refused = [&](std::string_view reason) {
    response.status = 403;
    response.set_content(proxy_refused_page(reason), html_type);
    return std::nullopt;
  };
  if (!options_.trusts_proxy(request.remote_addr))
    return refused("This page is reached only through your organisation's sign-in. Use the address you were given.");
  const std::string name = request.get_header_value(options_.user_header.c_str());
  if (name.empty()) return refused("The sign-in service did not say who you are. Sign in again.");
  auto account = valid_account_name(name) ? cases_->find_account(name) : std::nullopt;
  if (!account || account->disabled) {
    record(valid_account_name(name) ? name : std::string("(not an account name)"), "", "sign in", {}, {}, false);
    return refused(
        "Your sign-in worked, but Waymark has no account for you, or it is disabled. Ask your team's administrator.");
  }
  return account;
}

bool Gatekeeper::may_see(const std::string& reference, std::string_view action, std::string_view detail,
                         httplib::Response& response) {
  if (!caller_) return true;
  if (sees_case(reference)) {
    record(caller_->name, to_string(caller_->role), action, reference, detail, true);
    return true;
  }
  refuse(response, action, reference, "Not one of your teams' cases",
         "This case belongs to a team you are not in, so Waymark does not show it. The attempt is recorded in the "
         "audit trail.");
  return false;
}

bool Gatekeeper::may_countersign(const std::string& reference, std::string_view detail, httplib::Response& response) {
  if (!caller_) {
    send_error(response, 403, "Countersigning needs sign-in",
               "Only a signed-in team manager countersigns here. On this computer, use `waymark case countersign`.");
    return false;
  }
  if (!waymark::web::may_countersign(caller_->role)) {
    refuse(response, "countersign record", reference, "Only a team manager countersigns",
           "Your role does not countersign records. The attempt is recorded in the audit trail.");
    return false;
  }
  return may_see(reference, "countersign record", detail, response);
}

bool Gatekeeper::may_share(const std::string& reference, std::string_view action, std::string_view detail,
                           httplib::Response& response) {
  if (!caller_) {
    send_error(response, 403, "Sharing needs sign-in",
               "Cases are shared between the teams of a shared store, by a signed-in team manager. On this "
               "computer, use `waymark case share`.");
    return false;
  }
  if (!waymark::web::may_share(*caller_, cases_->case_team(reference))) {
    refuse(response, action, reference, "Only the case's team manager shares it",
           "A case is shared with other teams by a team manager of its own team. The attempt is recorded in the "
           "audit trail.");
    return false;
  }
  record(caller_->name, to_string(caller_->role), action, reference, detail, true);
  return true;
}

bool Gatekeeper::sees_case(const std::string& reference) const {
  if (!caller_) return true;
  const auto team = cases_->case_team(reference);
  return may_see_case(*caller_, team) || (team && may_see_case(*caller_, team, cases_->shared_with(reference)));
}

std::function<bool(const std::string&)> Gatekeeper::case_visibility() const {
  if (!caller_) return [](const std::string&) { return true; };
  auto teams = std::make_shared<const std::map<std::string, CaseTeams>>(cases_->teams_of_cases());
  return [teams, caller = *caller_](const std::string& reference) {
    const auto found = teams->find(reference);
    return found == teams->end() ? may_see_case(caller, std::nullopt)
                                 : may_see_case(caller, found->second.team, found->second.shared_with);
  };
}

void Gatekeeper::audit(std::string_view action, std::string_view detail) {
  if (caller_) record(caller_->name, to_string(caller_->role), action, {}, detail, true);
}

std::string Gatekeeper::browser_of_caller() const {
  return caller_ ? sessions_.account_browser(caller_->name) : std::string{};
}

void Gatekeeper::refuse(httplib::Response& response, std::string_view action, const std::string& reference,
                        std::string_view title, std::string_view message) {
  record(caller_->name, to_string(caller_->role), action, reference, {}, false);
  send_error(response, 403, title, message);
}

void Gatekeeper::record(const std::string& account, std::string_view role, std::string_view action,
                        const std::string& reference, std::string_view detail, bool allowed) {
  AuditEntry entry;
  entry.account = account;
  entry.role = role;
  entry.action = action;
  entry.case_reference = reference;
  entry.detail = detail;
  entry.allowed = allowed;
  cases_->append_audit(std::move(entry));
}

std::string Gatekeeper::cookie(std::string_view value, bool clear) const {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", session_cookie, value,
                     options_.secure_cookie ? "; Secure" : "", clear ? "; Max-Age=0" : "");
}

void Gatekeeper::sign_in_form(const httplib::Request& request, httplib::Response& response,
                              const std::string& browser) {
  if (options_.mode != SignInOptions::Mode::accounts)
    return send_error(response, 404, "Page not found", "This page signs in through your organisation's sign-in.");
  if (signed_in_account(request)) return response.set_redirect("/", 303);
  SignInForm form;
  if (const std::string next = request.get_param_value("next"); is_local_path(next)) form.next = next;
  response.set_content(sign_in_page(sessions_.csrf_for(browser), form), html_type);
}

void Gatekeeper::sign_in(const httplib::Request& request, httplib::Response& response, const std::string& browser) {
  if (options_.mode != SignInOptions::Mode::accounts)
    return send_error(response, 404, "Page not found", "This page signs in through your organisation's sign-in.");
  SignInForm form{request.get_param_value("account"), {}, request.get_param_value("next")};
  if (!is_local_path(form.next) || !is_valid_utf8(form.next)) form.next.clear();
  const bool named_an_account = valid_account_name(form.account);
  const SignInResult result =
      named_an_account ? cases_->sign_in(form.account, request.get_param_value("password")) : SignInResult{};
  if (result.outcome == SignInResult::Outcome::signed_in) {
    record(result.account->name, to_string(result.account->role), "sign in", {}, {}, true);
    response.set_header("Set-Cookie", cookie(sign_ins_->start(result.account->name)));
    return response.set_redirect(form.next.empty() ? "/" : form.next, 303);
  }
  // A name that is no account is not recorded: it may be someone's real name, or a password
  // typed in the wrong box.
  const bool known = named_an_account && cases_->find_account(form.account);
  record(known ? form.account : std::string("(unknown account)"), "", "sign in", {}, {}, false);
  if (result.outcome == SignInResult::Outcome::locked) {
    response.status = 429;
    response.set_header("Retry-After", std::to_string(result.retry_after_seconds));
    form.error = fmt::format("Too many sign-ins failed for this account. Try again in {}",
                             wait_in_words(result.retry_after_seconds));
  } else {
    response.status = 422;
    form.error = "Enter the account name and password your administrator gave you";
  }
  if (!is_valid_utf8(form.account)) form.account.clear();
  response.set_content(sign_in_page(sessions_.csrf_for(browser), form), html_type);
}

void Gatekeeper::sign_out(const httplib::Request& request, httplib::Response& response) {
  sign_ins_->end(cookie_value(request, session_cookie));
  if (caller_) record(caller_->name, to_string(caller_->role), "sign out", {}, {}, true);
  response.set_header("Set-Cookie", cookie("", true));
  response.set_redirect("/sign-in", 303);
}

void Gatekeeper::add_account_menu(httplib::Response& response) const {
  if (!caller_ || !response.get_header_value("Content-Type").starts_with("text/html")) return;
  response.body = with_account_menu(std::move(response.body), caller_->name, role_title(caller_->role),
                                    sessions_.csrf_for(browser_of_caller()),
                                    options_.mode == SignInOptions::Mode::accounts);
}

}  // namespace waymark::web
