#include <waymark/date.h>

#include <fmt/format.h>

#include <charconv>

namespace waymark {

using namespace std::chrono;

std::optional<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return Date{std::chrono::sys_days{ymd}};
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len, int& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc{} && end == text.data() + at + len;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d) || m < 1 || d < 1) return std::nullopt;
  return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

Date Date::today() { return Date{floor<std::chrono::days>(system_clock::now())}; }

std::string Date::iso() const {
  const year_month_day ymd{days_};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date Date::plus_months(int months) const {
  const year_month_day ymd{days_};
  year_month_day shifted = ymd + std::chrono::months{months};
  if (!shifted.ok()) shifted = shifted.year() / shifted.month() / last;
  return Date{std::chrono::sys_days{shifted}};
}

}  // namespace waymark
