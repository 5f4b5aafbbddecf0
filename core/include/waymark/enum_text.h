/// Enums written as words (in policies, records, saved sessions, the CLI and Python), one way for
/// all of them: a table next to the enum pairs each value with its word, and
///   to_string(value)  gives the word ("?" for a value missing from the table);
///   parse<Enum>(word) gives the value, or nothing for any other word.
/// An enum takes part by specialising EnumWords beside its declaration:
///   template <> struct EnumWords<Judgement> {
///     static constexpr std::pair<Judgement, std::string_view> table[] = {{Judgement::accept, "accept"}, ...};
///   };
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace waymark {

template <class Enum>
struct EnumWords;

template <class Enum>
concept WordedEnum = std::is_enum_v<Enum> && requires { EnumWords<Enum>::table; };

template <WordedEnum Enum>
constexpr std::string_view to_string(Enum value) noexcept {
  for (const auto& [known, word] : EnumWords<Enum>::table)
    if (known == value) return word;
  return "?";
}

template <WordedEnum Enum>
constexpr std::optional<Enum> parse(std::string_view word) noexcept {
  for (const auto& [value, known] : EnumWords<Enum>::table)
    if (known == word) return value;
  return std::nullopt;
}

}  // namespace waymark
