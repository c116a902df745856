// QualityModel as Sonarr stores it in its database:
// {"quality":3,"revision":{"version":1,"real":0,"isRepack":false}}.
#pragma once

#include <string>

#include "pvr/quality.h"

namespace nzbd::pvr {

std::string quality_to_db(const QualityModel& q);
// Unknown (id 0) for anything that is not such an object.
QualityModel quality_from_db(const std::string& text);
// A QualityModel for a known quality id, revision 1.
QualityModel quality_model(int quality_id, int version = 1, int real = 0, bool repack = false);

}  // namespace nzbd::pvr
