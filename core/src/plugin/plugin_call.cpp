#include "plugin_call.h"

#include "expr.h"

#include <waymark/error.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <vector>

namespace waymark::detail {

std::optional<ValueType> value_type_of(std::int32_t plugin_type) {
  switch (plugin_type) {
    case WAYMARK_BOOLEAN: return ValueType::boolean;
    case WAYMARK_NUMBER: return ValueType::number;
    case WAYMARK_TEXT: return ValueType::text;
    case WAYMARK_DATE: return ValueType::date;
    default: return std::nullopt;
  }
}

namespace {

// The checker has already matched every argument to its declared type.
WaymarkValue to_plugin(ValueType type, const Value& v) {
  WaymarkValue out{};
  switch (type) {
    case ValueType::boolean:
      out.type = WAYMARK_BOOLEAN;
      out.boolean = v.boolean ? 1 : 0;
      break;
    case ValueType::number:
      out.type = WAYMARK_NUMBER;
      out.number = v.number;
      break;
    case ValueType::date:
      out.type = WAYMARK_DATE;
      out.date = v.integer;
      break;
    default:
      out.type = WAYMARK_TEXT;
      out.text = v.text.data();
      out.text_size = v.text.size();
      break;
  }
  return out;
}

// What event_count and event_at reach through WaymarkCall::host.
struct EventsHost {
  const Chronology* chronology = nullptr;
  // Where the windows the function counted over go (null when nobody asked), and its name.
  std::vector<CountedWindow>* windows = nullptr;
  std::string_view function;
  // Whether the function read the chronology, so lint knows its result depends on it.
  bool read = false;
};

EventsHost& host_of(const WaymarkCall* call) { return *static_cast<EventsHost*>(call->host); }

WaymarkText lend(const std::string& s) { return {s.data(), s.size()}; }

size_t event_count(const WaymarkCall* call) {
  EventsHost& host = host_of(call);
  host.read = true;
  return host.chronology ? host.chronology->events().size() : 0;
}

int event_at(const WaymarkCall* call, size_t index, WaymarkEvent* out) {
  EventsHost& host = host_of(call);
  host.read = true;
  if (!out || !host.chronology || index >= host.chronology->events().size()) return 1;
  const Event& e = host.chronology->events()[index];
  *out = {lend(e.kind), e.date.days_since_epoch(), e.minute_of_day.value_or(-1), lend(e.agency), lend(e.reason),
          lend(e.note), lend(e.recorded_by)};
  return 0;
}

const PluginFunction& plugin_of(const FunctionDef& def) {
  return *static_cast<const PluginFunction*>(def.external_data.get());
}

void report_window(const WaymarkCall* call, WaymarkText kind, std::int32_t from, std::int32_t to, double count) {
  EventsHost& host = host_of(call);
  if (!host.windows || !kind.data) return;
  const auto day = [](std::int32_t days) { return Date(std::chrono::sys_days(std::chrono::days(days))); };
  CountedWindow window{std::string(host.function), std::string(kind.data, kind.size), day(from), day(to), count};
  if (std::find(host.windows->begin(), host.windows->end(), window) == host.windows->end())
    host.windows->push_back(std::move(window));
}

[[noreturn]] void fail(const FunctionDef& def, std::string_view reason) {
  const PluginFunction& plugin = plugin_of(def);
  throw EvaluationError(
      fmt::format("function '{}' of plugin '{}' ({}) failed: {}", def.info.name, plugin.plugin_id, plugin.file, reason));
}

}  // namespace

Value call_plugin_function(const FunctionDef& def, std::span<const Value> args, const EvalEnv& env) {
  const auto& params = def.info.parameters;
  std::array<WaymarkValue, 16> small{};
  std::vector<WaymarkValue> large;
  std::span<WaymarkValue> in = args.size() <= small.size()
                                   ? std::span<WaymarkValue>(small.data(), args.size())
                                   : std::span<WaymarkValue>((large.resize(args.size()), large));
  for (std::size_t i = 0; i < args.size(); ++i) in[i] = to_plugin(params[std::min(i, params.size() - 1)], args[i]);

  std::array<char, 512> error{};
  EventsHost host{env.chronology, env.windows, def.info.name};
  WaymarkCall call{sizeof(WaymarkCall), env.today, error.data(), error.size(), &host,
                   &event_count,        &event_at, &report_window};
  WaymarkValue result{};
  result.type = -1;
  int status = 0;
  // Only a copy of the message leaves the catch: the plugin's exception object must not outlive it.
  std::string escaped;
  try {
    status = plugin_of(def).impl(in.data(), in.size(), &result, &call);
  } catch (const std::exception& e) {
    escaped = fmt::format("it threw an exception: {}", e.what());
  } catch (...) {
    escaped = "it threw an exception that is not a std::exception";
  }
  if (!escaped.empty()) fail(def, escaped);
  if (status != 0) {
    error.back() = '\0';
    fail(def, error[0] ? std::string_view(error.data()) : std::string_view("it gave no reason"));
  }
  // Under lint the chronology could be anything, so neither could a result read from it.
  if (env.chronology_open && host.read) return Value::pending();
  const auto type = value_type_of(result.type);
  if (type != def.info.result)
    fail(def, fmt::format("it returned {} but declares that it returns {}",
                          type ? to_string(*type) : std::string_view("no valid value"), to_string(def.info.result)));
  switch (*type) {
    case ValueType::boolean: return Value::of_bool(result.boolean != 0);
    case ValueType::date: return Value::of_integer(result.date);
    default: return Value::of_number(result.number);
  }
}

}  // namespace waymark::detail
