/// The plugin SDK: what a compiled Waymark plugin exports. See docs/plugins.md.
///
/// A plugin is a shared library with one C-linkage entry point, `waymark_plugin_descriptor`,
/// returning a pointer to a plain, constant descriptor: the plugin ABI version, its id, name and
/// version, the policies it embeds (TOML text) and the functions it adds to conditions. Only the
/// C part of this header crosses the boundary; the C++ helpers below are header-only and stay
/// inside the plugin.
#ifndef WAYMARK_PLUGIN_H
#define WAYMARK_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

/// The plugin ABI this header describes. The host loads only plugins with exactly this major
/// version; a change to any struct below (other than appending to the descriptor) raises it.
#define WAYMARK_PLUGIN_ABI_VERSION 1u

/// The name of the entry point every plugin exports.
#define WAYMARK_PLUGIN_ENTRY_POINT "waymark_plugin_descriptor"

#if defined(_WIN32)
#define WAYMARK_PLUGIN_EXPORT __declspec(dllexport)
#else
/// Makes the entry point visible although plugins build with hidden visibility.
#define WAYMARK_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// The types a plugin function takes and returns (a subset of the condition language's types).
typedef enum WaymarkType {
  WAYMARK_BOOLEAN = 0, /**< yes/no */
  WAYMARK_NUMBER = 1,  /**< a number (double) */
  WAYMARK_TEXT = 2,    /**< text; arguments only */
  WAYMARK_DATE = 3     /**< a date, as days since 1970-01-01 */
} WaymarkType;

/// One argument or result. Only the member named by `type` is meaningful.
typedef struct WaymarkValue {
  int32_t type;     /**< a WaymarkType */
  int32_t boolean;  /**< WAYMARK_BOOLEAN: 0 or 1 */
  double number;    /**< WAYMARK_NUMBER */
  int32_t date;     /**< WAYMARK_DATE: days since 1970-01-01 */
  const char* text; /**< WAYMARK_TEXT: UTF-8, not NUL-terminated, valid only during the call */
  size_t text_size; /**< WAYMARK_TEXT: length in bytes */
} WaymarkValue;

/// Text the host lends for the duration of one call: UTF-8, not NUL-terminated.
typedef struct WaymarkText {
  const char* data;
  size_t size;
} WaymarkText;

/// One event of the session's chronology (see <waymark/chronology.h>), lent for one call.
typedef struct WaymarkEvent {
  WaymarkText kind;        /**< e.g. "refusal", "referral", "no_access_visit" */
  int32_t date;            /**< days since 1970-01-01 */
  int32_t minute_of_day;   /**< minutes after midnight, or -1 when the time is not known */
  WaymarkText agency;      /**< may be empty */
  WaymarkText reason;      /**< a referral's presenting reason; may be empty */
  WaymarkText note;        /**< a short factual note; may be empty */
  WaymarkText recorded_by; /**< a role, never a name; may be empty */
} WaymarkEvent;

struct WaymarkCall;

/// What the host passes to every call besides the arguments. Fields are only ever appended:
/// check `struct_size` before reading any field after `error_capacity` (WAYMARK_CALL_HAS_EVENTS).
typedef struct WaymarkCall {
  uint32_t struct_size;  /**< sizeof(WaymarkCall) as the host knows it */
  int32_t today;         /**< the session date, as days since 1970-01-01 */
  char* error;           /**< on failure, write a NUL-terminated message here... */
  size_t error_capacity; /**< ...of at most this many bytes, NUL included */
  /* Added in Waymark 0.1 (ABI 1, compatibly): the session's chronology, in date order. */
  void* host; /**< the host's, for the two functions below; do not touch */
  /** How many events the session's chronology holds (0 when it has none). */
  size_t (*event_count)(const struct WaymarkCall* call);
  /** Fills `*out` with event `index` (0 = earliest); returns 0, or non-zero for an index out of range. */
  int (*event_at)(const struct WaymarkCall* call, size_t index, WaymarkEvent* out);
  /** Tells the host which window of the chronology the function counted over: events of `kind`
      dated from `from` to `to` (days since 1970-01-01, both inclusive), `count` of them. The host
      draws it on the case's timeline, so a reader sees what the condition saw. Optional. */
  void (*report_window)(const struct WaymarkCall* call, WaymarkText kind, int32_t from, int32_t to, double count);
} WaymarkCall;

/// True if the host passed the chronology functions (a host older than them did not).
#define WAYMARK_CALL_HAS_EVENTS(call) \
  ((call)->struct_size >= offsetof(WaymarkCall, event_at) + sizeof((call)->event_at) && (call)->event_at != NULL)

/// True if the host takes reports of the windows a function counted over.
#define WAYMARK_CALL_HAS_WINDOWS(call)                                                                          \
  ((call)->struct_size >= offsetof(WaymarkCall, report_window) + sizeof((call)->report_window) && \
   (call)->report_window != NULL)

/// A plugin function. Returns 0 and sets `*result` (of the declared result type) on success;
/// returns non-zero with a message in `call->error` on failure. Must not throw: the host turns
/// a failure (and, as a last resort, an escaped exception) into an evaluation error.
typedef int (*WaymarkFunctionImpl)(const WaymarkValue* args, size_t arg_count, WaymarkValue* result, WaymarkCall* call);

/// A function conditions may call, with its declared types (checked when a policy loads).
typedef struct WaymarkFunction {
  const char* name;          /**< lower case letters, digits and '_', e.g. "percent" */
  const char* description;   /**< one sentence for `waymark plugins`; may be NULL */
  const int32_t* parameters; /**< parameter_count WaymarkTypes */
  size_t parameter_count;
  int32_t variadic; /**< non-zero: the last parameter may repeat */
  int32_t result;   /**< WAYMARK_BOOLEAN, WAYMARK_NUMBER or WAYMARK_DATE */
  WaymarkFunctionImpl impl;
} WaymarkFunction;

/// A policy embedded in the plugin: its TOML text, and a name for messages (its source path).
typedef struct WaymarkPolicyText {
  const char* name;
  const char* toml;
  size_t toml_size;
} WaymarkPolicyText;

/// What the entry point returns. Must stay valid, unchanged, for as long as the library is loaded.
typedef struct WaymarkPluginDescriptor {
  uint32_t abi_version; /**< WAYMARK_PLUGIN_ABI_VERSION */
  uint32_t struct_size; /**< sizeof(WaymarkPluginDescriptor) */
  const char* id;       /**< lower case letters, digits and '-', e.g. "example" */
  const char* name;     /**< for people, e.g. "Example plugin" */
  const char* version;  /**< semantic version, e.g. "1.0.0" */
  const WaymarkPolicyText* policies;
  size_t policy_count;
  const WaymarkFunction* functions;
  size_t function_count;
} WaymarkPluginDescriptor;

/// The entry point's type.
typedef const WaymarkPluginDescriptor* (*WaymarkPluginEntry)(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#ifdef __cplusplus
#include <waymark/plugin_helpers.h>
#endif

#endif  // WAYMARK_PLUGIN_H
