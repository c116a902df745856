// Notifications against the real binary: the script notifier (test_nscript,
// and complete/failed jobs from the fake news server) and email through a
// small SMTP server in the test (test_email, email_endjob).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <mutex>

#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

// A listening socket on 127.0.0.1 at a free port (written to `port`).
int listen_on_loopback(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(fd, 4);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  return fd;
}

// Answers SMTP as a mail server would and keeps every message it was given.
class TinySmtp {
 public:
  TinySmtp() {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~TinySmtp() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }

 private:
  void serve() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      talk(c);
      ::close(c);
    }
  }
  static void say(int c, const std::string& s) { (void)::write(c, s.data(), s.size()); }
  void talk(int c) {
    say(c, "220 tiny ESMTP\r\n");
    std::string buf, data;
    bool in_data = false;
    char chunk[4096];
    for (ssize_t n; (n = ::read(c, chunk, sizeof chunk)) > 0;) {
      buf.append(chunk, static_cast<size_t>(n));
      for (size_t eol; (eol = buf.find("\r\n")) != std::string::npos;) {
        std::string line = buf.substr(0, eol);
        buf.erase(0, eol + 2);
        if (in_data) {
          if (line == ".") {
            in_data = false;
            std::lock_guard lock(mu_);
            messages_.push_back(data);
            say(c, "250 queued\r\n");
          } else {
            data += line + "\n";
          }
          continue;
        }
        std::string verb = line.substr(0, 4);
        if (verb == "EHLO" || verb == "HELO") say(c, "250 tiny\r\n");
        else if (verb == "MAIL" || verb == "RCPT") say(c, "250 ok\r\n");
        else if (verb == "DATA") { in_data = true; data.clear(); say(c, "354 go ahead\r\n"); }
        else if (verb == "QUIT") { say(c, "221 bye\r\n"); return; }
        else say(c, "250 ok\r\n");
      }
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> messages_;
};

// Takes SMTP connections and never says a word (a mail server that hangs).
class HangingSmtp {
 public:
  HangingSmtp() {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] {
      for (int c; (c = ::accept(fd_, nullptr, nullptr)) >= 0;) {
        std::lock_guard lock(mu_);
        held_.push_back(c);
      }
    });
  }
  ~HangingSmtp() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    for (int c : held_) ::close(c);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<int> held_;
};

