#include "sign_ins.h"

#include <iterator>

#include "csrf.h"

namespace waymark::web {

std::string SignIns::start(const std::string& account, Clock::time_point now) {
  forget_expired(now);
  std::string token = random_hex(32);
  by_token_[token] = {account, now};
  return token;
}

std::optional<std::string> SignIns::account(const std::string& token, Clock::time_point now) {
  const auto found = by_token_.find(token);
  if (found == by_token_.end()) return std::nullopt;
  if (now - found->second.last_used > idle_timeout_) {
    by_token_.erase(found);
    return std::nullopt;
  }
  found->second.last_used = now;
  return found->second.account;
}

void SignIns::end(const std::string& token) { by_token_.erase(token); }

void SignIns::end_all(const std::string& account) {
  std::erase_if(by_token_, [&](const auto& entry) { return entry.second.account == account; });
}

// Tokens abandoned without signing out would otherwise be kept until a restart: sweep them,
// at most once a minute so signing in stays cheap.
void SignIns::forget_expired(Clock::time_point now) {
  if (now - last_sweep_ < std::chrono::minutes(1)) return;
  last_sweep_ = now;
  std::erase_if(by_token_, [&](const auto& entry) { return now - entry.second.last_used > idle_timeout_; });
}

}  // namespace waymark::web
