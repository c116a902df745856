#include "net/curl.h"

#include <dlfcn.h>

#include <string>

namespace nzbd::net {
namespace {

// The soname of Debian's libcurl4 (and libcurl3-gnutls' twin): the ABI the
// headers describe.
constexpr const char* kLibrary = "libcurl.so.4";

template <typename F>
void resolve(void* lib, const char* name, F& out, std::string& missing) {
  out = reinterpret_cast<F>(::dlsym(lib, name));
  if (!out) missing += std::string(missing.empty() ? "" : ", ") + name;
}

Result<const Curl*> load() {
  // Never closed: handles and callbacks may outlive any one caller.
  void* lib = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* why = ::dlerror();
    return make_error(std::string("cannot load ") + kLibrary + " (" + (why ? why : "unknown error") +
                      "); install libcurl4 to fetch URLs, search indexers or send email");
  }
  static Curl api;
  std::string missing;
  resolve(lib, "curl_easy_init", api.easy_init, missing);
  resolve(lib, "curl_easy_setopt", api.easy_setopt, missing);
  resolve(lib, "curl_easy_perform", api.easy_perform, missing);
  resolve(lib, "curl_easy_getinfo", api.easy_getinfo, missing);
  resolve(lib, "curl_easy_cleanup", api.easy_cleanup, missing);
  resolve(lib, "curl_easy_strerror", api.easy_strerror, missing);
  resolve(lib, "curl_mime_init", api.mime_init, missing);
  resolve(lib, "curl_mime_addpart", api.mime_addpart, missing);
  resolve(lib, "curl_mime_name", api.mime_name, missing);
  resolve(lib, "curl_mime_data", api.mime_data, missing);
  resolve(lib, "curl_mime_filename", api.mime_filename, missing);
  resolve(lib, "curl_mime_type", api.mime_type, missing);
  resolve(lib, "curl_mime_free", api.mime_free, missing);
  resolve(lib, "curl_slist_append", api.slist_append, missing);
  resolve(lib, "curl_slist_free_all", api.slist_free_all, missing);
  decltype(&::curl_global_init) global_init = nullptr;
  resolve(lib, "curl_global_init", global_init, missing);
  if (!missing.empty()) return make_error(std::string(kLibrary) + " lacks " + missing + "; it is older than 7.56");
  // curl_easy_init would run it on first use, but not thread-safely.
  if (CURLcode rc = global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK)
    return make_error(std::string("curl_global_init failed: ") + api.easy_strerror(rc));
  return &api;
}

}  // namespace

Result<const Curl*> curl() {
  static const Result<const Curl*> loaded = load();  // a local static: initialised once, thread-safely
  return loaded;
}

}  // namespace nzbd::net
