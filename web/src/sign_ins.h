// The browsers signed in to the page: each holds a random token in its cookie, which names its
// account until it signs out or is left unused for the idle timeout. Kept in memory: a restart
// signs everyone out, which is the safe direction.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace waymark::web {

class SignIns {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SignIns(std::chrono::minutes idle_timeout) : idle_timeout_(idle_timeout) {}

  // A new token for `account` (never one handed out before, so a token known before signing in
  // is worth nothing after).
  std::string start(const std::string& account, Clock::time_point now = Clock::now());
  // The account the token signs in, renewing its idle time; nothing for an unknown, ended or
  // expired token (which is then forgotten).
  std::optional<std::string> account(const std::string& token, Clock::time_point now = Clock::now());
  void end(const std::string& token);
  // Ends every sign-in of an account (disabled, or its password reset).
  void end_all(const std::string& account);

 private:
  struct SignedIn {
    std::string account;
    Clock::time_point last_used;
  };
  void forget_expired(Clock::time_point now);

  std::chrono::minutes idle_timeout_;
  std::map<std::string, SignedIn> by_token_;
  Clock::time_point last_sweep_{};
};

}  // namespace waymark::web
