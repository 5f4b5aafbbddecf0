// The sign-in page, and the account's place in the header once signed in.
#pragma once

#include <string>
#include <string_view>

namespace waymark::web {

// What was typed into the sign-in form, with why it was refused. The password is never shown again.
struct SignInForm {
  std::string account;
  std::string error;
  // The page asked for before signing in (a path on this site), to go on to after.
  std::string next;
};

std::string sign_in_page(std::string_view csrf, const SignInForm& form = {});
// Shown when the proxy that signs users in did not name an account this store knows.
std::string proxy_refused_page(std::string_view reason);
// `page` with the signed-in account, its role and a sign-out button added to the header menu.
std::string with_account_menu(std::string page, std::string_view account, std::string_view role_title,
                              std::string_view csrf, bool can_sign_out);
// Whether `next` is a path on this site (not `//elsewhere` or `https://...`), safe to redirect to.
bool is_local_path(std::string_view next);

}  // namespace waymark::web
