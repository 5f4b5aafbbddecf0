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

/// What the host passes to every call besides the arguments. Later ABI minor versions may append
/// fields (for example a case chronology); check `struct_size` before reading any added field.
typedef struct WaymarkCall {
  uint32_t struct_size;  /**< sizeof(WaymarkCall) as the host knows it */
  int32_t today;         /**< the session date, as days since 1970-01-01 */
  char* error;           /**< on failure, write a NUL-terminated message here... */
  size_t error_capacity; /**< ...of at most this many bytes, NUL included */
} WaymarkCall;

/// A plugin function. Returns 0 and sets `*result` (of the declared result type) on success;
/// returns non-zero with a message in `call->error` on failure. Must not throw: the host turns
/// a failure (and, as a last resort, an escaped exception) into an evaluation error.
typedef int (*WaymarkFunctionImpl)(const WaymarkValue* args, size_t arg_count, WaymarkValue* result,
                                   WaymarkCall* call);

/// A function conditions may call, with its declared types (checked when a policy loads).
typedef struct WaymarkFunction {
  const char* name;           /**< lower case letters, digits and '_', e.g. "percent" */
  const char* description;    /**< one sentence for `waymark plugins`; may be NULL */
  const int32_t* parameters;  /**< parameter_count WaymarkTypes */
  size_t parameter_count;
  int32_t variadic;           /**< non-zero: the last parameter may repeat */
  int32_t result;             /**< WAYMARK_BOOLEAN, WAYMARK_NUMBER or WAYMARK_DATE */
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
  uint32_t abi_version;  /**< WAYMARK_PLUGIN_ABI_VERSION */
  uint32_t struct_size;  /**< sizeof(WaymarkPluginDescriptor) */
  const char* id;        /**< lower case letters, digits and '-', e.g. "example" */
  const char* name;      /**< for people, e.g. "Example plugin" */
  const char* version;   /**< semantic version, e.g. "1.0.0" */
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
