// Email over SMTP with libcurl: email_server ("host" or "host:port"; port 465
// means TLS from the start, others STARTTLS when the server offers it),
// email_account/email_pwd for AUTH, email_from, email_to (a list).
#include <cstring>
#include <ctime>
#include <memory>

#include "net/curl.h"
#include "notify/notify.h"
#include "util/strings.h"

namespace nzbd::notify {
namespace {

// A header value from outside (job names) must not start a header of its own.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  return s;
}

struct Upload {
  std::string data;
  size_t sent = 0;
};

size_t read_payload(char* out, size_t size, size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t n = std::min(size * count, u->data.size() - u->sent);
  std::memcpy(out, u->data.data() + u->sent, n);
  u->sent += n;
  return n;
}

std::string rfc2822_now() {
  char buf[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

Status send_email(const config::Config& cfg, const std::string& subject, const std::string& body) {
  std::string server = cfg.misc("email_server");
  auto to = cfg.misc_list("email_to");
  std::string from = cfg.misc("email_from");
  if (server.empty()) return make_error("no email server is set (email_server)");
  if (to.empty() || from.empty()) return make_error("email_to and email_from must both be set");
  bool implicit_tls = server.size() > 4 && server.substr(server.size() - 4) == ":465";
  std::string url = (implicit_tls ? "smtps://" : "smtp://") + server;

  Upload up;
  up.data = "Date: " + rfc2822_now() + "\r\nFrom: " + one_line(from) + "\r\nTo: ";
  for (size_t i = 0; i < to.size(); ++i) up.data += (i ? ", " : "") + one_line(to[i]);
  up.data += "\r\nSubject: " + one_line(subject) +
             "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;

  auto api = net::curl();
  if (!api) return api.error();
  const net::Curl& k = **api;
  std::unique_ptr<CURL, decltype(k.easy_cleanup)> curl(k.easy_init(), k.easy_cleanup);
  if (!curl) return make_error("cannot start libcurl");
  curl_slist* rcpt = nullptr;
  for (const auto& r : to) rcpt = k.slist_append(rcpt, ("<" + one_line(r) + ">").c_str());
  std::unique_ptr<curl_slist, decltype(k.slist_free_all)> rcpt_guard(rcpt, k.slist_free_all);
  CURL* h = curl.get();
  k.easy_setopt(h, CURLOPT_URL, url.c_str());
  k.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  k.easy_setopt(h, CURLOPT_MAIL_FROM, ("<" + one_line(from) + ">").c_str());
  k.easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  k.easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
  k.easy_setopt(h, CURLOPT_READDATA, &up);
  k.easy_setopt(h, CURLOPT_UPLOAD, 1L);
  k.easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  // A server that hangs costs this much, on the notifier's own thread.
  k.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
  k.easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  k.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  std::string account = cfg.misc("email_account"), password = cfg.misc("email_pwd");
  if (!account.empty()) {
    k.easy_setopt(h, CURLOPT_USERNAME, account.c_str());
    k.easy_setopt(h, CURLOPT_PASSWORD, password.c_str());
  }
  char error[CURL_ERROR_SIZE] = {};
  k.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = k.easy_perform(h);
  if (rc != CURLE_OK)
    return make_error("sending email via " + server +
                      " failed: " + (error[0] ? std::string(error) : k.easy_strerror(rc)));
  return ok_status();
}

}  // namespace nzbd::notify
