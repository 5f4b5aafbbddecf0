// The browsers signed in to the page: each holds a random token in its cookie, which names its
// account until it signs out or is left unused for the idle timeout. Kept in memory for one
// `waymark serve` (a restart signs everyone out, the safe direction), or in a team's PostgreSQL
// store, by the token's hash, so every `serve` behind a load balancer knows them.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace waymark {
class Store;
}

namespace waymark::web {

class SignIns {
 public:
  virtual ~SignIns() = default;
  // A new token for `account` (never one handed out before, so a token known before signing in
  // is worth nothing after).
  virtual std::string start(const std::string& account) = 0;
  // The account the token signs in, renewing its idle time; nothing for an unknown, ended or
  // expired token (which is then forgotten).
  virtual std::optional<std::string> account(const std::string& token) = 0;
  virtual void end(const std::string& token) = 0;
  // Ends every sign-in of an account (disabled, or its password reset).
  virtual void end_all(const std::string& account) = 0;
};

std::unique_ptr<SignIns> memory_sign_ins(std::chrono::minutes idle_timeout);
// `store` must outlive them, and be used only under the server's lock.
std::unique_ptr<SignIns> store_sign_ins(Store& store, std::chrono::minutes idle_timeout);

}  // namespace waymark::web
