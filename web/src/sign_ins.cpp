#include "sign_ins.h"

#include <waymark/sha256.h>
#include <waymark/store.h>

#include <map>

#include "csrf.h"

namespace waymark::web {

namespace {

class MemorySignIns final : public SignIns {
 public:
  using Clock = std::chrono::steady_clock;
  explicit MemorySignIns(std::chrono::minutes idle_timeout) : idle_timeout_(idle_timeout) {}

  std::string start(const std::string& account) override {
    const auto now = Clock::now();
    forget_expired(now);
    std::string token = random_hex(32);
    by_token_[token] = {account, now};
    return token;
  }

  std::optional<std::string> account(const std::string& token) override {
    const auto found = by_token_.find(token);
    if (found == by_token_.end()) return std::nullopt;
    const auto now = Clock::now();
    if (now - found->second.last_used > idle_timeout_) {
      by_token_.erase(found);
      return std::nullopt;
    }
    found->second.last_used = now;
    return found->second.account;
  }

  void end(const std::string& token) override { by_token_.erase(token); }

  void end_all(const std::string& account) override {
    std::erase_if(by_token_, [&](const auto& entry) { return entry.second.account == account; });
  }

 private:
  struct SignedIn {
    std::string account;
    Clock::time_point last_used;
  };

  // Tokens abandoned without signing out would otherwise be kept until a restart: sweep them,
  // at most once a minute so signing in stays cheap.
  void forget_expired(Clock::time_point now) {
    if (now - last_sweep_ < std::chrono::minutes(1)) return;
    last_sweep_ = now;
    std::erase_if(by_token_, [&](const auto& entry) { return now - entry.second.last_used > idle_timeout_; });
  }

  std::chrono::minutes idle_timeout_;
  std::map<std::string, SignedIn> by_token_;
  Clock::time_point last_sweep_{};
};

class StoreSignIns final : public SignIns {
 public:
  StoreSignIns(Store& store, std::chrono::minutes idle_timeout) : store_(store), idle_seconds_(idle_timeout.count() * 60) {}

  std::string start(const std::string& account) override {
    const std::int64_t now = seconds_now();
    if (now - last_sweep_ >= 60) {
      last_sweep_ = now;
      store_.end_web_sign_ins_unused_since(now - idle_seconds_);
    }
    std::string token = random_hex(32);
    store_.add_web_sign_in(sha256_hex(token), {account, now});
    return token;
  }

  std::optional<std::string> account(const std::string& token) override {
    const std::string hash = sha256_hex(token);
    auto signed_in = store_.web_sign_in(hash);
    if (!signed_in) return std::nullopt;
    const std::int64_t now = seconds_now();
    if (now - signed_in->last_used > idle_seconds_) {
      store_.end_web_sign_in(hash);
      return std::nullopt;
    }
    store_.touch_web_sign_in(hash, now);
    return std::move(signed_in->account);
  }

  void end(const std::string& token) override { store_.end_web_sign_in(sha256_hex(token)); }
  void end_all(const std::string& account) override { store_.end_web_sign_ins_of(account); }

 private:
  static std::int64_t seconds_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  Store& store_;
  std::int64_t idle_seconds_;
  std::int64_t last_sweep_ = 0;
};

}  // namespace

std::unique_ptr<SignIns> memory_sign_ins(std::chrono::minutes idle_timeout) {
  return std::make_unique<MemorySignIns>(idle_timeout);
}

std::unique_ptr<SignIns> store_sign_ins(Store& store, std::chrono::minutes idle_timeout) {
  return std::make_unique<StoreSignIns>(store, idle_timeout);
}

}  // namespace waymark::web
