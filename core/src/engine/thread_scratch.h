// Working space kept per thread and reused from call to call: a batch evaluates one answer set
// after another, and allocating policy-sized buffers afresh for each was a large share of its time.
#pragma once

namespace waymark::detail {

// Lends this thread's T for one call. A call made while it is lent (a plugin's function
// evaluating again, part-way through) gets a fresh T of its own instead.
template <class T>
class ThreadScratch {
 public:
  ThreadScratch() : lent_(reused().in_use ? fresh_ : reused()) { lent_.in_use = true; }
  ~ThreadScratch() { lent_.in_use = false; }
  ThreadScratch(const ThreadScratch&) = delete;
  ThreadScratch& operator=(const ThreadScratch&) = delete;

  T& operator*() { return lent_.value; }
  T* operator->() { return &lent_.value; }

 private:
  struct Slot {
    T value;
    bool in_use = false;
  };
  static Slot& reused() {
    thread_local Slot slot;
    return slot;
  }
  Slot fresh_;  // before lent_, so it exists when lent_ may refer to it
  Slot& lent_;
};

}  // namespace waymark::detail
