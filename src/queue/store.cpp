#include "queue/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "util/files.h"
#include "util/unique_fd.h"

namespace nzbd::queue {
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr uint8_t kJournalMagic = 0xA7;
constexpr size_t kRecordBytes = 28;

Json file_to_json(const JobFile& f) {
  return Json{{"nzf_id", f.nzf_id}, {"name", f.name}, {"nzb_index", f.nzb_index}, {"bytes", f.bytes},
              {"date", f.date}, {"provisional", f.provisional_name}, {"held_back", f.held_back},
              {"par2", f.is_par2}, {"removed", f.removed}, {"segments", f.segments}};
}

JobFile file_from_json(const Json& j) {
  JobFile f;
  f.nzf_id = j.value("nzf_id", "");
  f.name = j.value("name", "");
  f.nzb_index = j.value("nzb_index", 0u);
  f.bytes = j.value("bytes", uint64_t{0});
  f.date = j.value("date", int64_t{0});
  f.provisional_name = j.value("provisional", false);
  f.held_back = j.value("held_back", false);
  f.is_par2 = j.value("par2", false);
  f.removed = j.value("removed", false);
  f.segments = j.value("segments", 0u);
  return f;
}

}  // namespace

Status QueueStore::init() {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) return make_error("cannot create the queue folder " + root_.string() + ": " + ec.message());
  // Temp files of writes a kill -9 cut short; the files they were to replace are whole.
  remove_atomic_write_leftovers(order_.snapshot_path());
  remove_atomic_write_leftovers(order_.journal_path());
  // One listing per job folder (start-up with 10,000 jobs lists them all).
  for (const auto& e : fs::directory_iterator(root_, ec)) {
    if (!e.is_directory()) continue;
    bool temps = false;
    std::error_code listing;
    for (const auto& f : fs::directory_iterator(e.path(), listing))
      if (f.path().filename().string().find(".tmp-") != std::string::npos) temps = true;
    if (!temps) continue;
    remove_atomic_write_leftovers(e.path() / "job.json");
    remove_atomic_write_leftovers(e.path() / "job.nzb");
  }
  return ok_status();
}

std::vector<fs::path> QueueStore::written_paths(const std::string& nzo_id) const {
  std::vector<fs::path> paths = {job_dir(nzo_id) / "job.nzb", job_dir(nzo_id) / "job.json", job_dir(nzo_id), root_,
                                 order_.journal_path()};
  // A retry's taken-over articles (takeover.cpp) are appended without fsync too.
  std::error_code ec;
  if (fs::exists(job_dir(nzo_id) / "journal.bin", ec)) paths.push_back(job_dir(nzo_id) / "journal.bin");
  return paths;
}

Status QueueStore::save_job(const Job& job, Sync sync) {
  Json files = Json::array();
  for (const auto& f : job.files) files.push_back(file_to_json(f));
  Json j{{"nzo_id", job.nzo_id}, {"name", job.name}, {"nzb_name", job.nzb_name}, {"password", job.password},
         {"category", job.category}, {"script", job.script}, {"priority", job.priority}, {"pp", job.pp},
         {"paused", job.paused}, {"fetching", job.fetching}, {"url", job.url}, {"grabbing", job.grabbing},
         {"time_added", job.time_added}, {"labels", job.labels}, {"folder", job.folder}, {"files", files},
         {"propagate_until", job.propagate_until}, {"checks_waived", job.checks_waived}, {"retry", job.retry},
         {"checking", job.checking}, {"duplicate_key", job.duplicate_key}};
  std::error_code ec;
  fs::create_directories(job_dir(job.nzo_id), ec);
  auto path = job_dir(job.nzo_id) / "job.json";
  return sync == Sync::Now ? write_file_atomic(path, j.dump()) : write_file_replace(path, j.dump());
}

