/// Everything Waymark offers, in one include.
#pragma once

#include <waymark/answer.h>
#include <waymark/answers_file.h>
#include <waymark/date.h>
#include <waymark/error.h>
#include <waymark/evaluate.h>
#include <waymark/functions.h>
#include <waymark/loader.h>
#include <waymark/outcome.h>
#include <waymark/outcome_batch.h>
#include <waymark/plugin_registry.h>
#include <waymark/policy.h>
#include <waymark/policy_registry.h>
#include <waymark/record.h>
#include <waymark/record_session.h>
#include <waymark/scenario.h>
#include <waymark/session.h>
#include <waymark/utf8.h>
#include <waymark/what_would_change.h>
