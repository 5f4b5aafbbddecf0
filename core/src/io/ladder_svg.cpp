// The ladder picture. Black and white by design: a step's state is told by its marker's shape and
// by words ("Done", "You are here", "If this continues"), never by colour alone.
#include <fmt/format.h>
#include <waymark/ladder.h>
#include <waymark/utf8.h>
#include <waymark/xml_text.h>

#include <iterator>

#include "svg_writer.h"

namespace waymark {

namespace {

constexpr double width = 720, marker_x = 30, text_x = 64, text_right = 704, top = 12;
constexpr double title_size = 15, words_size = 13, line_gap = 5, step_gap = 22, marker_r = 12;
constexpr const char* ink = "#0b0c0c";
constexpr const char* white = "#ffffff";

// Splits text into lines that fit the picture at this font size. SVG does not wrap text, and the
// width of Arial's letters averages a little over half the font size; a longer word keeps its line.
std::vector<std::string> wrap(std::string_view text, double font_size, bool bold) {
  const auto fits = static_cast<std::size_t>((text_right - text_x) / (font_size * (bold ? 0.53 : 0.49)));
  std::vector<std::string> lines;
  std::string current;
  std::size_t current_chars = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t space = text.find(' ', at);
    if (space == std::string_view::npos) space = text.size();
    const std::string_view word = text.substr(at, space - at);
    at = space + 1;
    const std::size_t chars = count_characters(word);  // characters, not bytes
    if (current_chars > 0 && current_chars + 1 + chars > fits) {
      lines.push_back(std::move(current));
      current.clear();
      current_chars = 0;
    }
    if (current_chars > 0) {
      current += ' ';
      ++current_chars;
    }
    current += word;
    current_chars += chars;
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

// What is written beside a step, after its title.
std::string state_words(const LadderStep& step) {
  switch (step.state) {
    case LadderState::done: return "Done";
    case LadderState::current: return "You are here";
    case LadderState::next: {
      std::string words = "If this continues";
      if (!step.trigger.empty()) words += ": " + step.trigger;
      if (!step.timescale.empty()) words += ". When: " + step.timescale;
      return words;
    }
  }
  return {};
}

struct StepLayout {
  std::vector<std::string> title, words;
  double y = 0;       // top of the step
  double height = 0;  // title and words
};

using Svg = detail::SvgWriter;

void draw_marker(Svg& svg, const LadderStep& step, double cy) {
  switch (step.state) {
    case LadderState::done:  // filled, with a tick
      svg.add(
          "<circle cx=\"{0}\" cy=\"{1:.1f}\" r=\"{2}\" fill=\"{3}\"/><path d=\"M{4} {5:.1f}l4 4l8 -9\" fill=\"none\" "
          "stroke=\"{6}\" stroke-width=\"2.5\"/>",
          marker_x, cy, marker_r, ink, marker_x - 6, cy, white);
      return;
    case LadderState::current:  // a double ring round a dot: the eye finds it first
      svg.add(
          "<circle cx=\"{0}\" cy=\"{1:.1f}\" r=\"{2}\" fill=\"{3}\" stroke=\"{4}\" stroke-width=\"3\"/>"
          "<circle cx=\"{0}\" cy=\"{1:.1f}\" r=\"{5}\" fill=\"{4}\"/>",
          marker_x, cy, marker_r + 3, white, ink, marker_r - 6);
      return;
    case LadderState::next:  // hollow: not reached. No number: the sources number their own steps
      svg.add("<circle cx=\"{}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>", marker_x, cy,
              marker_r, white, ink);
      return;
  }
}

}  // namespace

std::string ladder_svg(const Ladder& ladder) {
  std::vector<StepLayout> layout(ladder.steps.size());
  double y = top;
  for (std::size_t i = 0; i < ladder.steps.size(); ++i) {
    const LadderStep& step = ladder.steps[i];
    StepLayout& l = layout[i];
    l.title = wrap(step.title, title_size, true);
    l.words = wrap(state_words(step), words_size, step.state == LadderState::current);
    l.y = y;
    l.height = static_cast<double>(l.title.size()) * (title_size + line_gap) +
               static_cast<double>(l.words.size()) * (words_size + line_gap);
    y += std::max(l.height, 2 * marker_r + 6) + step_gap;
  }
  const double height = y - step_gap + top;
  const std::string id = xml_escaped("wm-ladder-" + ladder.pathway_id);

  Svg svg;
  svg.out.reserve(1024 + ladder.steps.size() * 600);
  svg.add("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"waymark-ladder\" data-pathway=\"");
  svg.text(ladder.pathway_id);
  svg.add(
      "\" viewBox=\"0 0 {0} {1:.0f}\" width=\"100%\" role=\"img\" "
      "aria-labelledby=\"{2}-title {2}-desc\" font-family=\"Arial, sans-serif\" fill=\"{3}\">\n<title "
      "id=\"{2}-title\">",
      width, height, id, ink);
  svg.text("Pathway: " + ladder.title);
  svg.add("</title>\n<desc id=\"{}-desc\">", id);
  svg.text(ladder_summary(ladder));
  svg.add("</desc>\n");

  // The rail joining the markers: solid up to where the case is, dashed beyond.
  for (std::size_t i = 0; i + 1 < ladder.steps.size(); ++i) {
    const double y1 = layout[i].y + 2 * marker_r + 3, y2 = layout[i + 1].y - 3;
    const bool ahead = ladder.steps[i + 1].state == LadderState::next;
    svg.add("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{0}\" y2=\"{2:.1f}\" stroke=\"{3}\" stroke-width=\"{4}\"{5}/>\n",
            marker_x, y1, y2, ink, ahead ? 2 : 4, ahead ? " stroke-dasharray=\"4 4\"" : "");
  }
  for (std::size_t i = 0; i < ladder.steps.size(); ++i) {
    const LadderStep& step = ladder.steps[i];
    const StepLayout& l = layout[i];
    const bool current = step.state == LadderState::current;
    svg.add("<g class=\"wm-step\" data-step=\"");
    svg.text(step.id);
    svg.add("\" data-state=\"{}\">", to_string(step.state));
    // The current step stands in a box, so it is found at a glance and in print.
    if (current)
      svg.add(
          "<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"/>",
          text_x - 10, l.y - 6, text_right - text_x + 14, std::max(l.height, 2 * marker_r) + 10, ink);
    draw_marker(svg, step, l.y + marker_r);
    double line_y = l.y + title_size;
    for (const std::string& line : l.title) {
      svg.add("<text x=\"{}\" y=\"{:.1f}\" font-size=\"{}\" font-weight=\"bold\">", text_x, line_y, title_size);
      svg.text(line);
      svg.add("</text>");
      line_y += title_size + line_gap;
    }
    line_y += words_size - title_size;
    for (const std::string& line : l.words) {
      svg.add("<text x=\"{}\" y=\"{:.1f}\" font-size=\"{}\"{}>", text_x, line_y, words_size,
              current ? " font-weight=\"bold\"" : "");
      svg.text(line);
      svg.add("</text>");
      line_y += words_size + line_gap;
    }
    svg.add("</g>\n");
  }
  svg.add("</svg>\n");
  return std::move(svg.out);
}

}  // namespace waymark
