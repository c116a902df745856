#include "store.h"

#include <pugixml.hpp>

#include <cstdio>
#include <mutex>

namespace bench {

std::vector<std::string> nzb_message_ids(const std::string& path, std::string& err) {
  std::vector<std::string> ids;
  pugi::xml_document doc;
  if (auto r = doc.load_file(path.c_str()); !r) {
    err = path + ": " + r.description();
    return ids;
  }
  for (auto file : doc.child("nzb").children("file"))
    for (auto seg : file.child("segments").children("segment")) {
      std::string id = seg.child_value();
      // Trim whitespace and angle brackets; ids with spaces or CR/LF would break the protocol.
      while (!id.empty() && (id.back() == ' ' || id.back() == '\n' || id.back() == '\r' || id.back() == '\t'))
        id.pop_back();
      size_t b = id.find_first_not_of(" \t\r\n");
      id = b == std::string::npos ? "" : id.substr(b);
      if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
      if (id.empty() || id.find_first_of(" \t\r\n<>") != std::string::npos) continue;
      ids.push_back(std::move(id));
    }
  if (ids.empty()) err = path + ": no segments";
  return ids;
}

bool ArticleStore::load(const FetchOptions& from, const std::vector<std::string>& ids, std::string& err) {
  std::vector<std::string> bodies(ids.size());
  size_t missing = 0;
  std::mutex mu;
  FetchStats st = fetch_bodies(from, ids, [&](size_t i, std::string_view raw) {
    if (raw.empty()) {
      std::lock_guard lock(mu);
      ++missing;
      return;
    }
    bodies[i].assign(raw.data(), raw.size());
  });
  if (!st.error.empty()) return err = st.error, false;
  if (missing) return err = std::to_string(missing) + " article(s) missing on the source server", false;
  for (size_t i = 0; i < ids.size(); ++i) {
    bytes_ += bodies[i].size();
    bodies_.emplace(ids[i], std::move(bodies[i]));
  }
  std::fprintf(stderr, "nntp_memserver: loaded %zu articles, %.1f MB in %.2f s\n", bodies_.size(), bytes_ / 1e6,
               st.seconds);
  return true;
}

const std::string* ArticleStore::find(std::string_view id) const {
  auto it = bodies_.find(std::string(id));
  return it == bodies_.end() ? nullptr : &it->second;
}

}  // namespace bench
