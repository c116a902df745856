#include "e2e/postproc/pp_util.h"

#include <openssl/evp.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "support/http_client.h"

namespace e2epp {

// stderr too: a failure message shows what the script said.
std::string run(const std::string& cmd, int* rc) { return nzbd::test::run(cmd + " 2>&1", rc); }

bool must_run(const std::string& cmd) {
  int rc = 0;
  std::string out = run(cmd, &rc);
  if (rc != 0) ADD_FAILURE() << "command failed (" << rc << "): " << cmd << "\n" << out;
  return rc == 0;
}

std::string sha256_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(in.gcount()));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) out.push_back(fs::relative(it->path(), dir, ec).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> find_named(const fs::path& root, const std::string& name) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->path().filename() == name) out.push_back(it->path());
  return out;
}

std::string post(const fs::path& nzb_out, const std::vector<fs::path>& files, size_t article_size) {
  std::string cmd = "ARTICLE_SIZE=" + std::to_string(article_size) + " bash " +
                    quote(std::string(NZBD_RIG_SCRIPTS) + "/post.sh") + " " + std::to_string(NZBD_RIG_PORT) + " " +
                    quote(nzb_out.string());
  for (const auto& f : files) cmd += " " + quote(f.string());
  if (!must_run(cmd)) return {};
  return nzbd::test::read_text(nzb_out);
}

std::map<std::string, std::vector<std::string>> segments_by_file(const std::string& nzb) {
  static const std::regex file_re(R"re(<file\b[^>]*subject="([^"]*)"[^>]*>([\s\S]*?)</file>)re");
  static const std::regex name_re(R"re((?:&quot;|")([^"&]+)(?:&quot;|"))re");
  static const std::regex seg_re(R"re(<segment[^>]*number="(\d+)"[^>]*>\s*<?([^<>\s]+)>?\s*</segment>)re");
  std::map<std::string, std::vector<std::string>> out;
  for (std::sregex_iterator f(nzb.begin(), nzb.end(), file_re), end; f != end; ++f) {
    std::string subject = (*f)[1], body = (*f)[2];
    std::smatch m;
    std::string name = std::regex_search(subject, m, name_re) ? m[1].str() : subject;
    std::vector<std::pair<int, std::string>> segs;
    for (std::sregex_iterator s(body.begin(), body.end(), seg_re); s != end; ++s)
      segs.push_back({std::stoi((*s)[1]), (*s)[2]});
    std::sort(segs.begin(), segs.end());
    for (auto& [n, id] : segs) out[name].push_back(id);
  }
  return out;
}

bool cancel(const std::vector<std::string>& ids) {
  std::string cmd = "bash " + quote(std::string(NZBD_RIG_SCRIPTS) + "/cancel.sh") + " " +
                    std::to_string(NZBD_RIG_PORT);
  for (const auto& id : ids) cmd += " " + quote(id);
  return must_run(cmd);
}

bool Daemon::start() {
  if (!proc_->start()) {
    ADD_FAILURE() << "nzbd did not start: " << proc_->output();
    return false;
  }
  if (configured_) return true;
  Json r = api("mode=set_config&section=servers&name=rig&host=127.0.0.1&port=" + std::to_string(NZBD_RIG_PORT) +
               "&connections=4&priority=0&enable=1");
  if (r.is_null() || r.is_discarded() || (r.contains("status") && r["status"] == false)) {
    ADD_FAILURE() << "cannot add the rig server: " << r.dump();
    return false;
  }
  configured_ = true;
  return true;
}

bool Daemon::set_misc(const std::string& keyword, const std::string& value) {
  Json r = api("mode=set_config&section=misc&keyword=" + keyword + "&value=" + nzbd::test::url_encode(value));
  bool ok = r.is_object() && !(r.contains("status") && r["status"] == false);
  if (!ok) ADD_FAILURE() << "set_config " << keyword << " -> " << r.dump();
  return ok;
}

std::string Daemon::add(const fs::path& nzb, const std::string& query) {
  nzbd::test::MultipartFile f{"name", nzb.filename().string(), "application/x-nzb", nzbd::test::read_text(nzb)};
  auto reply = nzbd::test::http_post_multipart(proc_->api("mode=addfile&output=json" + query), {}, {f});
  Json r = Json::parse(reply.body, nullptr, false);
  if (!r.is_object() || !r.contains("nzo_ids") || !r["nzo_ids"].is_array() || r["nzo_ids"].empty()) {
    ADD_FAILURE() << "addfile " << query << " -> " << reply.status << " " << reply.body;
    return {};
  }
  return r["nzo_ids"][0].get<std::string>();
}

std::optional<Json> Daemon::wait_done(const std::string& nzo_id, std::chrono::seconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (auto s = history_slot(nzo_id)) {
      std::string st = s->value("status", "");
      if ((st == "Completed" || st == "Failed") && !s->value("loaded", true)) return s;
    }
    std::this_thread::sleep_for(200ms);
  }
  ADD_FAILURE() << "job " << nzo_id << " not done in " << timeout.count() << " s\n" << debug_state();
  return std::nullopt;
}

std::string Daemon::debug_state() const {
  std::string out = proc_->output();
  if (out.size() > 6000) out = "..." + out.substr(out.size() - 6000);
  return "queue: " + api("mode=queue").dump() + "\nhistory: " + api("mode=history").dump() + "\nlog tail:\n" + out;
}

void PostprocE2E::SetUp() {
  tmp_ = std::make_unique<nzbd::test::TempDir>();
  daemon_ = std::make_unique<Daemon>(tmp_->path() / "home");
  ASSERT_TRUE(daemon_->start());
}

void PostprocE2E::TearDown() {
  if (HasFailure()) std::cerr << daemon_->debug_state() << "\n";
  daemon_->stop();
  daemon_.reset();
  tmp_.reset();
}

fs::path PostprocE2E::data_dir(const std::string& name) {
  fs::path p = tmp_->path() / "data" / name;
  fs::create_directories(p);
  return p;
}

}  // namespace e2epp
