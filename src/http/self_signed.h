// A self-signed certificate for nzbd's HTTPS when the user gives none (as
// SABnzbd makes one): an EC P-256 key and a 10-year certificate for
// localhost, 127.0.0.1 and this machine's name, written as PEM files.
#pragma once

#include <filesystem>
#include <string>

#include "util/result.h"

namespace nzbd::http {

// Overwrites both files; the key file is readable by the owner only.
Status write_self_signed_certificate(const std::filesystem::path& cert_file, const std::filesystem::path& key_file);

}  // namespace nzbd::http
