// Waymark's C++ errors become the Python exceptions defined in waymark/_errors.py.
#pragma once

#include <waymark/error.h>

#include <cstddef>

namespace waymark::python {

/// An AnswerError in one answer set of a batch: Python sees AnswerError with `.index` set.
class BatchAnswerError : public AnswerError {
 public:
  BatchAnswerError(std::size_t index, const AnswerError& error)
      : AnswerError(error.question_id(), error.reason()), index_(index) {}
  std::size_t index() const noexcept { return index_; }

 private:
  std::size_t index_;
};

}  // namespace waymark::python
