#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <waymark/input_file.h>

#include <cerrno>
#include <cstring>

namespace waymark {

InputFile read_input_file(const std::filesystem::path& path) {
  InputFile out;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.problem = fmt::format("cannot be opened ({})", std::strerror(errno));
    return out;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    out.problem = S_ISDIR(info.st_mode) ? "is a folder, not a file" : "is not a regular file (a FIFO, socket or device)";
    return out;
  }
  if (static_cast<std::uintmax_t>(info.st_size) > max_input_file_bytes) {
    out.problem = fmt::format("is larger than {} MiB: it cannot be a Waymark file", max_input_file_bytes >> 20);
    return out;
  }
  // Read to the end, not to st_size (the file may grow), but never past the limit.
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.problem = fmt::format("cannot be read ({})", std::strerror(errno));
      out.text.clear();
      return out;
    }
    if (n == 0) break;
    out.text.append(buffer, static_cast<std::size_t>(n));
    if (out.text.size() > max_input_file_bytes) {
      out.problem = fmt::format("is larger than {} MiB: it cannot be a Waymark file", max_input_file_bytes >> 20);
      out.text.clear();
      return out;
    }
  }
  return out;
}

}  // namespace waymark
