// The direct unpacker: libarchive reads the set's volumes as one sequence of
// client data nodes (as archive_read_open_filenames does), and opening a
// node waits until that volume is complete. RAR only: libarchive's 7z reader
// needs the end of the last volume first, so a 7z set could not start early.
#include "unpack/direct.h"

#include <archive.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>

#include "unpack/internal.h"
#include "util/unique_fd.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

struct DirectUnpacker::Node {
  DirectUnpacker* self = nullptr;
  size_t index = 0;
  UniqueFd fd;  // the volume while libarchive has it open
};

namespace {
constexpr size_t kReadSize = 256 * 1024;
using Clock = std::chrono::steady_clock;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
}  // namespace

// libarchive's client callbacks; each node is one volume.
struct DirectCallbacks {
  static std::vector<char>& buffer() {
    thread_local std::vector<char> buf(kReadSize);
    return buf;
  }

  static int open(archive* a, void* data) {
    auto* n = static_cast<DirectUnpacker::Node*>(data);
    DirectUnpacker& d = *n->self;
    const fs::path& path = d.volumes_[n->index];
    if (!d.wait_for(n->index)) {
      archive_set_error(a, EIO, "volume %s is not there", path.filename().c_str());
      return ARCHIVE_FATAL;
    }
    n->fd.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!n->fd) {
      archive_set_error(a, errno, "cannot open %s", path.filename().c_str());
      return ARCHIVE_FATAL;
    }
    {
      std::lock_guard lock(d.mutex_);
      d.opened_ = std::max(d.opened_, n->index + 1);
    }
    if (d.progress_) d.progress_(n->index + 1, d.volumes_.size());
    return ARCHIVE_OK;
  }

  static la_ssize_t read(archive* a, void* data, const void** out) {
    auto* n = static_cast<DirectUnpacker::Node*>(data);
    if (n->self->stopped()) {
      archive_set_error(a, ECANCELED, "direct unpack stopped");
      return -1;
    }
    auto& buf = buffer();
    for (;;) {
      ssize_t got = ::read(n->fd.get(), buf.data(), buf.size());
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) archive_set_error(a, errno, "read error");
      *out = buf.data();
      return got;
    }
  }

  static la_int64_t skip(archive*, void* data, la_int64_t request) {
    auto* n = static_cast<DirectUnpacker::Node*>(data);
    struct stat st {};
    off_t at = ::lseek(n->fd.get(), 0, SEEK_CUR);
    if (at < 0 || ::fstat(n->fd.get(), &st) != 0 || request <= 0) return 0;
    la_int64_t step = std::min<la_int64_t>(request, st.st_size - at);
    if (step <= 0 || ::lseek(n->fd.get(), step, SEEK_CUR) < 0) return 0;
    return step;
  }

  static int close(archive*, void* data) {
    auto* n = static_cast<DirectUnpacker::Node*>(data);
    n->fd.reset();
    return ARCHIVE_OK;
  }
};

DirectUnpacker::DirectUnpacker(std::vector<fs::path> volumes, fs::path job_dir,
                               std::function<void(size_t, size_t)> progress)
    : volumes_(std::move(volumes)),
      job_dir_(std::move(job_dir)),
      progress_(std::move(progress)),
      ready_(volumes_.size(), false) {
  thread_ = std::thread([this] { run(); });
}

DirectUnpacker::~DirectUnpacker() {
  abort("stopped");
  if (thread_.joinable()) thread_.join();
  std::error_code ec;
  if (!taken_ && !outcome_.folder.empty()) fs::remove_all(outcome_.folder, ec);
}

void DirectUnpacker::ready(size_t index) {
  {
    std::lock_guard lock(mutex_);
    if (index < ready_.size()) ready_[index] = true;
  }
  cv_.notify_all();
}

void DirectUnpacker::no_more_volumes() {
  {
    std::lock_guard lock(mutex_);
    no_more_ = true;
  }
  cv_.notify_all();
}

