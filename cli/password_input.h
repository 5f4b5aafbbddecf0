// Reading a new password: never from the command line (it would be in the shell's history and
// in `ps`), but typed without echo at a terminal, or one line of stdin from a script.
#pragma once

#include <string>

namespace waymark::cli {

// At a terminal: asks twice on stderr, without echo, and refuses two that differ. Otherwise the
// first line of stdin. Throws Failure (exit 2) when there is none.
std::string read_new_password(const std::string& account);

}  // namespace waymark::cli
