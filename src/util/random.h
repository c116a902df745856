#pragma once

#include <string>

namespace nzbd {

// Lowercase hex from the OS's CSPRNG (OpenSSL RAND_bytes); used for API keys.
std::string random_hex(size_t chars);
// Lowercase letters and digits, for SABnzbd-style ids ("SABnzbd_nzo_" + random_id(8)).
std::string random_id(size_t chars);

}  // namespace nzbd
