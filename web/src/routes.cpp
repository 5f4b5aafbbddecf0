#include "routes.h"

#include <fmt/format.h>
#include <waymark/record.h>
#include <waymark/web/server.h>

#include <functional>

#include "answer_form.h"
#include "assets.h"
#include "csrf.h"
#include "pages.h"

namespace waymark::web {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";
constexpr const char* policy_id_pattern = "([A-Za-z0-9_.-]+)";

std::string cookie_value(const httplib::Request& request, std::string_view name) {
  const std::string cookies = request.get_header_value("Cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
  }
  return {};
}

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Debian's libcpp-httplib is compiled with an 8 KiB limit on url-encoded forms
// (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH, fixed inside the shared library, so a macro
// here cannot raise it). These handlers read the body themselves, up to max_body_bytes.
void post_form(httplib::Server& server, const std::string& pattern, Handler handler) {
  server.Post(pattern, [handler = std::move(handler)](const httplib::Request& request,
                                                      httplib::Response& response,
                                                      const httplib::ContentReader& reader) {
    std::string body;
    reader([&body](const char* data, std::size_t length) {
      body.append(data, length);
      return body.size() <= max_body_bytes;
    });
    if (body.size() > max_body_bytes)
      return send_error(
          response, 413, "Too much was sent",
          "The form sent more than this page accepts. Shorten your answer and try again.");
    if (response.status == 413) return;  // the library refused a Content-Length over the limit
    httplib::Request form = request;
    if (form.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded"))
      httplib::detail::parse_query_text(body, form.params);
    form.body = std::move(body);
    handler(form, response);
  });
}

// Everything a handler needs about the request: who is asking, and which walk-through.
class Routes {
 public:
  Routes(const PolicyRegistry& registry, SessionStore& store)
      : registry_(registry), store_(store) {}

  // The browser's id, giving it a new one (and its cookie) on its first visit.
  std::string browser(const httplib::Request& request, httplib::Response& response) {
    std::string id = cookie_value(request, session_cookie);
    if (store_.is_known(id)) return id;
    id = store_.new_browser();
    response.set_header("Set-Cookie",
                        fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000",
                                    session_cookie, id));
    return id;
  }

  // The browser's id if the form carries its CSRF token; otherwise sends 403 and returns nothing.
  std::optional<std::string> checked_browser(const httplib::Request& request,
                                             httplib::Response& response) {
    const std::string id = cookie_value(request, session_cookie);
    if (store_.is_known(id) && same_token(store_.csrf_for(id), request.get_param_value("csrf")))
      return id;
    send_error(response, 403, "This form has expired",
               "The form was not sent from this page, or your session has ended. Go back, reload "
               "the page and try again.");
    return std::nullopt;
  }

  const PolicyEntry* policy(const httplib::Request& request, httplib::Response& response) {
    const PolicyEntry* entry = registry_.find(request.matches[1].str());
    if (!entry)
      send_error(response, 404, "Policy not found",
                 "There is no policy with that name. Choose one from the list.");
    return entry;
  }

  // The walk-through in progress, or a redirect to the policy's start page.
  Session* session(const std::string& browser_id, const PolicyEntry& entry,
                   httplib::Response& response) {
    Session* session = store_.find(browser_id, entry.policy->id());
    if (!session) response.set_redirect(policy_path(entry.policy->id()), 303);
    return session;
  }

  const Question* question(const Session& session, const httplib::Request& request,
                           httplib::Response& response) {
    const Question* question = session.policy().find_question(request.matches[2].str());
    if (!question)
      send_error(response, 404, "Question not found", "This policy has no such question.");
    else if (!session.is_applicable(question->id)) {
      send_error(response, 404, "Question not asked",
                 "Given your answers so far, this question is not asked.");
      return nullptr;
    }
    return question;
  }

  // The browser's finished walk-through of the policy in the URL; otherwise sends a 404 or a
  // redirect (to the start page, or to the first question still to answer) and returns nullptr.
  Session* completed_session(const std::string& browser_id, const httplib::Request& request,
                             httplib::Response& response) {
    const PolicyEntry* entry = policy(request, response);
    Session* found = entry ? session(browser_id, *entry, response) : nullptr;
    if (found && !found->is_complete()) {
      redirect_next(*found, response);
      return nullptr;
    }
    return found;
  }

  void redirect_next(const Session& session, httplib::Response& response, bool to_check = false) {
    const std::string path = policy_path(session.policy().id());
    const Question* next = session.next_question();
    response.set_redirect(
        next && !to_check ? fmt::format("{}/questions/{}", path, next->id) : path + "/check", 303);
  }

  void add(httplib::Server& server) {
    const std::string policy = std::string("/policies/") + policy_id_pattern;
    server.Get("/assets/([A-Za-z0-9_.-]+)", [](const httplib::Request& request,
                                               httplib::Response& response) {
      const Asset* asset = find_asset(request.path);
      if (!asset)
        return send_error(response, 404, "Page not found",
                          "Check the address, or go to the list of policies.");
      response.headers.erase("Cache-Control");  // the default is no-store, for pages with answers
      response.set_header("Cache-Control", "max-age=3600");
      response.set_content(std::string(asset->body), std::string(asset->content_type));
    });
    // Only GET and POST mean anything here.
    const auto not_allowed = [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Allow", "GET, HEAD, POST");
      send_error(response, 405, "Not allowed", "This page can only be opened or sent as a form.");
    };
    server.Put(".*", not_allowed);
    server.Patch(".*", not_allowed);
    server.Delete(".*", not_allowed);
    server.Options(".*", not_allowed);
    server.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(store_.mutex());
      browser(request, response);
      response.set_content(policy_list_page(registry_, Date::today()), html_type);
    });
    server.Get(policy, [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(store_.mutex());
      const std::string id = browser(request, response);
      if (const PolicyEntry* entry = this->policy(request, response))
        response.set_content(
            start_page(*entry->policy, store_.find(id, entry->policy->id()) != nullptr,
                       store_.csrf_for(id)),
            html_type);
    });
    post_form(server, policy + "/start",
              [this](const httplib::Request& request, httplib::Response& response) {
                std::lock_guard lock(store_.mutex());
                const auto id = checked_browser(request, response);
                const PolicyEntry* entry = id ? this->policy(request, response) : nullptr;
                if (!entry) return;
                Session started(entry->policy, Date::today());
                try {
                  if (const std::string reference = request.get_param_value("case");
                      !reference.empty())
                    started.set_case_reference(reference);
                } catch (const AnswerError& e) {
                  return send_error(response, 422, "Check the case reference", e.reason());
                }
                redirect_next(store_.commit(*id, std::move(started)), response);
              });
    server.Get(policy + "/next",
               [this](const httplib::Request& request, httplib::Response& response) {
                 std::lock_guard lock(store_.mutex());
                 const std::string id = browser(request, response);
                 if (const PolicyEntry* entry = this->policy(request, response))
                   if (Session* session = this->session(id, *entry, response))
                     redirect_next(*session, response);
               });
    server.Get(policy + "/questions/([A-Za-z0-9_.-]+)", [this](const httplib::Request& request,
                                                               httplib::Response& response) {
      std::lock_guard lock(store_.mutex());
      const std::string id = browser(request, response);
      const PolicyEntry* entry = this->policy(request, response);
      Session* session = entry ? this->session(id, *entry, response) : nullptr;
      if (const Question* question =
              session ? this->question(*session, request, response) : nullptr)
        response.set_content(question_page(*session, *question, store_.csrf_for(id),
                                           request.get_param_value("return") == "check", {}),
                             html_type);
    });
    post_form(server, policy + "/questions/([A-Za-z0-9_.-]+)",
              [this](const httplib::Request& request, httplib::Response& response) {
                std::lock_guard lock(store_.mutex());
                const auto id = checked_browser(request, response);
                const PolicyEntry* entry = id ? this->policy(request, response) : nullptr;
                Session* session = entry ? this->session(*id, *entry, response) : nullptr;
                const Question* question =
                    session ? this->question(*session, request, response) : nullptr;
                if (!question) return;
                const bool from_check = request.get_param_value("return") == "check";
                QuestionForm form;
                Session changed =
                    *session;  // committed only once saved, so a failure changes nothing
                try {
                  changed.answer(question->id, read_answer_form(*question, request, form),
                                 timestamp_now());
                } catch (const AnswerError& e) {
                  form.error = e.reason();
                  response.status = 422;
                  return response.set_content(
                      question_page(*session, *question, store_.csrf_for(*id), from_check, form),
                      html_type);
                }
                const Session& saved = store_.commit(*id, std::move(changed));
                redirect_next(saved, response, from_check && saved.is_complete());
              });
    server.Get(policy + "/check",
               [this](const httplib::Request& request, httplib::Response& response) {
                 std::lock_guard lock(store_.mutex());
                 const std::string id = browser(request, response);
                 Session* session = completed_session(id, request, response);
                 if (!session) return;
                 response.set_content(check_page(*session), html_type);
               });
    server.Get(policy + "/outcome",
               [this](const httplib::Request& request, httplib::Response& response) {
                 std::lock_guard lock(store_.mutex());
                 const std::string id = browser(request, response);
                 Session* session = completed_session(id, request, response);
                 if (!session) return;
                 response.set_content(outcome_page(*session, store_.csrf_for(id)), html_type);
               });
    post_form(
        server, policy + "/actions/([A-Za-z0-9_.-]+)",
        [this](const httplib::Request& request, httplib::Response& response) {
          std::lock_guard lock(store_.mutex());
          const auto id = checked_browser(request, response);
          const PolicyEntry* entry = id ? this->policy(request, response) : nullptr;
          Session* session = entry ? this->session(*id, *entry, response) : nullptr;
          if (!session) return;
          const std::string action_id = request.matches[2].str();
          if (!session->policy().find_action(action_id))
            return send_error(response, 404, "Action not found", "This policy has no such action.");
          Session changed = *session;  // committed only once saved, so a failure changes nothing
          try {
            const auto judgement = parse_judgement(request.get_param_value("judgement"));
            if (!judgement) throw AnswerError(action_id, "Select accept, adapt or decline");
            const std::string reason = request.get_param_value("reason");
            if (!is_utf8(reason))
              throw AnswerError(action_id,
                                "Your reason contains characters that cannot be read as text. "
                                "Retype it and try again");
            changed.decide(action_id, *judgement, reason, timestamp_now());
          } catch (const AnswerError& e) {
            response.status = 422;
            return response.set_content(
                outcome_page(*session, store_.csrf_for(*id), action_id, e.reason()), html_type);
          }
          store_.commit(*id, std::move(changed));
          response.set_redirect(
              fmt::format("{}/outcome#{}", policy_path(entry->policy->id()), action_id), 303);
        });
    server.Get(policy + "/record(|\\.json|\\.md)", [this](const httplib::Request& request,
                                                          httplib::Response& response) {
      std::lock_guard lock(store_.mutex());
      const std::string id = browser(request, response);
      Session* session = completed_session(id, request, response);
      if (!session) return;
      const std::string format = request.matches[2].str();
      if (format.empty()) return response.set_content(record_page(*session), html_type);
      const std::string json = evidence_record_json(*session, timestamp_now());
      const std::string name =
          fmt::format("waymark-{}-{}{}", session->policy().id(), session->date().iso(), format);
      response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
      if (format == ".json")
        response.set_content(json + "\n", "application/json");
      else
        response.set_content(render_record(json, RecordStyle::markdown),
                             "text/markdown; charset=utf-8");
    });
  }

 private:
  const PolicyRegistry& registry_;
  SessionStore& store_;
};

}  // namespace

void send_error(httplib::Response& response, int status, std::string_view title,
                std::string_view message) {
  response.status = status;
  response.set_content(error_page(title, message), html_type);
}

std::shared_ptr<void> add_routes(httplib::Server& server, const PolicyRegistry& registry,
                                 SessionStore& store) {
  auto routes = std::make_shared<Routes>(registry, store);
  routes->add(server);
  return routes;
}

}  // namespace waymark::web
