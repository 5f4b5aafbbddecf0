/// Reading a file a user names (a policy, answers, scenarios, a record, a saved session): only a
/// regular file, and only up to a size no real one reaches, so /dev/zero or a FIFO named by
/// mistake gets a clear refusal instead of filling memory or hanging.
#pragma once

#include <waymark/export.h>

#include <cstddef>
#include <filesystem>
#include <string>

namespace waymark {

/// The largest file read: far above any policy or answers file (the largest bundled policy is
/// tens of kilobytes).
inline constexpr std::size_t max_input_file_bytes = std::size_t{16} << 20;

/// The file's text, or "" with `problem` set to why it cannot be read, worded to follow the
/// file's name: "is not a regular file (a folder, FIFO or device)", "is larger than 16 MiB",
/// "cannot be opened (No such file or directory)".
struct InputFile {
  std::string text;
  std::string problem;
  explicit operator bool() const noexcept { return problem.empty(); }
};

WAYMARK_EXPORT InputFile read_input_file(const std::filesystem::path& path);

}  // namespace waymark
