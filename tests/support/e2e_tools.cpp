#include "support/e2e_tools.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <vector>

#include "support/http_client.h"

namespace nzbd::test {
namespace fs = std::filesystem;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string run(const std::string& cmd, int* rc) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    if (rc) *rc = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  if (rc) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

void write_random_file(const fs::path& p, size_t size, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::string data(size, '\0');
  for (size_t i = 0; i < size; i += 8) {
    uint64_t v = rng();
    for (size_t k = 0; k < 8 && i + k < size; ++k) data[i + k] = static_cast<char>(v >> (8 * k));
  }
  std::ofstream(p, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
}

bool same_bytes(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (!fs::is_regular_file(a, ec) || !fs::is_regular_file(b, ec) || fs::file_size(a) != fs::file_size(b))
    return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() || !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
  return true;
}

ApiDaemon::Json ApiDaemon::api(const std::string& query) const {
  auto reply = http_get(proc_->api(query + "&output=json"));
  if (reply.status != 200) return Json();
  return Json::parse(reply.body, nullptr, false);
}

std::optional<ApiDaemon::Json> ApiDaemon::queue_slot(const std::string& nzo_id) const {
  Json q = api("mode=queue");
  if (!q.is_object() || !q.contains("queue")) return std::nullopt;
  for (const auto& s : q["queue"]["slots"])
    if (s.value("nzo_id", "") == nzo_id) return s;
  return std::nullopt;
}

// Filtered by id: the plain listing stops at history_limit rows.
std::optional<ApiDaemon::Json> ApiDaemon::history_slot(const std::string& nzo_id) const {
  Json h = api("mode=history&nzo_ids=" + nzo_id);
  if (!h.is_object() || !h.contains("history")) return std::nullopt;
  for (const auto& s : h["history"]["slots"])
    if (s.value("nzo_id", "") == nzo_id) return s;
  return std::nullopt;
}

}  // namespace nzbd::test
