// Session's private state, shared by session.cpp and session_json.cpp.
#pragma once

#include "answer_slot.h"
#include "expr.h"

#include <waymark/session.h>

#include <optional>
#include <string>
#include <vector>

namespace waymark {

struct Session::Impl {
  std::shared_ptr<const Policy> policy;
  Date date;
  std::string case_reference;
  std::string role;
  std::shared_ptr<const Chronology> chronology;

  std::vector<detail::AnswerSlot> slots;
  std::vector<std::optional<Answer>> answers;
  std::vector<std::string> answered_at;

  // Applicability is computed lazily, front to back: entries before `known_upto` are valid.
  // That is sound because a question's ask_if only uses questions before it.
  mutable std::vector<std::uint8_t> applicable;
  mutable std::size_t known_upto = 0;
  // Every question before `scan_from` is answered or not applicable.
  mutable std::size_t scan_from = 0;
  mutable detail::FactCache facts;

  struct UndoStep {
    int question = 0;
    std::optional<Answer> before;
    std::string before_at;
    std::vector<std::tuple<int, Answer, std::string>> dropped;
  };
  std::vector<UndoStep> undo_steps;
  std::vector<HistoryEntry> history;
  std::vector<ActionJudgement> judgements;
  std::vector<AddedAction> added;

  Impl(std::shared_ptr<const Policy> p, Date d);

  detail::EvalEnv env() const {
    return {policy.get(), slots.data(), &facts, date.days_since_epoch(), chronology.get()};
  }
  int index_of(std::string_view question_id) const;
  void ensure_known(std::size_t upto) const;
  bool applicable_now(std::size_t index) const {
    ensure_known(index + 1);
    return applicable[index];
  }
  void set(int index, const std::optional<Answer>& answer, std::string at);
  // Re-checks every question after `from`, dropping answers that no longer apply.
  std::vector<std::tuple<int, Answer, std::string>> drop_inapplicable_after(std::size_t from, std::string_view at);
  bool any_answer_after(std::size_t index) const;
  // Forgets judgements on actions the current answers no longer recommend.
  void prune_judgements();
};

}  // namespace waymark
