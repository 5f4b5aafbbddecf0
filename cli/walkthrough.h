// The interactive walk-through: one question at a time on a terminal (or a pipe).
#pragma once

#include <waymark/session.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>

namespace waymark::cli {

struct WalkthroughOptions {
  // Where to offer to save the evidence record (asked for when empty).
  std::filesystem::path record_path;
  bool force_overwrite = false;
  // Files the finished record with its case (empty: the record is only offered as a file).
  std::function<void(const std::string& record_json)> store_record;
};

// Runs the walk-through to the end of the questions, the practitioner's judgements and the
// record, or until the input ends. Returns the exit code.
int run_walkthrough(Session& session, const WalkthroughOptions& options);

}  // namespace waymark::cli
