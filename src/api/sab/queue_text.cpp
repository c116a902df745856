// mode=queue written as JSON text: dashboards and Sonarr poll it all day, so
// each slot's job fields (nzo_id ... direct_unpack, rendered by the same
// add_job_fields as the tree) are kept as text until the job changes, and
// only the position-, speed- and time-dependent fields are written anew.
// The bytes equal queue_json(...).dump(); a test compares them.
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
  bool operator==(const JobFields&) const = default;
};

class SlotCache {
 public:
  void append_job_fields(std::string& out, const queue::Job& j, const std::string& propagating) {
    JobFields now = JobFields::of(j, propagating);
    std::lock_guard lock(mu_);
    auto it = entries_.find(j.nzo_id);
    if (it == entries_.end() || !(it->second.fields == now)) {
      Json s = Json::object();
      add_job_fields(s, j, propagating);
      std::string text = dump(s);
      text = text.substr(1, text.size() - 2);  // the fields without the braces
      if (entries_.size() >= kMaxEntries) entries_.clear();  // jobs long gone
      it = entries_.insert_or_assign(j.nzo_id, Entry{std::move(now), std::move(text)}).first;
    }
    out += it->second.text;
  }

 private:
  static constexpr size_t kMaxEntries = 50000;
  struct Entry {
    JobFields fields;
    std::string text;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

SlotCache& slot_cache() {
  static SlotCache cache;
  return cache;
}

}  // namespace

std::string queue_json_text(Call& c, const QueueFilter& f) {
  if (!c.services.queue) return R"({"queue":{}})";
  std::string text;
  c.services.queue->with_jobs([&](const std::vector<const queue::Job*>& jobs, const queue::QueueStatus& st) {
    Json head = Json::object();
    add_queue_header(c, head, st);
    QueueWalk w = walk_queue(jobs, st, f);
    add_queue_totals(head, st, f, w, !jobs.empty());
    std::string h = dump(head);
    text.reserve(h.size() + 700 * w.slots.size() + 32);
    text = "{\"queue\":";
    text.append(h, 0, h.size() - 1);  // the header without its closing brace
    text += ",\"slots\":[";
    for (size_t i = 0; i < w.slots.size(); ++i) {
      const SlotView& v = w.slots[i];
      text += i ? ",{\"index\":" : "{\"index\":";
      text += std::to_string(v.index);
      text += ',';
      slot_cache().append_job_fields(text, *v.job, v.propagating);
      text += ",\"status\":";
      append_string(text, v.status);
      text += ",\"timeleft\":";
      append_string(text, v.timeleft);
      text += ",\"avg_age\":";
      append_string(text, v.avg_age);
      text += ",\"time_added\":";
      text += std::to_string(v.job->time_added);
      text += '}';
    }
    text += "]}}";
    return 0;
  });
  return text;
}

}  // namespace nzbd::api::sab
