#include "e2e/download/rig_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/http_client.h"

namespace e2e {

std::string post_files(int port, const fs::path& out, const std::vector<fs::path>& files, size_t article_size,
                       const std::string& nyuu_args) {
  std::string cmd = "ARTICLE_SIZE=" + std::to_string(article_size) + " NYUU_ARGS=" + quote(nyuu_args) +
                    " bash " + quote(std::string(NZBD_RIG_SCRIPTS) + "/post.sh") + " " + std::to_string(port) +
                    " " + quote(out.string());
  for (const auto& f : files) cmd += " " + quote(f.string());
  int rc = 0;
  std::string log = run(cmd + " 2>&1", &rc);
  if (rc != 0) {
    ADD_FAILURE() << "post.sh failed (" << rc << "): " << log;
    return {};
  }
  return nzbd::test::read_text(out);
}

std::vector<std::string> message_ids(const std::string& nzb) {
  static const std::regex seg(R"(<segment[^>]*>\s*<?([^<>\s]+)>?\s*</segment>)");
  std::vector<std::string> ids;
  for (std::sregex_iterator it(nzb.begin(), nzb.end(), seg), end; it != end; ++it) ids.push_back((*it)[1]);
  return ids;
}

bool cancel_articles(const std::vector<std::string>& ids) {
  std::string cmd = "bash " + quote(std::string(NZBD_RIG_SCRIPTS) + "/cancel.sh") + " " +
                    std::to_string(NZBD_RIG_PORT);
  for (const auto& id : ids) cmd += " " + quote("<" + id + ">");
  int rc = 0;
  std::string log = run(cmd + " 2>&1", &rc);
  if (rc != 0) ADD_FAILURE() << "cancel.sh failed: " << log;
  return rc == 0;
}

namespace {

// Reads from fd until `buf` ends with `terminator` (or the peer closes).
bool read_until(int fd, std::string& buf, const std::string& terminator) {
  char chunk[65536];
  while (buf.size() < terminator.size() || buf.compare(buf.size() - terminator.size(), terminator.size(), terminator)) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::optional<std::string> fetch_raw_body(int port, const std::string& id) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::optional<std::string> result;
  std::string buf;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && read_until(fd, buf, "\r\n") &&
      buf.rfind("20", 0) == 0) {
    std::string cmd = "BODY <" + id + ">\r\n";
    buf.clear();
    if (::send(fd, cmd.data(), cmd.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(cmd.size()) &&
        read_until(fd, buf, "\r\n") && buf.rfind("222", 0) == 0 &&
        (buf.size() >= 5 && buf.compare(buf.size() - 5, 5, "\r\n.\r\n") == 0 ? true
                                                                            : read_until(fd, buf, "\r\n.\r\n"))) {
      size_t first = buf.find("\r\n") + 2;
      result = buf.substr(first, buf.size() - first - 3);  // keep the body's last CRLF, drop ".\r\n"
    }
    ::send(fd, "QUIT\r\n", 6, MSG_NOSIGNAL);
  }
  ::close(fd);
  return result;
}

RandomPost::RandomPost(size_t size, uint32_t seed, const std::string& stem) {
  files.push_back(dir / (stem + "_" + std::to_string(seed) + ".bin"));
  write_random_file(files[0], size, seed);
  nzb = dir / (stem + ".nzb");
  text = post_files(NZBD_RIG_PORT, nzb, files, 64000);
  ids = message_ids(text);
}

uint64_t articles_asked(Daemon& d, const std::string& name) {
  auto r = nzbd::test::http_get(d.proc().url() + "/metrics", {"X-Api-Key: " + d.proc().api_key()});
  std::regex line("^nzbd_server_articles_total\\{[^}]*server=\"" + name + "\"[^}]*\\} ([0-9.e+]+)$");
  uint64_t total = 0;
  std::istringstream in(r.body);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, line)) total += static_cast<uint64_t>(std::stod(m[1].str()));
  }
  return total;
}

bool Daemon::add_server(const std::string& name, int port, int priority, const std::string& extra) {
  Json r = api("mode=set_config&section=servers&name=" + name + "&host=127.0.0.1&port=" + std::to_string(port) +
               "&connections=4&priority=" + std::to_string(priority) + extra);
  return !r.is_null() && !r.is_discarded() && !(r.contains("status") && r["status"] == false);
}

std::string Daemon::add_file(const fs::path& nzb, const std::string& upload_name, const std::string& query) {
  nzbd::test::MultipartFile f{"name", upload_name, "application/x-nzb", nzbd::test::read_text(nzb)};
  auto reply = nzbd::test::http_post_multipart(proc_->api("mode=addfile&output=json" + query), {}, {f});
  return first_nzo(Json::parse(reply.body, nullptr, false));
}

std::string Daemon::first_nzo(const Json& r) const {
  if (!r.is_object() || !r.contains("nzo_ids") || !r["nzo_ids"].is_array() || r["nzo_ids"].empty()) {
    ADD_FAILURE() << "no nzo_ids in " << r.dump();
    return {};
  }
  return r["nzo_ids"][0].get<std::string>();
}

std::optional<Json> Daemon::wait_done(const std::string& nzo_id, std::chrono::seconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (auto s = history_slot(nzo_id)) {
      std::string st = s->value("status", "");
      if (st == "Completed" || st == "Failed") return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ADD_FAILURE() << "job " << nzo_id << " not done in " << timeout.count() << " s; queue: " << api("mode=queue").dump()
                << "\nhistory: " << api("mode=history").dump();
  return std::nullopt;
}

void expect_files_in(const fs::path& storage, const std::vector<fs::path>& originals) {
  ASSERT_TRUE(fs::is_directory(storage)) << storage;
  for (const auto& f : originals)
    EXPECT_TRUE(same_bytes(f, storage / f.filename())) << "differs or missing: " << (storage / f.filename());
}

}  // namespace e2e
