#include "session_impl.h"

#include "reasons.h"

#include <waymark/utf8.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace waymark {

std::string timestamp_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

namespace {

// Everything a session keeps is saved as JSON, which holds only valid UTF-8: refuse anything
// else where it comes in, with a reason, rather than fail when the session is saved.
void require_valid_time(std::string_view at, std::string_view subject) {
  require_valid_text(at, subject, "the time given");
}

}  // namespace

Session::Impl::Impl(std::shared_ptr<const Policy> p, Date d) : policy(std::move(p)), date(d) {
  const std::size_t n = policy->questions().size();
  slots.resize(n);
  answers.resize(n);
  answered_at.resize(n);
  applicable.assign(n, 0);
  facts.reset(policy->facts().size());
}

int Session::Impl::index_of(std::string_view question_id) const { return policy->question_index(question_id); }

void Session::Impl::ensure_known(std::size_t upto) const {
  const auto& questions = policy->questions();
  upto = std::min(upto, questions.size());
  for (; known_upto < upto; ++known_upto) {
    const detail::CompiledExpr* ask_if = questions[known_upto].ask_if.compiled();
    applicable[known_upto] = !ask_if || detail::condition_holds(*ask_if, env());
  }
}

void Session::Impl::set(int index, const std::optional<Answer>& answer, std::string at) {
  auto& slot = slots[index];
  if (answer)
    detail::fill_slot(policy->questions()[index], *answer, slot);
  else
    slot = {};
  answers[index] = answer;
  answered_at[index] = answer ? std::move(at) : std::string();
  facts.invalidate();
  known_upto = std::min(known_upto, static_cast<std::size_t>(index) + 1);
  scan_from = std::min(scan_from, static_cast<std::size_t>(index));
}

bool Session::Impl::any_answer_after(std::size_t index) const {
  for (std::size_t j = index + 1; j < answers.size(); ++j)
    if (answers[j]) return true;
  return false;
}

std::vector<std::tuple<int, Answer, std::string>> Session::Impl::drop_inapplicable_after(std::size_t from,
                                                                                         std::string_view at) {
  std::vector<std::tuple<int, Answer, std::string>> dropped;
  for (std::size_t j = from + 1; j < answers.size(); ++j) {
    if (!answers[j] || applicable_now(j)) continue;
    dropped.emplace_back(static_cast<int>(j), *answers[j], answered_at[j]);
    history.push_back(
        {HistoryEntry::Kind::dropped, policy->questions()[j].id, answers[j], std::nullopt, std::string(at)});
    set(static_cast<int>(j), std::nullopt, {});
  }
  return dropped;
}

void Session::Impl::prune_judgements() {
  if (judgements.empty()) return;
  const Outcome now = detail::build_outcome(policy, env(), date, answers, {}, Reasons::omit);
  std::erase_if(judgements, [&](const ActionJudgement& d) {
    return std::none_of(now.actions.begin(), now.actions.end(),
                        [&](const Recommendation& r) { return r.action->id == d.action_id; });
  });
}

Session::Session(std::shared_ptr<const Policy> policy, Date date)
    : impl_(std::make_unique<Impl>(std::move(policy), date)) {}
