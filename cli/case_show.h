// `waymark case show`: a case's timeline, as words for the terminal or as one HTML file.
#pragma once

#include <waymark/timeline.h>

#include <string>

namespace waymark::cli {

// A self-contained HTML page: the picture, its words and its tables, with a few lines of style
// of its own, so it opens and prints anywhere without fetching anything.
std::string timeline_page(const TimelineData& timeline);
// The timeline in words: what it shows, the windows counted, and the open actions.
std::string timeline_words(const TimelineData& timeline);

}  // namespace waymark::cli
