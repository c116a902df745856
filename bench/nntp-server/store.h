// Articles held in RAM: message-id -> the raw (dot-stuffed, ".\r\n"-terminated) body as a
// news server sends it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fetch.h"

namespace bench {

// Message-ids (without <>) of every <segment> in an NZB file; error text on failure.
std::vector<std::string> nzb_message_ids(const std::string& path, std::string& err);

class ArticleStore {
 public:
  // Reads every id's body from a server once. False (with err) when any is missing.
  bool load(const FetchOptions& from, const std::vector<std::string>& ids, std::string& err);
  // nullptr when unknown.
  const std::string* find(std::string_view id) const;
  size_t size() const { return bodies_.size(); }
  uint64_t bytes() const { return bytes_; }

 private:
  std::unordered_map<std::string, std::string> bodies_;
  uint64_t bytes_ = 0;
};

}  // namespace bench