Result<Job> read_job_record(const fs::path& job_json) {
  std::string nzo_id = job_json.parent_path().filename().string();
  auto text = read_file(job_json);
  if (!text) return text.error();
  auto j = Json::parse(*text, nullptr, false);
  if (!j.is_object()) return make_error("job record " + nzo_id + " is damaged");
  try {
    Job job;
    job.nzo_id = j.at("nzo_id").get<std::string>();
    job.name = j.value("name", "");
    job.nzb_name = j.value("nzb_name", "");
    job.password = j.value("password", "");
    job.category = j.value("category", "*");
    job.script = j.value("script", "Default");
    job.priority = j.value("priority", 0);
    job.pp = j.value("pp", 3);
    job.paused = j.value("paused", false);
    job.fetching = j.value("fetching", false);
    job.url = j.value("url", "");
    job.grabbing = j.value("grabbing", false);
    job.time_added = j.value("time_added", int64_t{0});
    job.labels = j.value("labels", std::vector<std::string>{});
    job.folder = j.value("folder", job.name);
    job.propagate_until = j.value("propagate_until", int64_t{0});
    job.checks_waived = j.value("checks_waived", false);
    job.retry = j.value("retry", false);
    job.checking = j.value("checking", false);
    job.duplicate_key = j.value("duplicate_key", "");
    for (const auto& f : j.value("files", Json::array())) job.files.push_back(file_from_json(f));
    return job;
  } catch (const std::exception& e) {
    return make_error("job record " + nzo_id + " is damaged: " + e.what());
  }
}

Result<Job> QueueStore::load_job(const std::string& nzo_id) const { return read_job_record(job_dir(nzo_id) / "job.json"); }

Status QueueStore::save_nzb(const std::string& nzo_id, std::string_view xml, Sync sync) {
  std::error_code ec;
  fs::create_directories(job_dir(nzo_id), ec);
  auto path = job_dir(nzo_id) / "job.nzb";
  return sync == Sync::Now ? write_file_atomic(path, xml) : write_file_replace(path, xml);
}

Result<std::string> QueueStore::load_nzb(const std::string& nzo_id) const {
  return read_file(job_dir(nzo_id) / "job.nzb");
}

void QueueStore::remove_job(const std::string& nzo_id) {
  std::error_code ec;
  fs::remove_all(job_dir(nzo_id), ec);
}

JournalBytes encode_journal_record(const JournalRecord& r) {
  JournalBytes buf{};
  static_assert(sizeof(buf) == kRecordBytes);
  buf[0] = kJournalMagic;
  buf[1] = r.kind;
  std::memcpy(buf.data() + 4, &r.file, 4);
  std::memcpy(buf.data() + 8, &r.seg, 4);
  std::memcpy(buf.data() + 12, &r.offset, 8);
  std::memcpy(buf.data() + 20, &r.size, 4);
  std::memcpy(buf.data() + 24, &r.crc32, 4);
  return buf;
}

Status QueueStore::append_journal(const std::string& nzo_id, const JournalRecord& r) {
  JournalBytes buf = encode_journal_record(r);
  auto path = journal_path(nzo_id);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
  ssize_t n = ::write(fd.get(), buf.data(), buf.size());
  if (n != static_cast<ssize_t>(buf.size())) return make_error("cannot write " + path.string());
  return ok_status();
}

std::vector<JournalRecord> QueueStore::read_journal(const std::string& nzo_id) const {
  return read_journal_file(job_dir(nzo_id) / "journal.bin");
}

std::vector<JournalRecord> read_journal_file(const fs::path& journal_bin) {
  std::vector<JournalRecord> out;
  auto data = read_file(journal_bin);
  if (!data) return out;
  const std::string& d = *data;
  for (size_t p = 0; p + kRecordBytes <= d.size(); p += kRecordBytes) {
    const char* b = d.data() + p;
    if (static_cast<unsigned char>(b[0]) != kJournalMagic) break;  // damaged from here on
    JournalRecord r;
    r.kind = static_cast<uint8_t>(b[1]);
    std::memcpy(&r.file, b + 4, 4);
    std::memcpy(&r.seg, b + 8, 4);
    std::memcpy(&r.offset, b + 12, 8);
    std::memcpy(&r.size, b + 20, 4);
    std::memcpy(&r.crc32, b + 24, 4);
    out.push_back(r);
  }
  return out;
}

}  // namespace nzbd::queue
