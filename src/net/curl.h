// libcurl, opened on first use instead of linked. Only URL fetches, indexers,
// TVMaze and email need it, and linking it brings about twenty libraries
// (GnuTLS, Kerberos, LDAP, SSH, RTMP, ...) into every nzbd process: some
// 3 MB of resident memory from the first second, while idle or downloading.
// Every libcurl call in the daemon goes through this table.
#pragma once

#include <curl/curl.h>

#include "util/result.h"

namespace nzbd::net {

struct Curl {
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_mime_init) mime_init;
  decltype(&::curl_mime_addpart) mime_addpart;
  decltype(&::curl_mime_name) mime_name;
  decltype(&::curl_mime_data) mime_data;
  decltype(&::curl_mime_filename) mime_filename;
  decltype(&::curl_mime_type) mime_type;
  decltype(&::curl_mime_free) mime_free;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// The loaded library, curl_global_init done (once, thread-safely); or why it
// could not be loaded (the message names the file and what to install).
Result<const Curl*> curl();

}  // namespace nzbd::net
