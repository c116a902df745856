#include "e2e/torture/torture_api.h"

#include "support/http_client.h"

namespace nzbd::test::torture {

Json Api::call(const std::string& query) const {
  HttpReply r;
  try {
    r = http_get(d_.api(query));
  } catch (const std::exception&) {  // no answer: the daemon is gone
    return Json();
  }
  if (r.status != 200) return Json();
  return Json::parse(r.body, nullptr, false).is_discarded() ? Json() : Json::parse(r.body);
}

std::optional<std::string> Api::add(const std::string& name, const std::string& nzb, const std::string& params) const {
  HttpReply r;
  try {
    r = http_post_multipart(d_.api("mode=addfile&output=json" + params), {},
                            {{"name", name + ".nzb", "application/x-nzb", nzb}});
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (r.status != 200) return std::nullopt;
  Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.value("status", false) || !j.contains("nzo_ids") || j["nzo_ids"].size() != 1)
    return std::nullopt;
  return j["nzo_ids"][0].get<std::string>();
}

Json Api::queue_slots() const {
  Json j = call("mode=queue&limit=1000");
  return j.is_object() && j.contains("queue") ? j["queue"]["slots"] : Json::array();
}

Json Api::history_slots() const {
  Json j = call("mode=history&limit=100000");
  return j.is_object() && j.contains("history") ? j["history"]["slots"] : Json::array();
}

Json Api::history_row(const std::string& nzo_id) const {
  Json j = call("mode=history&nzo_ids=" + nzo_id);
  if (!j.is_object() || !j.contains("history")) return Json();
  for (const auto& s : j["history"]["slots"])
    if (s.value("nzo_id", "") == nzo_id) return s;
  return Json();
}

std::string Api::history_status(const std::string& nzo_id) const {
  Json row = history_row(nzo_id);
  return row.is_object() ? row.value("status", "") : "";
}

bool is_final(const std::string& status) { return status == "Completed" || status == "Failed"; }

}  // namespace nzbd::test::torture
