// The timeline picture. Black and white by design: a kind is told by its row and its shape, a
// corrected event by a hollow struck-through mark, an overdue action by a filled flag and the word,
// a counted window by a labelled bracket, an erasure by a hatched gap that says so.
#include <fmt/format.h>
#include <waymark/xml_text.h>

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "svg_writer.h"
#include "timeline_model.h"

namespace waymark {

namespace {

using detail::TimelineMark;
using detail::TimelineModel;

constexpr double width = 960, plot_left = 210, plot_right = 944;
constexpr double axis_y = 28, rows_top = 36, row_height = 40, window_height = 30, mark_size = 6;
constexpr const char* ink = "#0b0c0c";
constexpr const char* rule = "#b1b4b6";

// Where dates fall across the picture: each day is a slot of equal width.
class Scale {
 public:
  Scale(Date first, Date last)
      : first_(first.days_since_epoch()),
        per_day_((plot_right - plot_left) / (last.days_since_epoch() - first.days_since_epoch() + 1)) {}
  double start(Date d) const { return plot_left + (d.days_since_epoch() - first_) * per_day_; }
  double end(Date d) const { return start(d) + per_day_; }
  double mid(Date d) const { return start(d) + per_day_ / 2; }
  double per_day() const { return per_day_; }

 private:
  int first_;
  double per_day_;
};

using Svg = detail::SvgWriter;

// A filled or hollow shape centred on (x, y); each row of kinds has its own, so a black-and-white
// print still tells them apart.
std::string shape_path(std::size_t row, double x, double y) {
  const double r = mark_size;
  switch (row % 6) {
    case 0:
      return fmt::format("M{:.1f} {:.1f}a{} {} 0 1 0 {} 0a{} {} 0 1 0 {} 0z", x - r, y, r, r, 2 * r, r, r, -2 * r);
    case 1: return fmt::format("M{:.1f} {:.1f}h{}v{}h{}z", x - r, y - r, 2 * r, 2 * r, -2 * r);
    case 2: return fmt::format("M{:.1f} {:.1f}l{} {}h{}z", x, y - r, r, 2 * r, -2 * r);
    case 3: return fmt::format("M{:.1f} {:.1f}l{} {}l{} {}l{} {}z", x, y - r, r, r, -r, r, -r, -r);
    case 4: return fmt::format("M{:.1f} {:.1f}l{} {}h{}z", x, y + r, r, -2 * r, -2 * r);
    default:  // a plus
      return fmt::format("M{:.1f} {:.1f}h{}v{}h{}v{}h{}v{}h{}v{}h{}v{}h{}z", x - r / 3, y - r, 2 * r / 3, 2 * r / 3,
                         2 * r / 3, 2 * r / 3, -2 * r / 3, 2 * r / 3, -2 * r / 3, -2 * r / 3, -2 * r / 3, -2 * r / 3,
                         2 * r / 3);
  }
}

double row_top(std::size_t row) { return rows_top + static_cast<double>(row) * row_height; }

void draw_axis(Svg& svg, const Scale& scale, Date first, Date last, double bottom) {
  using namespace std::chrono;
  const int span = last.days_since_epoch() - first.days_since_epoch() + 1;
  // Ticks at the start of weeks, months, quarters or years: the finest that gives at most nine.
  const year_month_day a{first.days()};
  const auto tick_dates = [&](int months) {
    std::vector<Date> ticks;
    Date d{sys_days{a.year() / a.month() / 1}};
    if (months == 12) d = Date{sys_days{a.year() / January / 1}};
    if (months == 3) d = Date{sys_days{a.year() / month((static_cast<unsigned>(a.month()) - 1) / 3 * 3 + 1) / 1}};
    for (; d <= last; d = d.plus_months(months))
      if (d >= first) ticks.push_back(d);
    return ticks;
  };
  std::vector<Date> ticks;
  int unit = 0;  // months between ticks; 0 for weeks
  if (span <= 63) {
    for (Date d = first; d <= last; d = d.plus_days(1))
      if (weekday{d.days()} == Monday) ticks.push_back(d);
  } else {
    for (int months : {1, 3, 12})
      if ((ticks = tick_dates(unit = months)).size() <= 9) break;
    // Decades and more: every n-th year.
    if (ticks.size() > 9) {
      const std::size_t every = (ticks.size() + 8) / 9;
      std::vector<Date> thinned;
      for (std::size_t i = 0; i < ticks.size(); i += every) thinned.push_back(ticks[i]);
      ticks = std::move(thinned);
    }
  }
  svg.add("<g class=\"wm-axis\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>", plot_left, axis_y,
          plot_right, axis_y, ink);
  for (const Date d : ticks) {
    const double x = scale.start(d);
    svg.add("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"{3}\"/>", x, axis_y - 4, bottom, rule);
    const year_month_day ymd{d.days()};
    const std::string label =
        unit == 0    ? d.iso()
        : unit == 12 ? std::to_string(static_cast<int>(ymd.year()))
                     : fmt::format("{} {}", detail::month_name(ymd.month()).substr(0, 3), static_cast<int>(ymd.year()));
    svg.add("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x, axis_y - 8, label);
  }
  svg.add("</g>\n");
}

std::string event_title(const TimelineData& data, const TimelineEvent& e) {
  std::string t = e.event.date.iso();
  const auto add = [&](auto&&... parts) { (t.append(parts), ...); };
  if (e.event.minute_of_day) add(" ", format_time_of_day(*e.event.minute_of_day));
  add(" ", detail::kind_words(data, e.event.kind));
  if (e.id) add(fmt::format(" (event {})", e.id));
  if (!e.event.agency.empty()) add(". Agency: ", e.event.agency);
  if (!e.event.reason.empty()) add(". Reason: ", e.event.reason);
  if (!e.event.note.empty()) add(". Note: ", e.event.note);
  if (e.corrects) add(fmt::format(". Corrects event {}", *e.corrects));
  if (e.corrected_by) add(fmt::format(". Corrected by event {}", *e.corrected_by));
  return t;
}

void draw_events(Svg& svg, const TimelineData& data, const TimelineModel& model, const Scale& scale) {
  // Marks of one kind on one day are fanned out up and down the row, so each stays visible.
  std::unordered_map<std::int64_t, std::pair<double, double>> where;  // event id -> mark centre
  std::size_t same_day = 0;
  const TimelineMark* previous = nullptr;
  svg.add("<g class=\"wm-events\">\n");
  for (const TimelineMark& mark : model.marks) {
    same_day = previous && previous->row == mark.row && previous->date == mark.date ? same_day + 1 : 0;
    previous = &mark;
    const TimelineEvent& e = *mark.event;
    const double x = scale.mid(mark.date);
    static constexpr double fan[] = {0, -11, 11};
    const double y = row_top(mark.row) + row_height / 2 + fan[same_day % 3];
    if (e.id) where[e.id] = {x, y};
    const bool corrected = e.corrected_by.has_value();
    svg.add(
        "<path class=\"wm-event\" data-kind=\"{}\" data-date=\"{}\" data-count=\"1\"{} d=\"{}\" fill=\"{}\" "
        "stroke=\"{}\"><title>",
        e.event.kind, e.event.date.iso(), corrected ? " data-corrected=\"true\"" : "", shape_path(mark.row, x, y),
        corrected ? "#ffffff" : ink, ink);
    svg.text(event_title(data, e));
    svg.add("</title></path>\n");
    if (corrected)  // struck through: superseded, kept visible
      svg.add("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
              x - mark_size - 2, y + mark_size + 2, x + mark_size + 2, y - mark_size - 2, ink);
  }
  // Each correction is joined to the event it corrects.
  for (const TimelineMark& mark : model.marks) {
    const TimelineEvent& e = *mark.event;
    if (!e.corrects || !where.contains(*e.corrects) || !where.contains(e.id)) continue;
    const auto [x1, y1] = where[e.id];
    const auto [x2, y2] = where[*e.corrects];
    svg.add(
        "<line class=\"wm-correction\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-dasharray=\"2 2\"><title>Event {} corrects event {}</title></line>\n",
        x1, y1, x2, y2, ink, e.id, *e.corrects);
  }
  svg.add("</g>\n");
}

void draw_groups(Svg& svg, const TimelineData& data, const TimelineModel& model, const Scale& scale) {
  std::vector<std::int64_t> most(model.kinds.size(), 1);
  for (const auto& m : model.marks) most[m.row] = std::max(most[m.row], m.count);
  svg.add("<g class=\"wm-events\">\n");
  for (const TimelineMark& mark : model.marks) {
    const double x = scale.start(mark.date);
    const double w = std::max(1.0, scale.end(detail::period_end(mark.date, model.grouping)) - x - 1);
    // Bar height by count within the row; the number is written on it where there is room.
    const double h = 4 + (row_height - 20) * static_cast<double>(mark.count) / static_cast<double>(most[mark.row]);
    const double bottom = row_top(mark.row) + row_height - 4;
    svg.add(
        "<rect class=\"wm-event\" data-kind=\"{}\" data-date=\"{}\" data-count=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
        "width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>",
        model.kinds[mark.row], mark.date.iso(), mark.count, x, bottom - h, w, h, ink);
    svg.text(fmt::format("{}: {} {}", detail::period_text(mark.date, model.grouping), mark.count,
                         detail::kind_words(data, model.kinds[mark.row])));
    svg.add("</title></rect>\n");
    if (w >= 18)
      svg.add("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", x + w / 2,
              bottom - h - 2, mark.count);
  }
  svg.add("</g>\n");
}

std::string window_words(const TimelineData& data, const CountedWindow& w) {
  return fmt::format("{} {} counted from {} to {} ({})", detail::count_text(w.count), detail::kind_words(data, w.kind),
                     w.from.iso(), w.to.iso(), w.function);
}

void draw_windows(Svg& svg, const TimelineData& data, const TimelineModel& model, const Scale& scale, double top) {
  svg.add("<g class=\"wm-windows\">\n");
  for (std::size_t i = 0; i < data.windows.size(); ++i) {
    const CountedWindow& w = data.windows[i];
    const std::size_t row =
        static_cast<std::size_t>(std::find(model.kinds.begin(), model.kinds.end(), w.kind) - model.kinds.begin());
    const double x1 = scale.start(w.from), x2 = scale.end(w.to);
    const double y = top + static_cast<double>(i) * window_height + 20;
    svg.add(
        "<g class=\"wm-window\" data-function=\"{}\" data-kind=\"{}\" data-from=\"{}\" data-to=\"{}\" "
        "data-count=\"{}\"><title>",
        w.function, w.kind, w.from.iso(), w.to.iso(), detail::count_text(w.count));
    svg.text(window_words(data, w));
    svg.add("</title>");
    // The window outlined on its kind's row, and a bracket below the rows with its count.
    svg.add(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"none\" stroke=\"{}\" "
        "stroke-dasharray=\"5 3\"/>",
        x1, row_top(row) + 2, std::max(1.0, x2 - x1), row_height - 4, ink);
    svg.add("<path d=\"M{0:.1f} {1:.1f}v6H{2:.1f}v-6\" fill=\"none\" stroke=\"{3}\" stroke-width=\"1.5\"/>", x1, y - 6,
            x2, ink);
    const bool right_side = x1 > (plot_left + plot_right) / 2;
    svg.add("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">", right_side ? x2 : x1, y - 9,
            right_side ? "end" : "start");
    svg.text(window_words(data, w));
    svg.add("</text>");
    svg.add("<text x=\"8\" y=\"{:.1f}\">", y - 4);
    svg.text("Counted: " + detail::kind_words(data, w.kind));
    svg.add("</text></g>\n");
  }
  svg.add("</g>\n");
}

void draw_actions(Svg& svg, const TimelineData& data, const Scale& scale, double top) {
  svg.add("<g class=\"wm-actions\"><text x=\"8\" y=\"{:.1f}\" font-weight=\"bold\">Actions due</text>\n",
          top + row_height / 2 + 4);
  for (const TimelineAction& a : data.actions) {
    if (!a.due) continue;
    const bool overdue = *a.due < data.today;
    const double x = scale.mid(*a.due), y = top + row_height / 2;
    // A flag: filled when overdue, hollow when still to come.
    svg.add(
        "<path class=\"wm-action\" data-date=\"{}\" data-overdue=\"{}\" d=\"M{:.1f} {:.1f}v-18l12 5l-12 5\" "
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"><title>",
        a.due->iso(), overdue, x, y + 10, overdue ? ink : "#ffffff", ink);
    svg.text(fmt::format("{} {}: {}", overdue ? "Overdue since" : "Due", a.due->iso(), a.text));
    svg.add("</title></path>");
    if (overdue) svg.add("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">overdue</text>", x + 3, y + 20);
    svg.add("\n");
  }
  svg.add("</g>\n");
}

void draw_gaps(Svg& svg, const TimelineData& data, const Scale& scale, double bottom) {
  const std::string hatch = xml_escaped(data.id) + "-hatch";
  for (const TimelineGap& g : data.gaps) {
    const double x1 = scale.start(g.from), x2 = scale.end(g.to);
    svg.add(
        "<g class=\"wm-gap\" data-from=\"{}\" data-to=\"{}\"><rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" "
        "height=\"{:.1f}\" fill=\"url(#{})\" stroke=\"{}\"/><text x=\"{:.1f}\" y=\"{}\" font-weight=\"bold\">",
        g.from.iso(), g.to.iso(), x1, rows_top, std::max(2.0, x2 - x1), bottom - rows_top, hatch, ink, x1 + 3, rows_top + 14);
    svg.text(g.label);
    svg.add("</text></g>\n");
  }
}

}  // namespace

std::string timeline_svg(const TimelineData& data) {
  const TimelineModel model = detail::build_timeline_model(data);
  // An empty picture still shows a fortnight around today.
  const Date first = model.first == model.last ? model.first.plus_days(-7) : model.first;
  const Date last = model.first == model.last ? model.last.plus_days(7) : model.last;
  const Scale scale(first, last);
  const bool dated_actions =
      std::ranges::any_of(data.actions, [](const TimelineAction& a) { return a.due.has_value(); });
  const double rows_bottom = row_top(model.kinds.size()) + (dated_actions ? row_height : 0);
  const double height = rows_bottom + static_cast<double>(data.windows.size()) * window_height + 34;

  const std::string id = xml_escaped(data.id);
  Svg svg;
  svg.out.reserve(256 + model.marks.size() * 220);
  svg.add(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"waymark-timeline{4}\" viewBox=\"0 0 {0} {1:.0f}\" "
      "width=\"100%\" role=\"img\" aria-labelledby=\"{3}-title {3}-desc\" "
      "font-family=\"Arial, sans-serif\" font-size=\"12\" fill=\"{2}\">\n<title id=\"{3}-title\">",
      width, height, ink, id, data.recent ? " waymark-timeline--recent" : "");
  svg.text("Timeline: " + data.title);
  svg.add("</title>\n<desc id=\"{}-desc\">", id);
  svg.text(timeline_summary(data));
  svg.add(
      "</desc>\n<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" "
      "x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"1.5\"/></pattern></defs>\n",
      id, ink);

  draw_axis(svg, scale, first, last, rows_bottom);
  svg.add("<g class=\"wm-rows\">\n");
  for (std::size_t row = 0; row < model.kinds.size(); ++row) {
    const double top = row_top(row);
    svg.add("<line x1=\"0\" y1=\"{0:.1f}\" x2=\"{1}\" y2=\"{0:.1f}\" stroke=\"{2}\"/>", top + row_height, width, rule);
    svg.add("<path d=\"{}\" fill=\"{}\"/><text x=\"22\" y=\"{:.1f}\">", shape_path(row, 10, top + row_height / 2), ink,
            top + row_height / 2 + 4);
    svg.text(fmt::format("{} ({})", detail::kind_label(data, model.kinds[row]), model.kind_totals[row]));
    svg.add("</text>\n");
  }
  if (model.kinds.empty())
    svg.add("<text x=\"{}\" y=\"{}\">No events recorded.</text>\n", plot_left, rows_top + row_height / 2);
  svg.add("</g>\n");

  draw_gaps(svg, data, scale, rows_bottom);
  if (model.grouping == TimelineGrouping::event)
    draw_events(svg, data, model, scale);
  else
    draw_groups(svg, data, model, scale);
  if (dated_actions) draw_actions(svg, data, scale, row_top(model.kinds.size()));
  draw_windows(svg, data, model, scale, rows_bottom);

  // Today: a heavy dashed line across everything, labelled at the foot.
  const double x = scale.mid(data.today);
  svg.add(
      "<g class=\"wm-today\" data-date=\"{0}\"><line x1=\"{1:.1f}\" y1=\"{2}\" x2=\"{1:.1f}\" y2=\"{3:.1f}\" "
      "stroke=\"{4}\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><text x=\"{1:.1f}\" y=\"{5:.1f}\" "
      "text-anchor=\"{6}\" font-weight=\"bold\">Today {0}</text></g>\n",
      data.today.iso(), x, axis_y, height - 20, ink, height - 6,
      x > plot_right - 60 ? "end" : (x < plot_left + 60 ? "start" : "middle"));
  svg.add("</svg>\n");
  return std::move(svg.out);
}

}  // namespace waymark
