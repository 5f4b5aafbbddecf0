/// C++ helpers for writing a plugin (header-only; included by <waymark/plugin.h>).
///
///     double percent(double part, double whole) { ... }
///     constexpr WaymarkFunction functions[] = {
///         waymark::plugin::function<percent>("percent", "Part as a percentage of whole."),
///     };
///     WAYMARK_PLUGIN("example", "Example plugin", "1.0.0", functions)
#pragma once

#include <waymark/plugin.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace waymark::plugin {

/// A date as plugin functions see it: days since 1970-01-01.
struct Days {
  std::int32_t since_epoch = 0;
};

/// One chronology event as a plugin function sees it; the texts are valid only during the call.
struct Event {
  std::string_view kind;
  Days date;
  /// Minutes after midnight, or -1 when the time of day is not known.
  std::int32_t minute_of_day = -1;
  std::string_view agency, reason, note, recorded_by;
};

/// Optional first parameter of a function: what the host knows about the call.
struct Context {
  /// The session date.
  Days today;
  /// The host's call (for the chronology); null only in tests that build a Context by hand.
  const WaymarkCall* call = nullptr;

  /// The session's chronology, earliest first (empty when the session has none, or the host
  /// is older than the chronology functions).
  std::vector<Event> events() const {
    std::vector<Event> out;
    if (!call || !WAYMARK_CALL_HAS_EVENTS(call)) return out;
    const std::size_t n = call->event_count(call);
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      WaymarkEvent e{};
      if (call->event_at(call, i, &e) != 0) break;
      auto text = [](WaymarkText t) { return std::string_view(t.data, t.size); };
      out.push_back({text(e.kind), Days{e.date}, e.minute_of_day, text(e.agency), text(e.reason), text(e.note),
                     text(e.recorded_by)});
    }
    return out;
  }

  /// Reports that the function counted `count` events of `kind` dated from `from` to `to` (both
  /// inclusive), so the case's timeline can show the window. Does nothing for an older host.
  void counted(std::string_view kind, Days from, Days to, double count) const {
    if (call && WAYMARK_CALL_HAS_WINDOWS(call)) call->report_window(call, {kind.data(), kind.size()}, from.since_epoch, to.since_epoch, count);
  }
};

/// The policies `waymark_add_plugin(... POLICIES ...)` embedded; defined in the source it generates.
std::span<const WaymarkPolicyText> embedded_policies();

/// Copies `message` into the host's error buffer (cut to fit).
inline void set_error(WaymarkCall* call, std::string_view message) noexcept {
  if (!call || !call->error || call->error_capacity == 0) return;
  const std::size_t n = message.size() < call->error_capacity ? message.size() : call->error_capacity - 1;
  std::memcpy(call->error, message.data(), n);
  call->error[n] = '\0';
}

