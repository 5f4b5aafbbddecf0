#include "port_owner.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace waymark::web {

namespace fs = std::filesystem;

namespace {

// The inodes of the sockets listening on `port`, from a /proc/net/tcp-style table.
void listening_inodes(const fs::path& table, int port, std::set<std::string>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // the header
  constexpr const char* listen_state = "0A";
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    if (!(fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode))
      continue;
    const auto colon = local.rfind(':');
    if (colon == std::string::npos || state != listen_state) continue;
    if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
  }
}

// The command line of a process, its NULs as spaces.
std::string command_line(const fs::path& process) {
  std::ifstream in(process / "cmdline", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && text.back() == '\0') text.pop_back();
  for (char& c : text)
    if (c == '\0') c = ' ';
  return text;
}

}  // namespace

std::optional<std::string> port_listener(int port) {
  std::set<std::string> inodes;
  listening_inodes("/proc/net/tcp", port, inodes);
  listening_inodes("/proc/net/tcp6", port, inodes);
  if (inodes.empty()) return std::nullopt;
  std::error_code error;
  try {  // a process can end while its folder is read
    for (const auto& process : fs::directory_iterator("/proc", error)) {
      const std::string pid = process.path().filename().string();
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      std::error_code unreadable;  // another user's process: skipped
      for (const auto& fd : fs::directory_iterator(process.path() / "fd", unreadable)) {
        std::error_code gone;
        const std::string target = fs::read_symlink(fd.path(), gone).string();
        if (target.starts_with("socket:[") && inodes.contains(target.substr(8, target.size() - 9)))
          return fmt::format("process {} ({})", pid, command_line(process.path()));
      }
    }
  } catch (const fs::filesystem_error&) {
  }
  return std::nullopt;
}

}  // namespace waymark::web
