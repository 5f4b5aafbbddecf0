// Counts the connections being served, in all and per client address, and admits a new one only
// while both are under their caps.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <vector>
#include <utility>
#include <string>

namespace waymark::web {

class ConnectionGate {
 public:
  // `shared` addresses (a trusted proxy's) are held only to the total cap.
  ConnectionGate(std::size_t total, std::size_t per_address, const std::vector<std::string>& shared = {})
      : total_cap_(total), per_address_cap_(per_address), shared_(shared.begin(), shared.end()) {}

  // Held while a connection is served; leaving frees its place.
  class Ticket {
   public:
    Ticket(ConnectionGate& gate, std::string address) : gate_(&gate), address_(std::move(address)) {}
    Ticket(Ticket&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)), address_(std::move(other.address_)) {}
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (gate_) gate_->leave(address_);
    }

   private:
    ConnectionGate* gate_;
    std::string address_;
  };

  // A ticket, or nothing when the server or this address already has all it may.
  std::optional<Ticket> enter(const std::string& address);

  std::size_t open() const;

 private:
  void leave(const std::string& address);

  const std::size_t total_cap_;
  const std::size_t per_address_cap_;
  const std::set<std::string> shared_;
  mutable std::mutex mutex_;
  std::size_t total_ = 0;
  std::map<std::string, std::size_t> per_address_;
};

}  // namespace waymark::web
