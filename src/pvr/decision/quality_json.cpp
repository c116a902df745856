#include "pvr/decision/quality_json.h"

#include <nlohmann/json.hpp>

namespace nzbd::pvr {
using nlohmann::json;

QualityModel quality_model(int quality_id, int version, int real, bool repack) {
  QualityModel q;
  const QualityDefinition* d = find_quality(quality_id);
  if (!d) d = find_quality(0);
  if (d) {
    q.id = d->id;
    q.name = d->name;
    q.source = d->source;
    q.resolution = d->resolution;
  }
  q.version = version;
  q.real = real;
  q.is_repack = repack;
  return q;
}

std::string quality_to_db(const QualityModel& q) {
  return json{{"quality", q.id},
              {"revision", {{"version", q.version}, {"real", q.real}, {"isRepack", q.is_repack}}}}
      .dump();
}

QualityModel quality_from_db(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return quality_model(0);
  int id = 0, version = 1, real = 0;
  bool repack = false;
  if (auto it = j.find("quality"); it != j.end() && it->is_number_integer()) id = it->get<int>();
  if (auto it = j.find("revision"); it != j.end() && it->is_object()) {
    try {  // a wrongly typed member keeps the default
      version = it->value("version", 1);
      real = it->value("real", 0);
      repack = it->value("isRepack", false);
    } catch (const json::exception&) {
    }
  }
  return quality_model(id, version, real, repack);
}

}  // namespace nzbd::pvr
