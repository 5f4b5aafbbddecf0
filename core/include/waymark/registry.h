/// Kept for programs written before the header was named after what it holds: include
/// <waymark/policy_registry.h> (PolicyRegistry and the policy search path) instead.
#pragma once

#include <waymark/policy_registry.h>