void DirectUnpacker::abort(const std::string& why) {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    aborted_ = true;
    if (error_.empty()) error_ = why;
  }
  cv_.notify_all();
}

bool DirectUnpacker::running() const {
  std::lock_guard lock(mutex_);
  return !done_;
}

bool DirectUnpacker::stopped() const {
  std::lock_guard lock(mutex_);
  return aborted_;
}

bool DirectUnpacker::wait_for(size_t index) {
  std::unique_lock lock(mutex_);
  auto waited_from = Clock::now();
  cv_.wait(lock, [&] { return aborted_ || ready_[index] || no_more_; });
  outcome_.seconds -= std::chrono::duration<double>(Clock::now() - waited_from).count();
  if (!aborted_ && !ready_[index] && error_.empty())
    error_ = "volume " + volumes_[index].filename().string() + " did not arrive complete";
  return !aborted_ && ready_[index];
}

nzbd::Result<DirectOutcome> DirectUnpacker::take() {
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  if (!error_.empty()) return make_error(error_);
  taken_ = true;
  return outcome_;
}

void DirectUnpacker::run() {
  auto started = Clock::now();
  std::string error;
  std::string tmpl = (job_dir_ / (std::string(kDirectPrefix) + "XXXXXX")).string();
  std::vector<Node> nodes(volumes_.size());
  if (volumes_.empty() || ::mkdtemp(tmpl.data()) == nullptr) {
    error = std::string(kMsgDiskFull);
  } else {
    {
      std::lock_guard lock(mutex_);
      outcome_.folder = tmpl;
    }
    std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
    archive_read_support_format_rar(a.get());
    archive_read_support_format_rar5(a.get());
    for (size_t i = 0; i < nodes.size(); ++i) {
      nodes[i] = Node{this, i, UniqueFd()};
      archive_read_append_callback_data(a.get(), &nodes[i]);
    }
    archive_read_set_open_callback(a.get(), DirectCallbacks::open);
    archive_read_set_read_callback(a.get(), DirectCallbacks::read);
    archive_read_set_skip_callback(a.get(), DirectCallbacks::skip);
    archive_read_set_close_callback(a.get(), DirectCallbacks::close);
    if (archive_read_open1(a.get()) != ARCHIVE_OK) {
      const char* s = archive_error_string(a.get());
      error = std::string(kMsgDamaged) + " (" + (s ? s : "cannot open") + ")";
    } else {
      auto read_so_far = [this] {
        std::lock_guard lock(mutex_);
        return std::vector<fs::path>(volumes_.begin(), volumes_.begin() + long(opened_));
      };
      Attempt r = extract_opened(a.get(), tmpl, [this] { return stopped(); }, read_so_far);
      if (r.status == Attempt::Encrypted) error = std::string(kMsgPasswordRequired);
      else if (r.status != Attempt::Ok) error = r.message.empty() ? std::string(kMsgDamaged) : r.message;
      outcome_.entries = size_t(std::count_if(r.log.begin(), r.log.end(),
                                              [](const std::string& l) { return l.rfind("extracted ", 0) == 0; }));
    }
  }
  std::error_code ec;
  {
    std::lock_guard lock(mutex_);
    if (!error.empty() && error_.empty()) error_ = error;
    if (!error_.empty()) {
      if (!outcome_.folder.empty()) fs::remove_all(outcome_.folder, ec);
      outcome_.folder.clear();
    } else {
      outcome_.volumes.assign(volumes_.begin(), volumes_.begin() + long(opened_));
      outcome_.seconds += std::chrono::duration<double>(Clock::now() - started).count();
    }
    done_ = true;
  }
  cv_.notify_all();
  if (progress_) progress_(0, volumes_.size());
}

void remove_direct_leftovers(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename().string().rfind(kDirectPrefix, 0) == 0 && e.is_directory(ec) && !e.is_symlink(ec))
      fs::remove_all(e.path(), ec);
  }
}

}  // namespace nzbd::unpack
