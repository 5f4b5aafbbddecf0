#include "case_show.h"

#include <fmt/format.h>
#include <waymark/xml_text.h>

#include "store_support.h"

namespace waymark::cli {

std::string timeline_page(const TimelineData& timeline) {
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeline: {0}</title>
<style>
body {{ font-family: Arial, sans-serif; color: #0b0c0c; max-width: 980px; margin: 1em auto; padding: 0 10px; }}
figure {{ margin: 0 0 1em; }}
table {{ border-collapse: collapse; margin: 1em 0; width: 100%; }}
caption {{ text-align: left; font-weight: bold; padding: 0.5em 0; }}
th, td {{ border-bottom: 1px solid #b1b4b6; padding: 4px 8px 4px 0; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<h1>Timeline: {0}</h1>
{1}</body>
</html>
)",
                     xml_escaped(timeline.title), timeline_html(timeline));
}

std::string timeline_words(const TimelineData& timeline) {
  std::string out = fmt::format("Timeline: {}\n\n{}\n", printable(timeline.title), timeline_summary(timeline));
  if (!timeline.windows.empty()) out += "\nWindows the policy counted (latest record):\n";
  for (const CountedWindow& w : timeline.windows)
    out += fmt::format("  {:g} {} from {} to {} ({})\n", w.count, printable(timeline_kind_label(timeline, w.kind)),
                       w.from.iso(), w.to.iso(), w.function);
  if (!timeline.actions.empty()) out += "\nOpen actions:\n";
  for (const TimelineAction& a : timeline.actions)
    out += fmt::format("  {:<10} {}{}\n", a.due ? a.due->iso() : "no date", printable(a.text),
                       a.due && *a.due < timeline.today ? "  OVERDUE" : "");
  out += "\nFor the picture: waymark case show REF --format html --out FILE\n";
  return out;
}

}  // namespace waymark::cli