class SabNotify : public SabDownloadFixture {
 protected:
  void TearDown() override {
    for (const char* k : {"nscript_enable", "nscript_script", "nscript_parameters", "email_server", "email_to",
                          "email_from", "email_endjob", "nscript_prio_pause_resume", "nscript_prio_pp",
                          "nscript_prio_warning", "prowl_apikey"})
      json(std::string("mode=set_config_default&keyword=") + k);
  }
  static void set_misc(const std::string& key, const std::string& value) {
    OJson r = json("mode=set_config&section=misc&keyword=" + key + "&value=" + value);
    ASSERT_FALSE(r.contains("error")) << r.dump();
  }
  // A notification script that appends "type|title|message|parameters" to `log`.
  fs::path install_script(const fs::path& log) {
    fs::path dir = d().home() / "nscripts";
    fs::create_directories(dir);
    write_text(dir / "notify.sh", "#!/bin/sh\nprintf '%s|%s|%s|%s\\n' \"$1\" \"$2\" \"$3\" \"$4\" >> '" +
                                      log.string() + "'\n");
    ::chmod((dir / "notify.sh").c_str(), 0755);
    set_misc("script_dir", url_encode(dir.string()));
    set_misc("nscript_script", "notify.sh");
    set_misc("nscript_parameters", "extra");
    return dir / "notify.sh";
  }
  static std::string wait_text(const fs::path& p, const std::string& needle, int seconds = 20) {
    std::string text;
    for (int i = 0; i < seconds * 10; ++i) {
      text = fs::exists(p) ? read_text(p) : "";
      if (text.find(needle) != std::string::npos) return text;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return text;
  }
};

TEST_F(SabNotify, TestNscriptRunsTheScriptOrSaysWhyNot) {
  OJson none = json("mode=test_nscript");
  EXPECT_EQ(none["status"], false);
  EXPECT_NE(none["error"].get<std::string>().find("no notification script"), std::string::npos) << none.dump();
  fs::path log = dir_->path() / "nscript-test.log";
  install_script(log);
  EXPECT_EQ(json("mode=test_nscript"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(read_text(log), "other|Test Notification|Testing notification|extra\n");
  // With the notifier on and startup events chosen, a restart announces itself.
  set_misc("nscript_enable", "1");
  set_misc("nscript_prio_startup", "1");
  fs::remove(log);
  json("mode=restart");
  ASSERT_TRUE(d().wait_restarted()) << d().output();
  EXPECT_NE(wait_text(log, "startup|Startup/Shutdown|nzbd ").find("startup|Startup/Shutdown|nzbd "), std::string::npos);
  json("mode=set_config_default&keyword=nscript_prio_startup");
  set_misc("nscript_script", "..%2F..%2Fbin%2Fsh");
  EXPECT_EQ(json("mode=test_nscript")["status"], false);
}

TEST_F(SabNotify, FinishedAndFailedJobsReachTheScriptWhenSwitchedOn) {
  fs::path log = dir_->path() / "nscript-jobs.log";
  install_script(log);
  std::string quiet = add("Quiet.Job.nzb", post("quiet.bin", 20000));
  ASSERT_EQ(wait_history(quiet)["status"], "Completed");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(fs::exists(log)) << "the notifier ran while nscript_enable=0";
  set_misc("nscript_enable", "1");
  set_misc("nscript_prio_download", "1");
  std::string done = add("Notified.Job.nzb", post("notified.bin", 20000));
  ASSERT_EQ(wait_history(done)["status"], "Completed");
  EXPECT_NE(wait_text(log, "download|Added NZB|Notified.Job|extra").find("download|Added NZB|Notified.Job|extra"),
            std::string::npos) << read_text(log);
  json("mode=set_config_default&keyword=nscript_prio_download");
  EXPECT_NE(wait_text(log, "complete|Job finished|Notified.Job|extra").find("complete|Job finished|Notified.Job|extra"),
            std::string::npos) << read_text(log);
  auto gone = post_file("gone.bin", random_bytes(6000), 2, {1, 2});
  std::string failed = add("Failing.Job.nzb", nzb_of({gone}));
  ASSERT_EQ(wait_history(failed)["status"], "Failed");
  EXPECT_NE(wait_text(log, "failed|Job failed|Failing.Job: ").find("failed|Job failed|Failing.Job: "),
            std::string::npos) << read_text(log);
}

TEST_F(SabNotify, EmailGoesOutOverSmtpForTheTestAndForFinishedJobs) {
  OJson none = json("mode=test_email");
  EXPECT_EQ(none["status"], false);
  TinySmtp smtp;
  set_misc("email_server", "127.0.0.1:" + std::to_string(smtp.port()));
  set_misc("email_to", "me%40example.test");
  set_misc("email_from", "nzbd%40example.test");
  EXPECT_EQ(json("mode=test_email"), OJson::parse(R"({"status":true})"));
  auto mails = smtp.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("Subject: nzbd test email"), std::string::npos) << mails[0];
  EXPECT_NE(mails[0].find("To: me@example.test"), std::string::npos) << mails[0];

  set_misc("email_endjob", "1");
  std::string id = add("Mailed.Job.nzb", post("mailed.bin", 20000));
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  for (int i = 0; i < 100 && smtp.messages().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  mails = smtp.messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[1].find("Subject: nzbd has completed job Mailed.Job"), std::string::npos) << mails[1];

  // A server that is not there: the test says so.
  int closed;
  {
    TinySmtp gone;
    closed = gone.port();
  }
  set_misc("email_server", "127.0.0.1:" + std::to_string(closed));
  OJson down = json("mode=test_email");
  EXPECT_EQ(down["status"], false);
  EXPECT_NE(down["error"].get<std::string>().find("sending email via"), std::string::npos) << down.dump();
}

// A mail server that takes the connection and then hangs: test_email gives
// up with an error after the connect timeout (15 s, which for SMTP includes
// the greeting), the API answers meanwhile, and a job whose end is mailed
// still finishes at once.
TEST_F(SabNotify, AnSmtpServerThatHangsGivesAnErrorAndNothingElseWaits) {
  HangingSmtp smtp;
  set_misc("email_server", "127.0.0.1:" + std::to_string(smtp.port()));
  set_misc("email_to", "me%40example.test");
  set_misc("email_from", "nzbd%40example.test");
  set_misc("email_endjob", "1");
  auto started = std::chrono::steady_clock::now();
  auto pending = std::async(std::launch::async, [] { return get("mode=test_email"); });
  std::string id = add("Mailed.While.Hanging.nzb", post("hanging.bin", 20000));
  EXPECT_EQ(wait_history(id, 20)["status"], "Completed") << "the job does not wait for the mail";
  for (int i = 0; i < 5; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(get("mode=queue").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2)) << "the API waited for the mail";
  }
  HttpReply r = pending.get();
  auto took = std::chrono::steady_clock::now() - started;
  OJson answer = OJson::parse(r.body);
  EXPECT_EQ(answer["status"], false) << r.body;
  EXPECT_NE(answer.value("error", "").find("sending email via"), std::string::npos) << r.body;
  EXPECT_GE(took, std::chrono::seconds(10)) << "it did wait for the server";
  EXPECT_LT(took, std::chrono::seconds(45));
  for (const char* k : {"email_server", "email_to", "email_from", "email_endjob"})
    json(std::string("mode=set_config_default&keyword=") + k);
}

// The events beyond start-up and job ends: pause/resume, post-processing
// started, and warnings (a wrong API key is logged as one).
TEST_F(SabNotify, PauseResumePostProcessingAndWarningsReachTheScript) {
  fs::path log = dir_->path() / "nscript-events.log";
  install_script(log);
  set_misc("nscript_enable", "1");
  for (const char* k : {"nscript_prio_pause_resume", "nscript_prio_pp", "nscript_prio_warning"}) set_misc(k, "1");
  json("mode=pause");
  json("mode=resume");
  EXPECT_NE(wait_text(log, "pause_resume|Pause/Resume|Resumed").find("pause_resume|Pause/Resume|Paused"),
            std::string::npos) << read_text(log);
  std::string id = add("Processed.Job.nzb", post("processed.bin", 20000));
  ASSERT_EQ(wait_history(id)["status"], "Completed");
  EXPECT_NE(wait_text(log, "pp|Post-processing started|Processed.Job").find("pp|Post-processing started|Processed.Job"),
            std::string::npos) << read_text(log);
  http_get(d().url() + "/api?mode=queue&output=json&apikey=wrong");
  EXPECT_NE(wait_text(log, "warning|Warning|").find("warning|Warning|"), std::string::npos) << read_text(log);
}

// A successful UI login is SABnzbd's new_login event; a wrong password is not.
TEST_F(SabNotify, AUiLoginReachesTheScriptAsNewLogin) {
  fs::path log = dir_->path() / "nscript-login.log";
  install_script(log);
  set_misc("nscript_enable", "1");
  set_misc("nscript_prio_new_login", "1");
  set_misc("username", "me");
  set_misc("password", "s3cret");
  const std::vector<std::string> same_site = {"Origin: " + d().url()};
  const std::string form = "application/x-www-form-urlencoded";
  EXPECT_EQ(http_post(d().url() + "/login", "username=me&password=nope", form, same_site).headers["location"],
            "/login?error=1");
  EXPECT_EQ(http_post(d().url() + "/login", "username=me&password=s3cret", form, same_site).status, 303);
  std::string text = wait_text(log, "new_login|User logged in|");
  set_misc("username", "");
  set_misc("password", "");
  json("mode=set_config_default&keyword=nscript_prio_new_login");
  EXPECT_NE(text.find("new_login|User logged in|User logged in to the web interface from 127.0.0.1"),
            std::string::npos) << text;
  size_t logins = 0;
  for (size_t at = 0; (at = text.find("new_login|", at)) != std::string::npos; ++at) ++logins;
  EXPECT_EQ(logins, 1u) << "only the good password logs in: " << text;
}

// Notifiers nzbd has no sender for answer SABnzbd's texts, never success.
TEST_F(SabNotify, NotifiersWithoutASenderSaySoInSabnzbdsWords) {
  for (const char* mode : {"test_windows", "test_notif", "test_osd"})
    EXPECT_EQ(json(std::string("mode=") + mode), OJson::parse(R"({"status":false,"error":"Not available"})")) << mode;
  EXPECT_EQ(json("mode=test_pushover")["error"], "Cannot send, missing required data");
  EXPECT_EQ(json("mode=test_pushover&pushover_token=t&pushover_userkey=u")["error"], "Not available");
  set_misc("prowl_apikey", "k");
  EXPECT_EQ(json("mode=test_prowl")["error"], "Not available");
  EXPECT_EQ(json("mode=test_pushbullet")["error"], "Cannot send, missing required data");
  auto xml = get("mode=test_apprise&output=xml").body;
  EXPECT_NE(xml.find("<error>Cannot send, missing required data</error>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace nzbd::test
