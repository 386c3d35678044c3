// Contacts and participants sign in by e-mail link: the answer is the same whether or not the address is known;
// the link works once, for 15 minutes, is stored hashed, and is used by a POST from the page it opens, so that a
// mail scanner following the link does not spend it. Links are built from the configured public URL.
#pragma once
#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "app/sign_in.hpp"

namespace kenshu::app {

// Sends a link when the address belongs to a contact or member of an application; always returns normally.
void request_email_link(App& app, const std::string& email, Lang lang, const Client& client);

// Spends the link and starts a session; throws auth.email_link_invalid for an unknown, used or expired link.
SessionTicket confirm_email_link(App& app, const std::string& token, const Client& client,
                                 const std::string& previous_token);

std::string email_sign_in_link(const App& app, const std::string& token);

}  // namespace kenshu::app
