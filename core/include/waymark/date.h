/// Calendar dates, as used for effective dates, review dates and due dates.
#pragma once

#include <waymark/export.h>

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

/// A calendar date without a time of day (days since 1970-01-01).
class WAYMARK_EXPORT Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}

  /// Builds a date from year, month (1-12) and day; returns nothing if it is not a real date.
  static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
  /// Parses `YYYY-MM-DD`; returns nothing unless the text is exactly a real date.
  static std::optional<Date> parse(std::string_view text);
  /// Today's date in UTC.
  static Date today();

  /// `YYYY-MM-DD`.
  std::string iso() const;
  /// Days since 1970-01-01, the compact form used inside conditions.
  constexpr int days_since_epoch() const { return static_cast<int>(days_.time_since_epoch().count()); }
  constexpr std::chrono::sys_days days() const { return days_; }

  Date plus_days(int days) const { return Date{days_ + std::chrono::days{days}}; }
  /// Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
  Date plus_months(int months) const;

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  std::chrono::sys_days days_{};
};

}  // namespace waymark
