// Turning query strings and request bodies into Params: urlencoded parsing by
// uriparser, multipart/form-data parsing by GMime.
#pragma once

#include <string_view>

#include "http/message.h"
#include "util/result.h"

namespace nzbd::http {

// Appends key/value pairs of an application/x-www-form-urlencoded string.
void parse_urlencoded(std::string_view text, Params& out);

// Appends the fields of a multipart/form-data body; file parts go to out.files
// (and their file name is also added as a parameter, as SABnzbd sees them).
Status parse_multipart(std::string_view content_type, std::string_view body, Params& out);

// Fills req.params from req.query and, for form bodies, req.body.
Status parse_params(Request& req);

// Percent-decodes a URL path ("+" is kept).
std::string decode_path(std::string_view path);

}  // namespace nzbd::http
