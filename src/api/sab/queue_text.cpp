// mode=queue written as text: dashboards and Sonarr poll it all day, so each
// slot's job fields (nzo_id ... direct_unpack) are kept as text until the job
// changes, and only the position-, speed- and time-dependent fields are
// written anew. Under the queue's lock only the window is walked and the
// cache looked up; changed jobs are copied there and written after it.
// tests/api/sab/queue_text_test.cpp compares the bytes with the tree writer
// this replaced.
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "api/sab/queue_json.h"

namespace nzbd::api::sab {
namespace {

// Each job's fields text in one format, kept until the job changes.
class SlotCache {
 public:
  using Text = std::shared_ptr<const std::string>;
  explicit SlotCache(bool xml) : xml_(xml) {}

  // Under the queue's lock: the cached text, or nothing when the job changed.
  Text find(const queue::Job& j, const std::string& propagating) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(j.nzo_id);
    if (it != entries_.end() && it->second.fields.same_as(j, propagating)) return it->second.text;
    return nullptr;
  }
  // After the lock: writes a changed job's fields and keeps them.
  Text make(JobFields fields) {
    std::string text;
    text.reserve(600);
    if (xml_) {
      XmlOut out(text);
      write_job_fields(out, fields);
    } else {
      JsonOut out(text);
      out.start_fragment();
      write_job_fields(out, fields);
    }
    auto shared = std::make_shared<const std::string>(std::move(text));
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // mostly jobs long gone
    std::string id = fields.nzo_id;
    entries_.insert_or_assign(std::move(id), Entry{std::move(fields), shared});
    return shared;
  }

 private:
  static constexpr size_t kMaxEntries = 50000;
  struct Entry {
    JobFields fields;
    Text text;
  };
  const bool xml_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

SlotCache& slot_cache(bool xml) {
  static SlotCache json_cache(false), xml_cache(true);
  return xml ? xml_cache : json_cache;
}

// A slot as read under the lock: its cached text, or the job's fields to write it from.
struct SlotSnapshot {
  SlotCache::Text text;
  std::optional<JobFields> changed;
};

void write_slots(Out& out, const std::vector<SlotView>& slots, const std::vector<SlotCache::Text>& fields) {
  out.begin_array("slots");
  for (size_t i = 0; i < slots.size(); ++i) {
    const SlotView& v = slots[i];
    out.begin_object("");
    out.num("index", v.index);
    out.raw(*fields[i]);
    out.str("status", v.status);
    out.str("timeleft", v.timeleft());
    out.str("avg_age", v.avg_age());
    out.num("time_added", v.time_added);
    out.end_object();
  }
  out.end_array();
}

}  // namespace

std::string queue_text(Call& c, const QueueFilter& f, bool xml) {
  std::string text;
  if (xml) text = kXmlProlog;
  if (!c.services.queue) return text + (xml ? "<queue></queue>\n" : R"({"queue":{}})");
  SlotCache& cache = slot_cache(xml);
  queue::QueueStatus st;
  QueueWalk w;
  std::vector<SlotSnapshot> snaps;
  bool any_jobs = false;
  c.services.queue->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus& status) {
    st = status;
    w = walk_queue(jobs, st, f);
    snaps.resize(w.slots.size());
    for (size_t i = 0; i < w.slots.size(); ++i) {
      const SlotView& v = w.slots[i];
      snaps[i].text = cache.find(*v.job, v.propagating);
      if (!snaps[i].text) snaps[i].changed = JobFields::of(*v.job, v.propagating);
      w.slots[i].job = nullptr;  // not to be read after the lock
    }
    any_jobs = !jobs.empty();
    return 0;
  });
  std::vector<SlotCache::Text> fields;
  fields.reserve(snaps.size());
  for (auto& s : snaps) fields.push_back(s.text ? std::move(s.text) : cache.make(std::move(*s.changed)));

  text.reserve(text.size() + 1200 + (xml ? 900 : 650) * w.slots.size());
  auto write = [&](Out& out) {
    out.begin_object("queue");
    write_queue_header(c, out, st);
    write_queue_totals(out, st, f, w, any_jobs);
    write_slots(out, w.slots, fields);
    out.end_object();
  };
  write_answer(text, xml, write);
  return text;
}

}  // namespace nzbd::api::sab
