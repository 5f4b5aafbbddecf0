#include "password_input.h"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli_support.h"

namespace waymark::cli {

namespace {

// One line typed at the terminal with echo off; echo comes back even if reading fails.
std::string read_hidden(const std::string& prompt) {
  fmt::print(stderr, "{}", prompt);
  std::fflush(stderr);
  termios before{};
  const bool have_terminal = tcgetattr(STDIN_FILENO, &before) == 0;
  if (have_terminal) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;  // the new line still shows, so the next prompt starts on its own line
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (have_terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
  if (!read) throw Failure{exit_bad_input, "\nwaymark: error: no password was typed; nothing was changed"};
  return line;
}

}  // namespace

std::string read_new_password(const std::string& account) {
  if (isatty(STDIN_FILENO)) {
    std::string first = read_hidden(fmt::format("New password for {}: ", account));
    if (read_hidden("The same again: ") != first)
      throw Failure{exit_bad_input, "waymark: error: the two passwords differ; nothing was changed"};
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line))
    throw Failure{exit_bad_input, fmt::format("waymark: error: no password on stdin for {} (give it as one line, "
                                              "or run at a terminal to be asked); nothing was changed",
                                              account)};
  if (!line.empty() && line.back() == '\r') line.pop_back();  // a file written on Windows
  return line;
}

}  // namespace waymark::cli
