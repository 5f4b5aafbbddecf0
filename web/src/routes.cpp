#include "routes.h"

#include <fmt/format.h>
#include <waymark/record.h>
#include <waymark/store.h>
#include <waymark/utf8.h>
#include <waymark/web/server.h>

#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "answer_form.h"
#include "assets.h"
#include "csrf.h"
#include "gatekeeper.h"
#include "pages.h"
#include "record_policy.h"

namespace waymark::web {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";

std::string trim_spaces(std::string text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Debian's libcpp-httplib is compiled with an 8 KiB limit on url-encoded forms
// (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH, fixed inside the shared library, so a macro
// here cannot raise it). These handlers read the body themselves, up to max_body_bytes.
void post_form(httplib::Server& server, const std::string& pattern, Handler handler) {
  server.Post(pattern, [handler = std::move(handler)](const httplib::Request& request, httplib::Response& response,
                                                      const httplib::ContentReader& reader) {
    std::string body;
    const bool whole = reader([&body](const char* data, std::size_t length) {
      body.append(data, length);
      return body.size() <= max_body_bytes;
    });
    if (body.size() > max_body_bytes)
      return send_error(response, 413, "Too much was sent",
                        "The form sent more than this page accepts. Shorten your answer and try again.");
    if (response.status == 413) return;  // the library refused a Content-Length over the limit
    // A form cut short (the client stopped sending, or took too long) is never acted on in part.
    if (!whole)
      return send_error(response, 408, "The form did not arrive",
                        "Only part of the form arrived, so nothing was changed. Go back and send it again.");
    httplib::Request form = request;
    if (form.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded"))
      httplib::detail::parse_query_text(body, form.params);
    form.body = std::move(body);
    handler(form, response);
  });
}

enum class Method { get, post, put, patch, del, options };

// Everything a handler needs about the request: who is asking, and which walk-through.
class Routes {
 public:
  Routes(const PolicyRegistry& registry, SessionStore& store, Store* cases, const SignInOptions& sign_in)
      : registry_(registry), store_(store), cases_(cases), gate_(sign_in, store, cases) {}

  Gatekeeper& gate() { return gate_; }

  // Held while a handler reads or changes walk-throughs or the case store.
  std::mutex& mutex() { return store_.mutex(); }

  // The browser's id, giving it a new one (and its cookie) on its first visit.
  std::string browser(const httplib::Request& request, httplib::Response& response) {
    if (gate_.caller()) return gate_.browser_of_caller();
    std::string id = cookie_value(request, session_cookie);
    if (store_.is_known(id)) return id;
    id = store_.new_browser();
    response.set_header("Set-Cookie",
                        fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000", session_cookie, id));
    return id;
  }

  // The browser's id if the form carries its CSRF token; otherwise sends 403 and returns nothing.
  std::optional<std::string> checked_browser(const httplib::Request& request, httplib::Response& response) {
    const std::string id = gate_.caller() ? gate_.browser_of_caller() : cookie_value(request, session_cookie);
    if (store_.is_known(id) && same_token(store_.csrf_for(id), request.get_param_value("csrf"))) return id;
    send_error(response, 403, "This form has expired",
               "The form was not sent from this page, or your session has ended. Go back, reload "
               "the page and try again.");
    return std::nullopt;
  }

  const PolicyEntry* policy(const httplib::Request& request, httplib::Response& response) {
    const PolicyEntry* entry = registry_.find(request.matches[1].str());
    if (!entry)
      send_error(response, 404, "Policy not found", "There is no policy with that name. Choose one from the list.");
    return entry;
  }

  std::vector<SessionLink> walks(const std::string& browser_id, const PolicyEntry& entry) {
    std::vector<SessionLink> links;
    for (const auto& [walk_id, session] : store_.walks(browser_id, entry.policy->id()))
      links.push_back({walk_id, session});
    return links;
  }

  // The session (walk-through) named in the URL (policy, then walk id); otherwise sends a 404 page.
  struct SessionInUrl {
    Session* session = nullptr;
    std::string id;
    std::string base;  // its address
  };
  SessionInUrl session_in_url(const std::string& browser_id, const httplib::Request& request,
                              httplib::Response& response) {
    const PolicyEntry* entry = policy(request, response);
    if (!entry) return {};
    SessionInUrl found{store_.find(browser_id, entry->policy->id(), request.matches[2].str()),
                       request.matches[2].str(), {}};
    if (!found.session)
      send_error(response, 404, "Walk-through not found",
                 fmt::format("This browser holds no such walk-through of \u201c{}\u201d. Its start "
                             "page lists the ones it holds.",
                             entry->policy->info().title));
    else
      found.base = walk_path(entry->policy->id(), found.id);
    return found;
  }

  const Question* question(const Session& session, const httplib::Request& request, httplib::Response& response) {
    const Question* question = session.policy().find_question(request.matches[3].str());
    if (!question)
      send_error(response, 404, "Question not found", "This policy has no such question.");
    else if (!session.is_applicable(question->id)) {
      send_error(response, 404, "Question not asked", "Given your answers so far, this question is not asked.");
      return nullptr;
    }
    return question;
  }

  // The finished walk-through in the URL; otherwise sends a 404 or a redirect to the first
  // question still to answer, and returns a SessionInUrl without a session.
  SessionInUrl completed_session(const std::string& browser_id, const httplib::Request& request,
                                 httplib::Response& response) {
    SessionInUrl found = session_in_url(browser_id, request, response);
    if (found.session && !found.session->is_complete()) {
      redirect_next(found, response);
      return {};
    }
    return found;
  }

  void redirect_next(const SessionInUrl& found, httplib::Response& response, bool to_check = false) {
    const Question* next = found.session->next_question();
    response.set_redirect(
        next && !to_check ? fmt::format("{}/questions/{}", found.base, next->id) : found.base + "/check", 303);
  }

  using Handle = void (Routes::*)(const httplib::Request&, httplib::Response&);

  // One line of the route table: a method, a URL pattern and the member that answers it.
  struct Route {
    Method method;
    std::string_view pattern;  // {policy}, {walk} and {id} stand for the patterns below
    Handle handle;
    Need need;  // of the account asking, when sign-in is on
    bool locks_store = true;  // false only for what never reads a walk-through or the case store
  };
  static const std::vector<Route>& table();

  // Only GET and POST mean anything here.
  void not_allowed(const httplib::Request&, httplib::Response& response) {
    response.set_header("Allow", "GET, HEAD, POST");
    send_error(response, 405, "Not allowed", "This page can only be opened or sent as a form.");
  }

  void sign_in_form(const httplib::Request& request, httplib::Response& response) {
    gate_.sign_in_form(request, response, browser(request, response));
  }

  void sign_in(const httplib::Request& request, httplib::Response& response) {
    if (const auto id = checked_browser(request, response)) gate_.sign_in(request, response, *id);
  }

  void sign_out(const httplib::Request& request, httplib::Response& response) {
    if (checked_browser(request, response)) gate_.sign_out(request, response);
  }

  void asset(const httplib::Request& request, httplib::Response& response) {
    const Asset* asset = find_asset(request.path);
    if (!asset) return send_error(response, 404, "Page not found", "Check the address, or go to the list of policies.");
    response.headers.erase("Cache-Control");  // the default is no-store, for pages with answers
    response.set_header("Cache-Control", "max-age=3600");
    response.set_content(std::string(asset->body), std::string(asset->content_type));
  }

  void policy_list(const httplib::Request& request, httplib::Response& response) {
    browser(request, response);
    response.set_content(policy_list_page(registry_, Date::today()), html_type);
  }

  void policy_start(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    if (const PolicyEntry* entry = policy(request, response))
      response.set_content(start_page(*entry->policy, walks(id, *entry), store_.csrf_for(id)), html_type);
  }

  // Always a new walk-through beside the others: starting never overwrites one.
  void start_walk(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const PolicyEntry* entry = id ? policy(request, response) : nullptr;
    if (!entry) return;
    StartForm form{request.get_param_value("case"), trim_spaces(request.get_param_value("date")),
                   request.get_param_value("role"), {}, {}, {}};
    const std::string& reference = form.case_reference;
    std::optional<Date> date = form.date.empty() ? std::optional<Date>(Date::today()) : Date::parse(form.date);
    if (!date)
      form.date_error = "Enter the session date as year-month-day, for example 2026-11-03, or leave it blank for today";
    // The version in force on the session's date, as `run --date` chooses it: a past incident is
    // walked through under the policy of its day.
    const PolicyEntry* in_force = date ? registry_.find(entry->policy->id(), *date) : entry;
    Session started(in_force ? in_force->policy : entry->policy, date.value_or(Date::today()));
    try {
      started.set_role(form.role);
    } catch (const AnswerError&) {
      form.role_error =
          "Enter your role as a role id such as social_worker (lower case letters, digits and underscores), never "
          "your name";
      if (!is_valid_utf8(form.role)) form.role.clear();
    }
    try {
      if (!reference.empty()) started.set_case_reference(reference);
      if (date && cases_ && !reference.empty() && cases_->has_case(reference)) {
        if (!gate_.may_see(reference, "read chronology", entry->policy->id(), response)) return;
        started.set_chronology(std::make_shared<const Chronology>(load_chronology(*cases_, reference)));
      }
    } catch (const AnswerError&) {
      form.case_error =
          "Enter a case reference of up to 64 letters, digits, hyphens, underscores, full stops or slashes";
      if (!is_valid_utf8(reference)) form.case_reference.clear();
    }
    if (!form.case_error.empty() || !form.date_error.empty() || !form.role_error.empty()) {
      if (!is_valid_utf8(form.date)) form.date.clear();
      response.status = 422;
      return response.set_content(start_page(*entry->policy, walks(*id, *entry), store_.csrf_for(*id), form),
                                  html_type);
    }
    const std::string walk_id = store_.start(*id, std::move(started));
    SessionInUrl opened{store_.find(*id, entry->policy->id(), walk_id), walk_id,
                        walk_path(entry->policy->id(), walk_id)};
    redirect_next(opened, response);
  }

  void next(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    if (const SessionInUrl found = session_in_url(id, request, response); found.session) redirect_next(found, response);
  }

  void show_question(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    const SessionInUrl found = session_in_url(id, request, response);
    if (const Question* question = found.session ? this->question(*found.session, request, response) : nullptr)
      response.set_content(question_page(*found.session, found.base, *question, store_.csrf_for(id),
                                         request.get_param_value("return") == "check", {}),
                           html_type);
  }

  void answer(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    SessionInUrl found = id ? session_in_url(*id, request, response) : SessionInUrl{};
    const Question* question = found.session ? this->question(*found.session, request, response) : nullptr;
    if (!question) return;
    const bool from_check = request.get_param_value("return") == "check";
    QuestionForm form;
    Session changed = *found.session;  // committed only once saved, so a failure changes nothing
    try {
      changed.answer(question->id, read_answer_form(*question, request, form), timestamp_now());
    } catch (const AnswerError& e) {
      form.error = plain_reason(*question, e.reason());
      response.status = 422;
      return response.set_content(
          question_page(*found.session, found.base, *question, store_.csrf_for(*id), from_check, form), html_type);
    }
    found.session = &store_.commit(*id, found.id, std::move(changed));
    redirect_next(found, response, from_check && found.session->is_complete());
  }

  void check(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    if (const SessionInUrl found = completed_session(id, request, response); found.session)
      response.set_content(check_page(*found.session, found.base), html_type);
  }

  void outcome(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    if (const SessionInUrl found = completed_session(id, request, response); found.session)
      response.set_content(outcome_page(*found.session, registry_, found.base, store_.csrf_for(id), filing(id, found)), html_type);
  }

  void judge(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const SessionInUrl found = id ? session_in_url(*id, request, response) : SessionInUrl{};
    if (!found.session) return;
    const std::string action_id = request.matches[3].str();
    if (!found.session->policy().find_action(action_id))
      return send_error(response, 404, "Action not found", "This policy has no such action.");
    Session changed = *found.session;  // committed only once saved, so a failure changes nothing
    try {
      const auto judgement = parse<Judgement>(request.get_param_value("judgement"));
      if (!judgement) throw AnswerError(action_id, "Select accept, adapt or decline");
      const std::string reason = request.get_param_value("reason");
      if (!is_valid_utf8(reason))
        throw AnswerError(action_id,
                          "Your reason contains characters that cannot be read as text. "
                          "Retype it and try again");
      changed.judge(action_id, *judgement, reason, timestamp_now());
    } catch (const AnswerError& e) {
      response.status = 422;
      return response.set_content(outcome_page(*found.session, registry_, found.base, store_.csrf_for(*id), filing(*id, found),
                                               action_id, plain_judgement_reason(e.reason())),
                                  html_type);
    }
    store_.commit(*id, found.id, std::move(changed));
    response.set_redirect(fmt::format("{}/outcome#{}", found.base, action_id), 303);
  }

  // Accepts, as recommended, every action without a judgement yet (Session::accept_rest); adapting
  // or declining one still goes through its own form, with a reason.
  void accept_rest(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const SessionInUrl found = id ? session_in_url(*id, request, response) : SessionInUrl{};
    if (!found.session) return;
    Session changed = *found.session;
    changed.accept_rest(timestamp_now());
    store_.commit(*id, found.id, std::move(changed));
    response.set_redirect(found.base + "/outcome#do-now", 303);
  }

  // Adds an action the policy did not recommend (Session::add_action), as the terminal can.
  void add_action(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const SessionInUrl found = id ? completed_session(*id, request, response) : SessionInUrl{};
    if (!found.session) return;
    AddedForm form{{}, request.get_param_value("text"), request.get_param_value("owner"),
                   request.get_param_value("reason")};
    Session changed = *found.session;  // committed only once saved, so a failure changes nothing
    try {
      if (!is_valid_utf8(form.text) || !is_valid_utf8(form.owner) || !is_valid_utf8(form.reason))
        throw AnswerError("added action", "Your text contains characters that cannot be read as text. Retype it");
      changed.add_action({form.text, form.owner, form.reason, timestamp_now()});
    } catch (const AnswerError& e) {
      form.error = plain_judgement_reason(e.reason());
      if (!is_valid_utf8(form.text)) form.text.clear();
      if (!is_valid_utf8(form.owner)) form.owner.clear();
      if (!is_valid_utf8(form.reason)) form.reason.clear();
      response.status = 422;
      return response.set_content(
          outcome_page(*found.session, registry_, found.base, store_.csrf_for(*id), filing(*id, found), {}, {}, form), html_type);
    }
    store_.commit(*id, found.id, std::move(changed));
    response.set_redirect(found.base + "/outcome#added-actions", 303);
  }

  // Files the record with its case in the store, as `waymark run --case` does, once per
  // walk-through: a second press (a double click, a resent form, Back) files nothing and shows
  // the outcome page saying where it is filed.
  void file(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const SessionInUrl found = id ? completed_session(*id, request, response) : SessionInUrl{};
    if (!found.session) return;
    const Filing state = filing(*id, found);
    if (state.state == Filing::filed) return response.set_redirect(found.base + "/outcome#filing", 303);
    if (state.state != Filing::possible)
      return send_error(response, 409, "The record cannot be filed",
                        "Filing needs the case store (waymark serve --db) and a "
                        "walk-through started with a case reference the store holds.");
    if (!gate_.may_see(found.session->case_reference(), "file record", found.session->policy().id(), response)) return;
    // Actions without a judgement would be filed as "No judgement recorded" for good: ask first.
    if (const std::size_t unjudged = found.session->unjudged_actions().size();
        unjudged > 0 && request.get_param_value("confirm") != "yes")
      return response.set_content(confirm_filing_page(*found.session, found.base, store_.csrf_for(*id), unjudged),
                                  html_type);
    const std::string& policy_id = found.session->policy().id();
    const std::string record = evidence_record_json(*found.session, timestamp_now());
    store_.set_filed_record(*id, policy_id, found.id, record);
    ChainEntry entry;
    try {
      entry = cases_->add_record(found.session->case_reference(), record);
    } catch (...) {
      store_.clear_filed_record(*id, policy_id, found.id);
      throw;
    }
    response.set_redirect(fmt::format("/cases/{}?filed={}", found.session->case_reference(), entry.seq), 303);
  }

  void show_record(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    const SessionInUrl found = completed_session(id, request, response);
    if (!found.session) return;
    const Session& session = *found.session;
    const std::string format = request.matches[3].str();
    if (format.empty()) return response.set_content(record_page(session, found.base), html_type);
    const std::string json = evidence_record_json(session, timestamp_now());
    const std::string name = fmt::format("waymark-{}-{}{}", session.policy().id(), session.date().iso(), format);
    response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
    if (format == ".json")
      response.set_content(json + "\n", "application/json");
    else
      response.set_content(render_record(json, RecordStyle::markdown), "text/markdown; charset=utf-8");
  }

  void case_lookup(const httplib::Request& request, httplib::Response& response) {
    browser(request, response);
    const std::string reference = request.get_param_value("case");
    if (!cases_) return response.set_content(case_lookup_page(false, {}, {}), html_type);
    if (reference.empty()) return response.set_content(case_lookup_page(true, {}, {}), html_type);
    if (!Store::valid_reference(reference) || !is_valid_utf8(reference)) {
      response.status = 422;
      return response.set_content(case_lookup_page(true,
                                                   "Enter a case reference of up to 64 letters, digits, hyphens, "
                                                   "underscores, full stops or slashes",
                                                   {}),
                                  html_type);
    }
    if (!cases_->has_case(reference)) {
      response.status = 404;
      return response.set_content(
          case_lookup_page(true, fmt::format("There is no case \u2018{}\u2019 in the case store", reference),
                           reference),
          html_type);
    }
    response.set_redirect("/cases/" + reference, 303);
  }

  void case_view(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    const std::string reference = request.matches[1].str();
    if (!cases_) return response.set_content(case_lookup_page(false, {}, {}), html_type);
    if (!cases_->has_case(reference))
      return send_error(response, 404, "Case not found", "The case store holds no case with that reference.");
    if (!gate_.may_see(reference, "read case", {}, response)) return;
    std::optional<ShareForm> form;
    if (gate_.caller() && may_share(*gate_.caller(), cases_->case_team(reference)))
      form.emplace().csrf = store_.csrf_for(id);
    show_case(reference, request.get_param_value("filed"), form, response);
  }

  // A team manager shares their team's case with another team (Store::share_case).
  void share(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const std::string reference = request.matches[1].str();
    if (!id || !known_case(reference, response)) return;
    ShareForm form;
    form.csrf = store_.csrf_for(*id);
    form.team = trim_spaces(request.get_param_value("team"));
    form.purpose = request.get_param_value("purpose");
    if (!gate_.may_share(reference, "share case", is_valid_utf8(form.team) ? form.team : "", response)) return;
    if (form.team.empty())
      form.error = "Enter the team to share the case with, such as south";
    else if (trim_spaces(form.purpose).empty())
      form.error = "Enter what the other team needs the case for";
    else if (!is_valid_utf8(form.team) || !is_valid_utf8(form.purpose))
      form.error = "Your text contains characters that cannot be read as text. Retype it";
    else
      form.error = store_error_of([&] {
        cases_->share_case(reference, form.team, form.purpose, std::string(to_string(gate_.caller()->role)));
      });
    if (form.error.empty()) return response.set_redirect(fmt::format("/cases/{}#share", reference), 303);
    if (!is_valid_utf8(form.team)) form.team.clear();
    if (!is_valid_utf8(form.purpose)) form.purpose.clear();
    response.status = 422;
    show_case(reference, {}, form, response);
  }

  // Ends a share (Store::end_share), with a reason.
  void end_share(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const std::string reference = request.matches[1].str();
    if (!id || !known_case(reference, response)) return;
    ShareForm form;
    form.csrf = store_.csrf_for(*id);
    form.ending_team = request.matches[2].str();
    form.reason = request.get_param_value("reason");
    if (!gate_.may_share(reference, "end share", form.ending_team, response)) return;
    if (trim_spaces(form.reason).empty())
      form.ending_error = "Enter why the share ends";
    else if (!is_valid_utf8(form.reason))
      form.ending_error = "Your reason contains characters that cannot be read as text. Retype it";
    else
      form.ending_error = store_error_of([&] {
        cases_->end_share(reference, form.ending_team, form.reason, std::string(to_string(gate_.caller()->role)));
      });
    if (form.ending_error.empty()) return response.set_redirect(fmt::format("/cases/{}#share", reference), 303);
    if (!is_valid_utf8(form.reason)) form.reason.clear();
    response.status = 422;
    show_case(reference, {}, form, response);
  }

  // A record filed with the case, as it was filed, with its countersignatures.
  void stored_record(const httplib::Request& request, httplib::Response& response) {
    const std::string id = browser(request, response);
    const std::string reference = request.matches[1].str();
    if (!cases_) return response.set_content(case_lookup_page(false, {}, {}), html_type);
    if (!cases_->has_case(reference))
      return send_error(response, 404, "Case not found", "The case store holds no case with that reference.");
    const std::int64_t seq = std::stoll(request.matches[2].str());
    if (!gate_.may_see(reference, "read record", fmt::format("chain entry {}", seq), response)) return;
    std::optional<CountersignForm> form;
    if (gate_.caller() && may_countersign(gate_.caller()->role)) form = CountersignForm{store_.csrf_for(id), {}, {}};
    show_stored_record(reference, seq, form, response);
  }

  // A team manager's countersignature of a stored record (Store::countersign), by role.
  void countersign(const httplib::Request& request, httplib::Response& response) {
    const auto id = checked_browser(request, response);
    const std::string reference = request.matches[1].str();
    if (!id || !known_case(reference, response)) return;
    const std::int64_t seq = std::stoll(request.matches[2].str());
    if (!gate_.may_countersign(reference, fmt::format("chain entry {}", seq), response)) return;
    CountersignForm form{store_.csrf_for(*id), request.get_param_value("comment"), {}};
    if (trim_spaces(form.comment).empty())
      form.error = "Enter what you checked, and whether you agree";
    else if (!is_valid_utf8(form.comment))
      form.error = "Your comment contains characters that cannot be read as text. Retype it";
    else
      form.error = store_error_of(
          [&] { cases_->countersign(reference, seq, std::string(to_string(gate_.caller()->role)), form.comment); });
    if (form.error.empty()) return response.set_redirect(fmt::format("/cases/{}/records/{}", reference, seq), 303);
    if (!is_valid_utf8(form.comment)) form.comment.clear();
    response.status = 422;
    show_stored_record(reference, seq, form, response);
  }

  void due(const httplib::Request& request, httplib::Response& response) {
    browser(request, response);
    if (!cases_) return response.set_content(case_lookup_page(false, {}, {}), html_type);
    const Date today = Date::today();
    DueFilter filter{request.get_param_value("case"), request.get_param_value("owner"),
                     request.get_param_value("overdue") == "yes"};
    if (!filter.owner.empty() && !Store::valid_role(filter.owner)) {
      response.status = 422;
      filter.owner = is_valid_utf8(filter.owner) ? filter.owner : "";
      if (!is_valid_utf8(filter.reference)) filter.reference.clear();
      return response.set_content(
          due_page({}, today, filter, "Enter the owner as a role id such as line_manager (lower case letters, "
                                      "digits and underscores)"),
          html_type);
    }
    if (!is_valid_utf8(filter.reference)) filter.reference.clear();
    gate_.audit("read due list", due_filter_words(filter));
    const auto sees = gate_.case_visibility();
    std::vector<TrackedAction> shown;
    for (auto& action : cases_->open_actions())
      if (sees(action.case_reference) && (filter.reference.empty() || action.case_reference == filter.reference) &&
          (filter.owner.empty() || action.owner == filter.owner) &&
          (!filter.overdue_only || (action.due && *action.due < today)))
        shown.push_back(std::move(action));
    response.set_content(due_page(with_owner_titles(std::move(shown)), today, filter), html_type);
  }

 private:
  // Filed means the store holds the very record this walk-through was filed with (a store
  // restored from before it, or another store, does not).
  Filing filing(const std::string& browser_id, const SessionInUrl& found) const {
    const Session& session = *found.session;
    const std::string& reference = session.case_reference();
    if (!cases_ || reference.empty()) return {Filing::no_store};
    if (!cases_->has_case(reference)) return {Filing::unknown_case};
    if (const auto record = store_.filed_record(browser_id, session.policy().id(), found.id))
      for (const ChainEntry& entry : cases_->entries(reference))
        if (entry.kind == "record" && entry.body == *record) return {Filing::filed, entry.seq};
    return {Filing::possible};
  }

  // Each action's owner as the policy of its record (by id and version) names the role, as the
  // outcome page does; the role id when that version is not loaded.
  std::vector<OwnedAction> with_owner_titles(std::vector<TrackedAction> actions) {
    std::set<std::string> unread;  // cases holding a record not yet read
    for (const auto& action : actions)
      if (!record_policies_.contains(action.record_seq)) unread.insert(action.case_reference);
    for (const auto& reference : unread)
      for (const ChainEntry& entry : cases_->entries(reference))
        if (entry.kind == "record") record_policies_.emplace(entry.seq, policy_of(entry.body));
    std::vector<OwnedAction> owned;
    for (auto& action : actions) {
      const auto found = record_policies_.find(action.record_seq);
      const Policy* policy = found == record_policies_.end() ? nullptr : found->second.get();
      std::string title(policy ? policy->role_title(action.owner) : action.owner);
      owned.push_back({std::move(action), std::move(title)});
    }
    return owned;
  }

  std::shared_ptr<const Policy> policy_of(std::string_view record_json) const {
    const auto named = record_policy(record_json);
    if (named)
      for (const PolicyEntry* entry : registry_.versions(named->id))
        if (entry->policy->info().version == named->version) return entry->policy;
    return nullptr;
  }

  // The due list's filter in words, for the audit trail.
  static std::string due_filter_words(const DueFilter& filter) {
    std::string words;
    if (!filter.reference.empty()) words += "case " + filter.reference;
    if (!filter.owner.empty()) words += (words.empty() ? "" : ", ") + std::string("owner ") + filter.owner;
    if (filter.overdue_only) words += (words.empty() ? "" : ", ") + std::string("overdue only");
    return words.empty() ? "all open actions" : words;
  }

  // Whether the store holds the case; otherwise sends a 404 page.
  bool known_case(const std::string& reference, httplib::Response& response) {
    if (cases_ && cases_->has_case(reference)) return true;
    send_error(response, 404, "Case not found", "The case store holds no case with that reference.");
    return false;
  }

  // What a change to the store was refused for (empty: it was made).
  static std::string store_error_of(const std::function<void()>& change) {
    try {
      change();
      return {};
    } catch (const StoreError& e) {
      return e.what();
    }
  }

  void show_case(const std::string& reference, std::string_view filed, const std::optional<ShareForm>& form,
                 httplib::Response& response) {
    const auto owned = with_owner_titles(cases_->open_actions(reference));
    response.set_content(case_page(reference, cases_->case_team(reference), cases_->events(reference),
                                   cases_->entries(reference), owned, filed, Date::today(), registry_, form),
                         html_type);
  }

  void show_stored_record(const std::string& reference, std::int64_t seq, const std::optional<CountersignForm>& form,
                          httplib::Response& response) {
    const auto entries = cases_->entries(reference);
    for (const ChainEntry& entry : entries) {
      if (entry.seq != seq || entry.kind != "record" || entry.body.empty()) continue;
      RecordFiling filing{entry.seq, entry.hash, {}};
      for (const Countersignature& c : countersignatures(entries))
        if (c.record_seq == seq) filing.countersignatures.push_back({c.seq, c.role, c.at, c.comment});
      try {
        return response.set_content(
            stored_record_page(reference, seq, render_record(entry.body, RecordStyle::html, &filing), form),
            html_type);
      } catch (const RecordError& e) {
        return send_error(response, 500, "The record cannot be read", e.what());
      }
    }
    send_error(response, 404, "Record not found",
               "The case has no record in that chain entry. The case page lists its records.");
  }

  const PolicyRegistry& registry_;
  SessionStore& store_;
  Store* cases_;
  Gatekeeper gate_;
  // The policy each stored record was made under (null if not loaded), by chain entry: records
  // never change, so each is read once.
  std::map<std::int64_t, std::shared_ptr<const Policy>> record_policies_;
};

// The URLs, in the order they are tried. A new page is one line here and one member above.
const std::vector<Routes::Route>& Routes::table() {
  static const std::vector<Route> routes{
      {Method::get, "/assets/{id}", &Routes::asset, Need::nothing, false},
      {Method::put, ".*", &Routes::not_allowed, Need::nothing, false},
      {Method::patch, ".*", &Routes::not_allowed, Need::nothing, false},
      {Method::del, ".*", &Routes::not_allowed, Need::nothing, false},
      {Method::options, ".*", &Routes::not_allowed, Need::nothing, false},
      {Method::get, "/sign-in", &Routes::sign_in_form, Need::nothing},
      {Method::post, "/sign-in", &Routes::sign_in, Need::nothing},
      {Method::post, "/sign-out", &Routes::sign_out, Need::signed_in},
      {Method::get, "/", &Routes::policy_list, Need::signed_in},
      {Method::get, "{policy}", &Routes::policy_start, Need::signed_in},
      {Method::post, "{policy}/start", &Routes::start_walk, Need::change},
      {Method::get, "{walk}/next", &Routes::next, Need::signed_in},
      {Method::get, "{walk}/questions/{id}", &Routes::show_question, Need::signed_in},
      {Method::post, "{walk}/questions/{id}", &Routes::answer, Need::change},
      {Method::get, "{walk}/check", &Routes::check, Need::signed_in},
      {Method::get, "{walk}/outcome", &Routes::outcome, Need::signed_in},
      {Method::post, "{walk}/actions/{id}", &Routes::judge, Need::change},
      {Method::post, "{walk}/accept-rest", &Routes::accept_rest, Need::change},
      {Method::post, "{walk}/added-actions", &Routes::add_action, Need::change},
      {Method::post, "{walk}/file", &Routes::file, Need::change},
      {Method::get, "{walk}/record(|\\.json|\\.md)", &Routes::show_record, Need::signed_in},
      {Method::get, "/cases", &Routes::case_lookup, Need::case_content},
      {Method::get, "/cases/([A-Za-z0-9_./-]+)/records/([0-9]{1,18})", &Routes::stored_record, Need::case_content},
      {Method::post, "/cases/([A-Za-z0-9_./-]+)/records/([0-9]{1,18})/countersign", &Routes::countersign, Need::change},
      {Method::post, "/cases/([A-Za-z0-9_./-]+)/shares", &Routes::share, Need::change},
      {Method::post, "/cases/([A-Za-z0-9_./-]+)/shares/([a-z0-9][a-z0-9._-]{0,63})/end", &Routes::end_share, Need::change},
      {Method::get, "/cases/([A-Za-z0-9_./-]+)", &Routes::case_view, Need::case_content},
      {Method::get, "/due", &Routes::due, Need::case_content},
  };
  return routes;
}

// A table pattern as a regular expression: each placeholder becomes its capture groups (a
// policy's id; then a walk-through's id; an id of a question, action or asset).
std::string expand(std::string_view pattern) {
  static const std::pair<std::string_view, std::string_view> placeholders[] = {
      {"{policy}", "/policies/([A-Za-z0-9_.-]+)"},
      {"{walk}", "/policies/([A-Za-z0-9_.-]+)/walks/([0-9a-f]{8})"},
      {"{id}", "([A-Za-z0-9_.-]+)"},
  };
  std::string regex;
  while (!pattern.empty()) {
    bool replaced = false;
    for (const auto& [name, expansion] : placeholders)
      if (pattern.starts_with(name)) {
        regex += expansion;
        pattern.remove_prefix(name.size());
        replaced = true;
        break;
      }
    if (!replaced) {
      regex += pattern.front();
      pattern.remove_prefix(1);
    }
  }
  return regex;
}

void add_route(httplib::Server& server, const std::shared_ptr<Routes>& routes, const Routes::Route& route) {
  const std::string pattern = expand(route.pattern);
  Handler handler = [routes = routes.get(), route](const httplib::Request& request, httplib::Response& response) {
    if (!route.locks_store) return (routes->*route.handle)(request, response);
    std::lock_guard lock(routes->mutex());
    if (!routes->gate().admit(route.need, request, response)) return;
    (routes->*route.handle)(request, response);
    routes->gate().add_account_menu(response);
  };
  switch (route.method) {
    case Method::get: server.Get(pattern, std::move(handler)); break;
    case Method::post: post_form(server, pattern, std::move(handler)); break;
    case Method::put: server.Put(pattern, std::move(handler)); break;
    case Method::patch: server.Patch(pattern, std::move(handler)); break;
    case Method::del: server.Delete(pattern, std::move(handler)); break;
    case Method::options: server.Options(pattern, std::move(handler)); break;
  }
}

}  // namespace

void send_error(httplib::Response& response, int status, std::string_view title, std::string_view message) {
  response.status = status;
  response.set_content(error_page(title, message), html_type);
}

std::shared_ptr<void> add_routes(httplib::Server& server, const PolicyRegistry& registry, SessionStore& store,
                                 Store* cases, const SignInOptions& sign_in) {
  auto routes = std::make_shared<Routes>(registry, store, cases, sign_in);
  for (const Routes::Route& route : Routes::table()) add_route(server, routes, route);
  return routes;
}

}  // namespace waymark::web
