// mode=queue written as JSON text: dashboards and Sonarr poll it all day, so
// each slot's job fields (nzo_id ... direct_unpack, rendered by the same
// add_job_fields as the tree) are kept as text until the job changes, and
// only the position-, speed- and time-dependent fields are written anew.
// The bytes equal queue_json(...).dump(); a test compares them.
#include <memory>
#include <mutex>
#include <unordered_map>

#include "api/sab/queue_json.h"

namespace nzbd::api::sab {
namespace {

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// A string as JSON: our own ASCII texts directly, anything else through the library.
void append_string(std::string& out, const std::string& s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch >= 0x80 || ch == '"' || ch == '\\') {
      out += dump(Json(s));
      return;
    }
  out += '"';
  out += s;
  out += '"';
}

// What a slot's cached text was made from.
struct JobFields {
  bool grabbing = false;
  int pp = 0, priority = 0;
  uint64_t total = 0, left = 0, missing = 0;
  std::string script, name, password, category, direct_unpack, propagating;
  std::vector<std::string> labels;

  static JobFields of(const queue::Job& j, const std::string& propagating) {
    return JobFields{j.grabbing, j.pp,       j.priority,        j.bytes_total(), j.bytes_left(),
                     j.bytes_missing(),      j.script,          j.name,          j.password,
                     j.category,             j.direct_unpack,   propagating,     j.labels};
  }
  // Compared field by field with the job itself, so a hit copies nothing.
  bool same_as(const queue::Job& j, const std::string& propagating_now) const {
    return grabbing == j.grabbing && pp == j.pp && priority == j.priority && left == j.bytes_left() &&
           total == j.bytes_total() && missing == j.bytes_missing() && name == j.name && script == j.script &&
           password == j.password && category == j.category && direct_unpack == j.direct_unpack &&
           propagating == propagating_now && labels == j.labels;
  }
};

// Each job's fields text, kept until the job changes. Used under the queue's
// lock (the job must not change while it is read); the text handed out is
// shared, so the answer is put together after the lock is released.
class SlotCache {
 public:
  using Text = std::shared_ptr<const std::string>;
  std::vector<Text> texts_of(const std::vector<SlotView>& slots) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // jobs long gone
    std::vector<Text> out;
    out.reserve(slots.size());
    for (const auto& v : slots) out.push_back(text_of(*v.job, v.propagating));
    return out;
  }

 private:
  Text text_of(const queue::Job& j, const std::string& propagating) {
    auto it = entries_.find(j.nzo_id);
    if (it != entries_.end() && it->second.fields.same_as(j, propagating)) return it->second.text;
    Json s = Json::object();
    add_job_fields(s, j, propagating);
    std::string text = dump(s);
    auto shared = std::make_shared<const std::string>(text.substr(1, text.size() - 2));  // without the braces
    entries_.insert_or_assign(j.nzo_id, Entry{JobFields::of(j, propagating), shared});
    return shared;
  }

  static constexpr size_t kMaxEntries = 50000;
  struct Entry {
    JobFields fields;
    Text text;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

SlotCache& slot_cache() {
  static SlotCache cache;
  return cache;
}

void write_slots(std::string& out, const std::vector<SlotView>& slots, const std::vector<SlotCache::Text>& fields) {
  for (size_t i = 0; i < slots.size(); ++i) {
    const SlotView& v = slots[i];
    out += i ? ",{\"index\":" : "{\"index\":";
    out += std::to_string(v.index);
    out += ',';
    out += *fields[i];
    out += ",\"status\":";
    append_string(out, v.status);
    out += ",\"timeleft\":";
    append_string(out, v.timeleft());
    out += ",\"avg_age\":";
    append_string(out, v.avg_age());
    out += ",\"time_added\":";
    out += std::to_string(v.time_added);
    out += '}';
  }
}

}  // namespace

std::string queue_json_text(Call& c, const QueueFilter& f) {
  if (!c.services.queue) return R"({"queue":{}})";
  // Under the queue's lock only what must be read there.
  queue::QueueStatus st;
  QueueWalk w;
  std::vector<SlotCache::Text> fields;
  bool any_jobs = false;
  c.services.queue->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus& status) {
    st = status;
    w = walk_queue(jobs, st, f);
    fields = slot_cache().texts_of(w.slots);
    any_jobs = !jobs.empty();
    return 0;
  });
  Json head = Json::object();
  add_queue_header(c, head, st);
  add_queue_totals(head, st, f, w, any_jobs);
  std::string h = dump(head);
  std::string text;
  text.reserve(h.size() + 700 * w.slots.size() + 32);
  text = "{\"queue\":";
  text.append(h, 0, h.size() - 1);  // the header without its closing brace
  text += ",\"slots\":[";
  write_slots(text, w.slots, fields);
  text += "]}}";
  return text;
}

}  // namespace nzbd::api::sab
