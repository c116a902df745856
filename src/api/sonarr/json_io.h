// JSON in and out for the Sonarr handlers: lenient readers (any key case,
// numbers as strings), Sonarr's error shapes, and the resource writers.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "pvr/db.h"
#include "pvr/library.h"

namespace nzbd::sonarr {
using nlohmann::json;

// --- Reading ---------------------------------------------------------------
// Parses a request body; nullopt when it is not JSON.
std::optional<json> parse_body(const std::string& body);
// Member lookup ignoring the key's case; nullptr when absent or null.
const json* member(const json& obj, std::string_view key);
std::optional<int> as_int(const json* v);  // 5, 5.0, "5"
std::optional<bool> as_bool(const json* v);  // true, "true", 1, "1"
std::optional<std::string> as_string(const json* v);
std::vector<int> as_int_list(const json* v);  // [1,"2"] or "1,2" or 3
std::optional<int> parse_int(std::string_view text);
std::optional<bool> parse_bool(std::string_view text);

// --- Replies ---------------------------------------------------------------
http::Response reply(const json& body, int status = 200);
http::Response empty_ok();  // 200 with an empty body (Sonarr's DELETE)
http::Response not_found(const std::string& message = "NotFound");
http::Response bad_request(const std::string& message);  // {message}
http::Response method_not_allowed();
struct Failure {
  std::string property;
  std::string message;
  json attempted;
  std::string code = "PredicateValidator";
};
// An Error in Sonarr's shape, its status by kind: NotFound 404 and Invalid 400
// ({message}), Conflict 409 ({message}, as Sonarr answers a violated database
// constraint), Busy 503 with Retry-After (a locked database: try again), and
// 500 ({message, description}) for everything else.
http::Response error_reply(const Error& error);
// 400 with Sonarr's FluentValidation array.
http::Response validation_error(const std::vector<Failure>& failures);

// --- Writers (camelCase, nulls and id 0 left out) --------------------------
json quality_json(int quality_id);
json file_quality_json(const pvr::EpisodeFile& f);
json languages_json(const std::vector<std::string>& names);
json series_json(pvr::Library& lib, const pvr::Series& s, bool legacy = false);
// Lookup results: no id, remote image urls, remotePoster.
json lookup_series_json(const pvr::Series& s);
json episode_json(const pvr::Episode& e, bool legacy = false);
json episode_file_json(const pvr::EpisodeFile& f, const pvr::Series* s);
json command_json(const pvr::CommandRecord& c, bool legacy);
json tag_json(const pvr::Tag& t);

}  // namespace nzbd::sonarr
