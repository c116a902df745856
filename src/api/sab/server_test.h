// mode=config&name=test_server: one NNTP connection to a server the user is
// about to save, to tell whether host, port, TLS and login work.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/message.h"

namespace nzbd::api::sab {

struct ServerTestResult {
  bool ok = false;
  std::string message;  // SABnzbd's wording where it has one
};

// params: host, port, username, password, ssl, ssl_verify, connections,
// timeout, server. stored_password(name) gives the saved password of server
// `name` (or of the first server whose host matches when name is empty) when
// the form sends the mask; nullopt when there is none.
using StoredPassword = std::function<std::optional<std::string>(const std::string& server, const std::string& host)>;
ServerTestResult test_nntp_server(const http::Params& params, const StoredPassword& stored_password);

}  // namespace nzbd::api::sab