namespace detail {

template <class T>
struct type_of;
template <>
struct type_of<bool> {
  static constexpr std::int32_t value = WAYMARK_BOOLEAN;
};
template <>
struct type_of<double> {
  static constexpr std::int32_t value = WAYMARK_NUMBER;
};
template <>
struct type_of<std::string_view> {
  static constexpr std::int32_t value = WAYMARK_TEXT;
};
template <>
struct type_of<Days> {
  static constexpr std::int32_t value = WAYMARK_DATE;
};

template <class T>
T read(const WaymarkValue& v) {
  if constexpr (std::is_same_v<T, bool>)
    return v.boolean != 0;
  else if constexpr (std::is_same_v<T, double>)
    return v.number;
  else if constexpr (std::is_same_v<T, std::string_view>)
    return {v.text, v.text_size};
  else
    return Days{v.date};
}

inline WaymarkValue write(bool b) { return {WAYMARK_BOOLEAN, b ? 1 : 0, 0, 0, nullptr, 0}; }
inline WaymarkValue write(double n) { return {WAYMARK_NUMBER, 0, n, 0, nullptr, 0}; }
inline WaymarkValue write(Days d) { return {WAYMARK_DATE, 0, 0, d.since_epoch, nullptr, 0}; }

// The declared types of `R f(A...)`, or of `R f(Context, A...)` (the context is not an argument).
template <class F>
struct signature;
template <class R, class... A>
struct signature<R (*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
  static constexpr bool with_context = false;
};
template <class R, class... A>
struct signature<R (*)(Context, A...)> {
  using result = R;
  using args = std::tuple<A...>;
  static constexpr bool with_context = true;
};

// One spare element so that a function without parameters still has a valid array.
template <class Tuple>
struct parameter_types;
template <class... A>
struct parameter_types<std::tuple<A...>> {
  static constexpr std::int32_t values[sizeof...(A) + 1] = {type_of<A>::value..., 0};
  static constexpr std::size_t count = sizeof...(A);
};

template <auto F>
int call(const WaymarkValue* args, std::size_t count, WaymarkValue* result, WaymarkCall* call) noexcept {
  using sig = signature<decltype(F)>;
  using arg_tuple = typename sig::args;
  if (count != std::tuple_size_v<arg_tuple>) {
    set_error(call, "called with the wrong number of arguments");
    return 1;
  }
  // Exceptions stop here: they must never unwind into the host.
  try {
    auto invoke = [&]<std::size_t... I>(std::index_sequence<I...>) {
      if constexpr (sig::with_context)
        return F(Context{Days{call->today}, call}, read<std::tuple_element_t<I, arg_tuple>>(args[I])...);
      else
        return F(read<std::tuple_element_t<I, arg_tuple>>(args[I])...);
    };
    *result = write(invoke(std::make_index_sequence<std::tuple_size_v<arg_tuple>>{}));
    return 0;
  } catch (const std::exception& e) {
    set_error(call, e.what());
  } catch (...) {
    set_error(call, "failed with an exception that is not a std::exception");
  }
  return 1;
}

}  // namespace detail

/// Describes `F`, a plain function taking bool, double, std::string_view or Days (optionally after
/// a Context) and returning bool, double or Days. Throwing std::exception from `F` fails the call
/// with the exception's message; the exception never leaves the plugin.
template <auto F>
constexpr WaymarkFunction function(const char* name, const char* description) {
  using sig = detail::signature<decltype(F)>;
  using params = detail::parameter_types<typename sig::args>;
  static_assert(!std::is_same_v<typename sig::result, std::string_view>, "plugin functions cannot return text");
  return {name,
          description,
          params::values,
          params::count,
          0,
          detail::type_of<typename sig::result>::value,
          &detail::call<F>};
}

/// For WAYMARK_PLUGIN when the plugin provides policies only.
inline constexpr std::nullptr_t no_functions = nullptr;

namespace detail {
inline WaymarkPluginDescriptor describe(const char* id, const char* name, const char* version,
                                        const WaymarkFunction* functions, std::size_t function_count,
                                        std::span<const WaymarkPolicyText> policies) {
  return {WAYMARK_PLUGIN_ABI_VERSION,
          sizeof(WaymarkPluginDescriptor),
          id,
          name,
          version,
          policies.data(),
          policies.size(),
          functions,
          function_count};
}
}  // namespace detail

/// The descriptor WAYMARK_PLUGIN returns.
template <std::size_t N>
WaymarkPluginDescriptor describe(const char* id, const char* name, const char* version,
                                 const WaymarkFunction (&functions)[N], std::span<const WaymarkPolicyText> policies) {
  return detail::describe(id, name, version, functions, N, policies);
}
inline WaymarkPluginDescriptor describe(const char* id, const char* name, const char* version, std::nullptr_t,
                                        std::span<const WaymarkPolicyText> policies) {
  return detail::describe(id, name, version, nullptr, 0, policies);
}

}  // namespace waymark::plugin

/// Defines the plugin's entry point. FUNCTIONS is an array of WaymarkFunction, or
/// waymark::plugin::no_functions; the policies are those waymark_add_plugin embedded.
#define WAYMARK_PLUGIN(ID, NAME, VERSION, FUNCTIONS)                                                       \
  extern "C" WAYMARK_PLUGIN_EXPORT const WaymarkPluginDescriptor* waymark_plugin_descriptor(void) {        \
    static const WaymarkPluginDescriptor descriptor =                                                      \
        ::waymark::plugin::describe(ID, NAME, VERSION, FUNCTIONS, ::waymark::plugin::embedded_policies()); \
    return &descriptor;                                                                                    \
  }                                                                                                        \
  static_assert(true, "WAYMARK_PLUGIN(...) is followed by a semicolon")