Session::~Session() = default;
Session::Session(const Session& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Session& Session::operator=(const Session& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const Policy& Session::policy() const { return *impl_->policy; }
const std::shared_ptr<const Policy>& Session::policy_ptr() const { return impl_->policy; }
Date Session::date() const { return impl_->date; }
const std::string& Session::case_reference() const { return impl_->case_reference; }

void Session::set_case_reference(std::string reference) {
  const bool allowed = std::all_of(reference.begin(), reference.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/' || c == '.';
  });
  if (!allowed || reference.size() > 64)
    throw AnswerError("case", "a case reference is a short pseudonymous code (letters, digits, - _ / .), never a name");
  impl_->case_reference = std::move(reference);
}

const std::string& Session::role() const { return impl_->role; }

void Session::set_role(std::string role) {
  const bool allowed = std::all_of(role.begin(), role.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!allowed || role.size() > 64)
    throw AnswerError("role", "a role is a role id such as social_worker (lower case letters, digits and _), never a "
                              "name");
  impl_->role = std::move(role);
}

void Session::set_chronology(std::shared_ptr<const Chronology> chronology, std::string_view at) {
  Impl& s = *impl_;
  require_valid_time(at, "events");
  if (chronology)
    for (const Event& e : chronology->events())
      for (std::string_view text : {e.kind, e.agency, e.reason, e.note, e.recorded_by})
        require_valid_text(text, "events", fmt::format("the text of the event on {}", e.date.iso()));
  s.chronology = std::move(chronology);
  // Every ask_if and fact may read the chronology: forget what was worked out from the old one.
  s.facts.invalidate();
  s.known_upto = 0;
  s.scan_from = 0;
  for (std::size_t j = 0; j < s.answers.size(); ++j) {
    if (!s.answers[j] || s.applicable_now(j)) continue;
    s.history.push_back(
        {HistoryEntry::Kind::dropped, s.policy->questions()[j].id, s.answers[j], std::nullopt, std::string(at)});
    s.set(static_cast<int>(j), std::nullopt, {});
  }
  s.prune_judgements();
}

const std::shared_ptr<const Chronology>& Session::chronology() const { return impl_->chronology; }

const Question* Session::next_question() const {
  const auto& questions = impl_->policy->questions();
  for (std::size_t j = impl_->scan_from; j < questions.size(); ++j) {
    if (!impl_->answers[j] && impl_->applicable_now(j)) {
      impl_->scan_from = j;
      return &questions[j];
    }
  }
  impl_->scan_from = questions.size();
  return nullptr;
}

std::size_t Session::question_number(const Question& question) const {
  const Question* first = impl_->policy->questions().data();
  std::size_t before = 0;
  for (const Question* q : answered_questions()) before += q - first < &question - first;
  return before + 1;
}

std::size_t Session::questions_expected() const {
  const Impl& s = *impl_;
  const auto& questions = s.policy->questions();
  // The answers so far are kept; each unanswered question that may still be asked is `pending`
  // (any answer, or none), as in lint's search, so `answered(q)` and tests on it stay open.
  std::vector<detail::AnswerSlot> slots = s.slots;
  detail::FactCache facts;
  facts.reset(s.policy->facts().size());
  const detail::EvalEnv env{s.policy.get(), slots.data(), &facts, s.date.days_since_epoch(), s.chronology.get()};
  std::size_t expected = 0;
  for (std::size_t j = 0; j < questions.size(); ++j) {
    if (s.answers[j]) {
      ++expected;
      continue;
    }
    const detail::CompiledExpr* ask_if = questions[j].ask_if.compiled();
    const detail::Value asked = ask_if ? detail::evaluate(*ask_if, env) : detail::Value::of_bool(true);
    if (!asked.is_true() && asked.state != detail::State::pending) continue;  // ruled out: never asked
    ++expected;
    slots[j] = detail::AnswerSlot{detail::Value::pending(), {}};
    facts.invalidate();  // facts may read the question just made pending
  }
  return expected;
}

bool Session::is_applicable(std::string_view question_id) const {
  const int i = impl_->index_of(question_id);
  return i >= 0 && impl_->applicable_now(static_cast<std::size_t>(i));
}

const Answer* Session::answer_of(std::string_view question_id) const {
  const int i = impl_->index_of(question_id);
  return i >= 0 && impl_->answers[i] ? &*impl_->answers[i] : nullptr;
}

std::string Session::answered_at(std::string_view question_id) const {
  const int i = impl_->index_of(question_id);
  return i >= 0 ? impl_->answered_at[i] : std::string();
}

std::vector<const Question*> Session::answered_questions() const {
  std::vector<const Question*> out;
  for (std::size_t i = 0; i < impl_->answers.size(); ++i)
    if (impl_->answers[i]) out.push_back(&impl_->policy->questions()[i]);
  return out;
}

const Question* Session::previous_question(const Question* question) const {
  const auto& questions = impl_->policy->questions();
  std::size_t end = question ? static_cast<std::size_t>(question - questions.data()) : questions.size();
  while (end-- > 0)
    if (impl_->answers[end]) return &questions[end];
  return nullptr;
}

std::vector<std::string> Session::answer(std::string_view question_id, const Answer& answer, std::string_view at) {
  Impl& s = *impl_;
  const int index = s.index_of(question_id);
  if (index < 0) throw AnswerError(std::string(question_id), "this policy has no question with that id");
  const Question& q = s.policy->questions()[index];
  if (!s.applicable_now(static_cast<std::size_t>(index)))
    throw AnswerError(q.id, "this question is not asked, given the answers so far");
  validate_answer(q, answer);
  require_valid_time(at, q.id);
  if (s.answers[index] && *s.answers[index] == answer) return {};

  Impl::UndoStep step{index, s.answers[index], s.answered_at[index], {}};
  s.history.push_back({s.answers[index] ? HistoryEntry::Kind::changed : HistoryEntry::Kind::answered, q.id,
                       s.answers[index], answer, std::string(at)});
  s.set(index, answer, std::string(at));
  std::vector<std::string> dropped_ids;
  if (s.any_answer_after(static_cast<std::size_t>(index))) {
    step.dropped = s.drop_inapplicable_after(static_cast<std::size_t>(index), at);
    for (const auto& [j, a, when] : step.dropped) dropped_ids.push_back(s.policy->questions()[j].id);
  }
  s.undo_steps.push_back(std::move(step));
  s.prune_judgements();
  return dropped_ids;
}

std::vector<std::string> Session::answer_text(std::string_view question_id, std::string_view input,
                                              std::string_view at) {
  const Question* q = impl_->policy->find_question(question_id);
  if (!q) throw AnswerError(std::string(question_id), "this policy has no question with that id");
  return answer(question_id, parse_answer(*q, input), at);
}

bool Session::undo(std::string_view at) {
  Impl& s = *impl_;
  if (s.undo_steps.empty()) return false;
  require_valid_time(at, "undo");
  Impl::UndoStep step = std::move(s.undo_steps.back());
  s.undo_steps.pop_back();
  const Question& q = s.policy->questions()[step.question];
  s.history.push_back({HistoryEntry::Kind::undone, q.id, s.answers[step.question], step.before, std::string(at)});
  s.set(step.question, step.before, step.before_at);
  for (auto& [j, a, when] : step.dropped) s.set(j, a, when);
  s.prune_judgements();
  return true;
}

Outcome Session::outcome(Reasons reasons) const {
  const Impl& s = *impl_;
  std::vector<std::size_t> unanswered;
  for (std::size_t j = 0; j < s.answers.size(); ++j)
    if (!s.answers[j] && s.applicable_now(j)) unanswered.push_back(j);
  if (reasons != Reasons::on_demand) return detail::build_outcome(s.policy, s.env(), s.date, s.answers, unanswered, reasons);
  Outcome outcome = detail::build_outcome(s.policy, s.env(), s.date, s.answers, unanswered, Reasons::omit);
  detail::keep_for_reasons(outcome, s.slots, s.answers, unanswered, s.chronology);
  return outcome;
}

void Session::judge(std::string_view action_id, Judgement judgement, std::string reason, std::string_view at) {
  Impl& s = *impl_;
  const Outcome now = outcome(Reasons::omit);
  const bool recommended = std::any_of(now.actions.begin(), now.actions.end(),
                                       [&](const Recommendation& r) { return r.action->id == action_id; });
  if (!recommended) throw AnswerError(std::string(action_id), "this action is not recommended by the current answers");
  require_valid_text(reason, action_id, "the reason");
  require_valid_time(at, action_id);
  if (judgement != Judgement::accept && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw AnswerError(std::string(action_id), fmt::format("give a reason to {} this action", to_string(judgement)));
  std::erase_if(s.judgements, [&](const ActionJudgement& d) { return d.action_id == action_id; });
  s.judgements.push_back({std::string(action_id), judgement, std::move(reason), std::string(at)});
}

std::vector<std::string> Session::accept_rest(std::string_view at) {
  require_valid_time(at, "accept the rest");
  std::vector<std::string> accepted;
  for (const Recommendation& r : outcome(Reasons::omit).actions) {
    if (judgement_for(r.action->id)) continue;
    impl_->judgements.push_back({r.action->id, Judgement::accept, {}, std::string(at)});
    accepted.push_back(r.action->id);
  }
  return accepted;
}

std::vector<std::string> Session::unjudged_actions() const {
  std::vector<std::string> open;
  for (const Recommendation& r : outcome(Reasons::omit).actions)
    if (!judgement_for(r.action->id)) open.push_back(r.action->id);
  return open;
}

void Session::add_action(AddedAction action) {
  require_valid_text(action.text, "added action", "the action's text");
  require_valid_text(action.owner, "added action", "who owns the action");
  require_valid_text(action.reason, "added action", "the reason");
  require_valid_time(action.at, "added action");
  if (action.text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw AnswerError("added action", "describe the action you are adding");
  if (action.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw AnswerError("added action", "give a reason for adding an action the policy did not recommend");
  impl_->added.push_back(std::move(action));
}

const ActionJudgement* Session::judgement_for(std::string_view action_id) const {
  for (const auto& d : impl_->judgements)
    if (d.action_id == action_id) return &d;
  return nullptr;
}

const std::vector<ActionJudgement>& Session::judgements() const { return impl_->judgements; }

// The deprecated names, out of line so libwaymark still exports them.
void Session::decide(std::string_view action_id, Judgement judgement, std::string reason, std::string_view at) {
  judge(action_id, judgement, std::move(reason), at);
}
const ActionJudgement* Session::decision_for(std::string_view action_id) const { return judgement_for(action_id); }
const std::vector<ActionJudgement>& Session::decisions() const { return judgements(); }
const std::vector<AddedAction>& Session::added_actions() const { return impl_->added; }
const std::vector<HistoryEntry>& Session::history() const { return impl_->history; }

}  // namespace waymark
