// Reply handling of a connection: setup commands (greeting, AUTHINFO),
// pipelined BODY replies, and MODE READER when an INN in transit mode answers
// BODY with 401/502 MODE-READER.
#include <algorithm>
#include <cctype>

#include "nntp/connection.h"

namespace nzbd::nntp {
namespace {
std::string lower(std::string_view line) {
  std::string out(line);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
bool mentions_mode_reader(std::string_view line) {
  const std::string l = lower(line);
  return l.find("mode-reader") != std::string::npos || l.find("mode reader") != std::string::npos;
}
bool mentions_transit_mode(std::string_view line) { return lower(line).find("transit mode") != std::string::npos; }
}  // namespace

void Connection::process() {
  process_replies();
  publish_work();
}

void Connection::publish_work() {
  uint64_t w = 0;
  for (const auto& p : expect_)
    if (p.cmd == Cmd::Body) {
      w = p.art.token + 1;
      break;
    }
  working_.store(w, std::memory_order_relaxed);
}

std::optional<uint64_t> Connection::working_on() const {
  uint64_t w = working_.load(std::memory_order_relaxed);
  if (w == 0) return std::nullopt;
  return w - 1;
}

void Connection::process_replies() {
  const uint64_t g = gen_;
  while (g == gen_) {
    if (expect_.empty()) {
      if (!reader_.empty()) shut("unexpected data from server");
      return;
    }
    auto ev = reader_.next();
    switch (ev.kind) {
      case ResponseReader::Event::NeedMore:
        return;
      case ResponseReader::Event::Error:
        return fail(std::string(ev.line), lost_kind());
      case ResponseReader::Event::Body: {
        const ArticleRef art = expect_.front().art;
        expect_.pop_front();
        --bodies_;
        server_->ok.fetch_add(1, std::memory_order_relaxed);
        server_->on_reply();
        core_.source.on_body(server_->index, art, ev.data, ev.size);
        fill();
        break;
      }
      case ResponseReader::Event::Status:
        if (!on_status(ev.code, ev.line)) return;
        break;
    }
  }
}

// Returns false when the connection was closed.
bool Connection::on_status(int code, std::string_view line) {
  const Cmd cmd = expect_.front().cmd;
  if (cmd == Cmd::Body) return on_body_status(code, line);
  expect_.pop_front();
  const ServerConfig& cfg = server_->cfg;
  switch (cmd) {
    case Cmd::Greeting:
      if (code == 200 || code == 201) {
        after_greeting(line);
        return true;
      }
      fail("server refused connection: " + std::string(line),
           code == 502 ? FailureKind::Refused : FailureKind::Transient);
      return false;
    case Cmd::AuthUser:
      if (code == 281) {
        setup_done();
        return true;
      }
      if (code == 381) {
        send_command(Cmd::AuthPass, "AUTHINFO PASS " + cfg.password + "\r\n");
        return true;
      }
      break;
    case Cmd::AuthPass:
      if (code == 281) {
        setup_done();
        return true;
      }
      break;
    case Cmd::ModeReader:
      if (code == 200 || code == 201) {
        start_auth();  // the reader process behind MODE READER wants its own login
        return true;
      }
      fail("MODE READER refused: " + std::string(line), FailureKind::Transient);
      return false;
    case Cmd::Body:
      break;
  }
  fail("authentication failed: " + std::string(line), FailureKind::Auth);
  return false;
}

bool Connection::on_body_status(int code, std::string_view line) {
  const bool stat_only = expect_.front().art.stat_only;
  if (code == 222 && !stat_only) {
    reader_.begin_body();
    return true;
  }
  const ArticleRef art = expect_.front().art;
  expect_.pop_front();
  --bodies_;
  server_->on_reply();  // whatever it says, the server answers
  if (code == 223 && stat_only) {
    server_->ok.fetch_add(1, std::memory_order_relaxed);
    core_.source.on_stat(server_->index, art);
    fill();
    return true;
  }
  const bool has_login = !server_->cfg.username.empty();
  if (code == 430 || code == 423) {
    report_failure(art, FetchStatus::NotFound, line);
    // Ask for the next article as after a body: without it a connection
    // whose last reply was a 430 never asks again (wake() only reaches
    // connections that are waiting), and a job queued after a job with
    // missing articles did not start.
    fill();
    return true;
  }
  if (code == 480) {  // credentials, if any, were sent before the first BODY
    resend_.push_back(art);
    fail(has_login ? "authentication rejected: " + std::string(line)
                   : "server requires a username and password",
         FailureKind::Auth);
    return false;
  }
  if (code == 401 || (code == 502 && mentions_mode_reader(line))) {
    if (!mode_reader_sent_ || recovering_) {  // recovering: sent before MODE READER
      begin_mode_reader(art);
      return true;
    }
  }
  report_failure(art, FetchStatus::Failed, line);
  if (code >= 400 && code < 500 && code != 400 && code != 401) return true;  // e.g. 451: keep going
  // A success code that does not answer BODY (a desynchronised reply) is
  // about this article; 400/5xx are about the server.
  fail("server error: " + std::string(line), code < 400 ? lost_kind() : FailureKind::Transient);
  return false;
}

// INN announces "(transit mode)" in its greeting: ask for the reader at once.
void Connection::after_greeting(std::string_view greeting) {
  if (mentions_transit_mode(greeting)) {
    mode_reader_sent_ = true;
    send_command(Cmd::ModeReader, "MODE READER\r\n");
    return;
  }
  start_auth();
}

void Connection::start_auth() {
  const ServerConfig& cfg = server_->cfg;
  if ((cfg.username + cfg.password).find_first_of("\r\n") != std::string::npos) {
    fail("username or password contains a line break", FailureKind::Auth);
    return;
  }
  if (!cfg.username.empty()) {
    send_command(Cmd::AuthUser, "AUTHINFO USER " + cfg.username + "\r\n");
  } else {
    setup_done();
  }
}

// An INN in transit mode refuses BODY with 401 MODE-READER: hold the article
// (and the others already sent), send MODE READER once, and resend them after.
void Connection::begin_mode_reader(const ArticleRef& art) {
  resend_.push_back(art);
  if (recovering_) return;
  recovering_ = true;
  setup_ = true;
  mode_reader_sent_ = true;
  send_command(Cmd::ModeReader, "MODE READER\r\n");
}

void Connection::setup_done() {
  setup_ = false;
  recovering_ = false;
  state_ = State::Ready;
  backoff_s_ = 0;
  if (!ready_counted_) {
    ready_counted_ = true;
    server_->on_ready();
  }
  while (!resend_.empty()) {
    unsent_.push_front(resend_.back());
    resend_.pop_back();
  }
  fill();
  send_unsent();
}

void Connection::send_command(Cmd cmd, const std::string& text) {
  expect_.push_back(Pending{cmd});
  queue_write(text);
}

void Connection::send_unsent() {
  if (unsent_.empty() || !t_) return;
  if (bodies_ == 0) {  // the slow-reply window starts with the first request
    window_start_ = std::chrono::steady_clock::now();
    window_bytes_ = 0;
  }
  std::string out;
  out.reserve(unsent_.size() * 64);
  while (!unsent_.empty()) {
    const ArticleRef art = unsent_.front();
    unsent_.pop_front();
    expect_.push_back(Pending{Cmd::Body, art});
    ++bodies_;
    out.append(art.stat_only ? "STAT <" : "BODY <").append(art.message_id).append(">\r\n");
  }
  publish_work();
  queue_write(out);
}

}  // namespace nzbd::nntp
