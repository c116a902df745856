#include "queue/offline_engine.h"

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>

#include "yenc/encode_for_test.h"

namespace nzbd::queue::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

Post::Post(const std::string& tag, int files, size_t file_bytes, size_t article_bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int f = 0; f < files; ++f) {
    PostedFile pf;
    pf.name = tag + "-" + std::to_string(f) + ".bin";
    pf.data.resize(file_bytes);
    for (auto& c : pf.data) c = static_cast<char>(rng());
    const uint32_t parts = static_cast<uint32_t>((file_bytes + article_bytes - 1) / article_bytes);
    for (uint32_t p = 0; p < parts; ++p) {
      const size_t begin = p * article_bytes;
      const std::string_view part = std::string_view(pf.data).substr(begin, article_bytes);
      yenc::test::ArticleSpec spec;
      spec.name = pf.name;
      spec.part = p + 1;
      spec.total = parts;
      spec.file_size = file_bytes;
      spec.begin = begin + 1;
      std::string id = tag + "-f" + std::to_string(f) + "-p" + std::to_string(p + 1) + "@offline.test";
      bodies_[id] = yenc::test::yenc_article(part, spec);
      body_sizes_[id] = bodies_[id].size();
      pf.message_ids.push_back(id);
    }
    files_.push_back(std::move(pf));
  }
}

std::string Post::nzb() const {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n";
  for (const auto& f : files_) {
    out << "<file poster=\"p\" date=\"1700000000\" subject=\"&quot;" << f.name << "&quot; yEnc (1/"
        << f.message_ids.size() << ")\"><groups><group>alt.binaries.test</group></groups><segments>\n";
    for (size_t i = 0; i < f.message_ids.size(); ++i)
      out << "<segment bytes=\"" << body_sizes_.at(f.message_ids[i]) << "\" number=\"" << i + 1 << "\">"
          << f.message_ids[i] << "</segment>\n";
    out << "</segments></file>\n";
  }
  out << "</nzb>\n";
  return out.str();
}

std::vector<std::string> Post::all_ids() const {
  std::vector<std::string> out;
  for (const auto& f : files_) out.insert(out.end(), f.message_ids.begin(), f.message_ids.end());
  return out;
}

OfflineEngine::OfflineEngine(const fs::path& home, std::vector<ServerSpec> servers, int max_tries) {
  auto cfg = config::Config::load_or_create(home / "nzbd.ini");
  EXPECT_TRUE(cfg.ok()) << cfg.message();
  config_ = std::make_unique<config::ConfigStore>(std::move(*cfg));
  auto written = config_->write("servers", [&](config::Config& c) {
    c.set_misc("admin_dir", (home / "admin").string());
    c.set_misc("download_dir", (home / "incomplete").string());
    c.set_misc("complete_dir", (home / "complete").string());
    c.set_misc("max_art_tries", std::to_string(max_tries));
    for (const auto& s : servers) {
      auto& item = c.item_or_create("servers", s.name);
      item.set("host", "127.0.0.1");
      item.set("port", "9");  // never connected to: the pool is not started
      item.set("connections", "4");
      item.set("priority", std::to_string(s.priority));
      item.set("enable", "1");
    }
  });
  EXPECT_TRUE(written.ok()) << written.message();
  asked_.resize(servers.size());
  queue_ = std::make_unique<Queue>(*config_);
  queue_->set_finisher([this](FinishedJob job) {
    std::function<void()> hook;
    {
      std::lock_guard lock(mu_);
      finished_.push_back(std::move(job));
      hook = finish_hook_;
    }
    finished_cv_.notify_all();
    if (hook) hook();
  });
  auto loaded = queue_->load();
  EXPECT_TRUE(loaded.ok()) << loaded.message();
  queue_->start_without_network();
}

OfflineEngine::~OfflineEngine() { stop(); }

void OfflineEngine::stop() {
  if (queue_) queue_->stop();
}

void OfflineEngine::publish(const Post& post) {
  std::lock_guard lock(mu_);
  bodies_.insert(post.bodies().begin(), post.bodies().end());
}

std::string OfflineEngine::add(const Post& post, const std::string& name) {
  publish(post);
  AddOptions o;
  o.nzbname = name;
  auto ids = queue_->add_data(post.nzb(), name + ".nzb", o);
  EXPECT_TRUE(ids.ok()) << ids.message();
  if (!ids.ok() || ids->size() != 1) return "";
  return ids->front();
}

size_t OfflineEngine::serve(size_t server, const Rule& rule, size_t at_most) {
  size_t handed = 0;
  while (handed < at_most) {
    auto ref = queue_->next_article(server);
    if (!ref) break;
    handed++;
    const std::string id(ref->message_id);
    std::string body;  // the pool hands over its own buffer, decoded in place
    {
      std::lock_guard lock(mu_);
      asked_[server][id]++;
      body = bodies_.at(id);
    }
    switch (rule(server, id)) {
      case Answer::Body:
        queue_->on_body(server, *ref, body.data(), body.size());
        break;
      case Answer::Damaged: {
        body[body.size() / 2] ^= 0x01;  // a flipped bit in the data: the CRC no longer matches
        queue_->on_body(server, *ref, body.data(), body.size());
        break;
      }
      case Answer::NotFound:
        queue_->on_failure(server, *ref, nntp::FetchStatus::NotFound, "430 No Such Article");
        break;
      case Answer::Failed:
        queue_->on_failure(server, *ref, nntp::FetchStatus::Failed, "connection lost");
        break;
    }
  }
  return handed;
}

std::map<std::string, int> OfflineEngine::asked(size_t server) const {
  std::lock_guard lock(mu_);
  return asked_.at(server);
}

std::vector<FinishedJob> OfflineEngine::wait_finished(size_t count) {
  std::unique_lock lock(mu_);
  finished_cv_.wait_for(lock, 30s, [&] { return finished_.size() >= count; });
  return finished_;
}

::testing::AssertionResult files_match(const fs::path& folder, const Post& post) {
  for (const auto& f : post.files()) {
    std::ifstream in(folder / f.name, std::ios::binary);
    if (!in) return ::testing::AssertionFailure() << (folder / f.name) << " is missing";
    std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (got != f.data)
      return ::testing::AssertionFailure() << f.name << ": " << got.size() << " bytes that differ from the "
                                           << f.data.size() << " posted";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace nzbd::queue::test
