// Runs independent jobs on the machine's cores. Parsing policy files is most of a command's
// start-up, and each file parses on its own, so they are parsed side by side.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace waymark::detail {

// Calls job(i) once for every i in [0, count), on up to one thread per core, and returns when
// all are done. The first exception a job throws is rethrown here, after every thread has ended.
template <class Job>
void for_each_index_in_parallel(std::size_t count, const Job& job) {
  const std::size_t threads = std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard lock(failure_lock);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();  // this thread takes its share too
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace waymark::detail
