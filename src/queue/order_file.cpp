#include "queue/order_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "util/files.h"
#include "util/strings.h"

namespace nzbd::queue {
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr std::string_view kHeader = "nzbd order journal ";

// FNV-1a: catches a record that a power cut left half written or zeroed.
uint32_t checksum(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

std::string hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// "+<index> <id> <checksum>" without the newline; false when damaged.
bool parse_record(std::string_view line, size_t& index, std::string& id) {
  if (line.size() < 2 || line[0] != '+') return false;
  size_t last = line.rfind(' ');
  if (last == std::string_view::npos || line.size() - last - 1 != 8) return false;
  std::string_view body = line.substr(1, last - 1);
  if (hex8(checksum(body)) != line.substr(last + 1)) return false;
  size_t sp = body.find(' ');
  if (sp == std::string_view::npos || sp == 0 || sp + 1 >= body.size()) return false;
  auto n = parse_int(std::string(body.substr(0, sp)));
  if (!n || *n < 0) return false;
  index = static_cast<size_t>(*n);
  id = std::string(body.substr(sp + 1));
  return true;
}

}  // namespace

OrderFile::OrderFile(fs::path dir) : dir_(std::move(dir)) {}

OrderFile::~OrderFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::vector<std::string> OrderFile::load() {
  std::vector<std::string> ids;
  generation_ = 0;
  records_ = 0;
  if (auto text = read_file(snapshot_path())) {
    auto j = Json::parse(*text, nullptr, false);
    const Json* list = &j;
    if (j.is_object()) {  // an array is the format before the journal: generation 0
      generation_ = j.value("generation", uint64_t{0});
      list = j.contains("ids") ? &j["ids"] : nullptr;
    }
    if (list && list->is_array())
      for (const auto& v : *list)
        if (v.is_string()) ids.push_back(v.get<std::string>());
  }
  auto journal = read_file(journal_path());
  if (!journal) return ids;
  std::string_view d = *journal;
  size_t eol = d.find('\n');
  if (eol == std::string_view::npos || d.substr(0, eol) != std::string(kHeader) + std::to_string(generation_))
    return ids;  // another generation's journal: the snapshot has its adds
  std::unordered_set<std::string> present(ids.begin(), ids.end());
  for (size_t p = eol + 1; (eol = d.find('\n', p)) != std::string_view::npos; p = eol + 1) {
    size_t index = 0;
    std::string id;
    if (!parse_record(d.substr(p, eol - p), index, id)) break;  // damaged from here on
    ++records_;
    if (!present.insert(id).second) continue;
    ids.insert(ids.begin() + static_cast<std::ptrdiff_t>(std::min(index, ids.size())), std::move(id));
  }
  return ids;
}

Status OrderFile::save(const std::vector<std::string>& ids) {
  Json j{{"generation", generation_ + 1}, {"ids", ids}};
  if (auto st = write_file_atomic(snapshot_path(), j.dump()); !st) return st;
  ++generation_;
  records_ = 0;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  // Made durable now, so appends need only the journal's own fsync.
  if (auto st = write_file_atomic(journal_path(), std::string(kHeader) + std::to_string(generation_) + "\n"); !st)
    return st;
  return open_journal();
}

Status OrderFile::open_journal() {
  fd_ = ::open(journal_path().c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) return make_error("cannot open " + journal_path().string() + ": " + std::strerror(errno));
  return ok_status();
}

Status OrderFile::append_add(const std::string& nzo_id, size_t index) {
  // The journal is this process's from its first save(); before that the
  // caller writes a snapshot instead.
  if (fd_ < 0) return make_error("the queue order was not saved yet");
  std::string body = std::to_string(index) + " " + nzo_id;
  std::string line = "+" + body + " " + hex8(checksum(body)) + "\n";
  // One write: kill -9 leaves the line whole or absent; a power cut's torn
  // tail fails the checksum.
  ssize_t n = ::write(fd_, line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size()))
    return make_error("cannot append to " + journal_path().string() + ": " + std::strerror(errno));
  ++records_;
  return ok_status();
}

}  // namespace nzbd::queue
