// Sign-in, roles and the audit of reads, for a page served to a team (SignInOptions). It decides
// who is asking, whether the page they ask for is theirs to see, and records every read of case
// content and every refusal in the store's audit trail. Without sign-in it lets everything through
// and records nothing: the page is then one practitioner's, on their own computer.
#pragma once

#include <httplib.h>
#include <waymark/access.h>
#include <waymark/web/server.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "access_rules.h"
#include "session_store.h"
#include "sign_ins.h"

namespace waymark {
class Store;
}

namespace waymark::web {

class Gatekeeper {
 public:
  // `cases` holds the accounts and the audit trail; it must be set when sign-in is on.
  Gatekeeper(const SignInOptions& options, SessionStore& sessions, Store* cases);

  bool is_on() const { return options_.mode != SignInOptions::Mode::none; }
  // The account asking, once admit() let it in (until the next request).
  const std::optional<Account>& caller() const { return caller_; }

  // Decides who is asking and whether a page needing `need` is theirs; otherwise answers the
  // request itself (a redirect to sign in, or a refusal, audited) and returns false.
  bool admit(Need need, const httplib::Request& request, httplib::Response& response);
  // Whether the caller may see the case; records the read (`action`, `detail`) or the refusal in
  // the audit trail, and on refusal sends the page saying so.
  bool may_see(const std::string& reference, std::string_view action, std::string_view detail,
               httplib::Response& response);
  // Whether the caller may countersign a record of the case (a team manager of its team), as
  // may_see records and refuses. Without sign-in nobody may: the CLI countersigns, by role.
  bool may_countersign(const std::string& reference, std::string_view detail, httplib::Response& response);
  // Whether the caller may share the case, or end a share (a team manager of its own team), as
  // may_see records and refuses.
  bool may_share(const std::string& reference, std::string_view action, std::string_view detail,
                 httplib::Response& response);
  // Whether the caller may see the case, without recording anything.
  bool sees_case(const std::string& reference) const;
  // Which of many cases the caller may see, for lists that span cases (the due list): every
  // case's teams are read once, rather than twice per case.
  std::function<bool(const std::string& reference)> case_visibility() const;
  // Records a read that spans cases (the due list).
  void audit(std::string_view action, std::string_view detail);

  // The browser id whose walk-throughs and CSRF token the caller uses: the account's own when
  // signed in, else the one in the cookie.
  std::string browser_of_caller() const;

  // GET /sign-in, POST /sign-in, POST /sign-out.
  void sign_in_form(const httplib::Request& request, httplib::Response& response, const std::string& browser);
  void sign_in(const httplib::Request& request, httplib::Response& response, const std::string& browser);
  void sign_out(const httplib::Request& request, httplib::Response& response);

  // The page with the caller's account and a sign-out button in its header.
  void add_account_menu(httplib::Response& response) const;

 private:
  std::optional<Account> signed_in_account(const httplib::Request& request);
  std::optional<Account> proxy_account(const httplib::Request& request, httplib::Response& response);
  void refuse(httplib::Response& response, std::string_view action, const std::string& reference,
              std::string_view title, std::string_view message);
  void record(const std::string& account, std::string_view role, std::string_view action,
              const std::string& reference, std::string_view detail, bool allowed);
  std::string cookie(std::string_view value, bool clear = false) const;

  SignInOptions options_;
  SessionStore& sessions_;
  Store* cases_;
  std::unique_ptr<SignIns> sign_ins_;
  std::optional<Account> caller_;
};

// The value of cookie `name` in the request, or empty.
std::string cookie_value(const httplib::Request& request, std::string_view name);

}  // namespace waymark::web
