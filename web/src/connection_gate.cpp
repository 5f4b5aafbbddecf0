#include "connection_gate.h"

namespace waymark::web {

std::optional<ConnectionGate::Ticket> ConnectionGate::enter(const std::string& address) {
  std::lock_guard lock(mutex_);
  std::size_t& from_address = per_address_[address];
  if (total_ >= total_cap_ || (from_address >= per_address_cap_ && !shared_.contains(address))) {
    if (from_address == 0) per_address_.erase(address);
    return std::nullopt;
  }
  ++total_;
  ++from_address;
  return Ticket(*this, address);
}

void ConnectionGate::leave(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  if (const auto found = per_address_.find(address); found != per_address_.end() && --found->second == 0)
    per_address_.erase(found);
}

std::size_t ConnectionGate::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

}  // namespace waymark::web
