// t=caps parsing, with Sonarr's defaults when the document is not usable.
#include "pvr/indexer/newznab_caps.h"

#include <pugixml.hpp>

#include <algorithm>

#include "pvr/indexer/newznab_feed.h"
#include "pvr/indexer/newznab_text.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

std::vector<std::string> split_params(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < 100) {
    auto comma = text.find(',', start);
    std::string part = clean_text(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                    : comma - start), 50);
    if (!part.empty()) out.push_back(to_lower(part));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<int> int_attr(const pugi::xml_node& n, const char* name) {
  auto v = parse_i64(n.attribute(name).value());
  if (!v || *v < 0 || *v > 1000000) return std::nullopt;
  return static_cast<int>(*v);
}

// One <search>/<tv-search> element into params; false when Sonarr would
// throw on it (no "available" attribute).
bool read_search(const pugi::xml_node& node, std::optional<std::vector<std::string>>& params,
                 std::string& engine, bool* aggregate) {
  if (!node) {
    params.reset();
    return true;
  }
  pugi::xml_attribute available = node.attribute("available");
  if (!available) return false;
  if (std::string_view(available.value()) != "yes") {
    params.reset();
    return true;
  }
  if (pugi::xml_attribute sp = node.attribute("supportedParams")) {
    params = split_params(sp.value());
    if (aggregate) *aggregate = true;
  }
  if (pugi::xml_attribute se = node.attribute("searchEngine")) engine = clean_text(se.value(), 50);
  return true;
}

bool contains(const std::optional<std::vector<std::string>>& list, std::string_view p) {
  return list && std::find(list->begin(), list->end(), p) != list->end();
}

}  // namespace

bool NewznabCaps::search_supports(std::string_view param) const { return contains(search_params, param); }
bool NewznabCaps::tv_search_supports(std::string_view param) const { return contains(tv_search_params, param); }

int NewznabCaps::page_size() const {
  return std::clamp(std::max(default_page_size, max_page_size), 1, 100);
}

CapsParse parse_caps(std::string_view xml, bool request_had_apikey) {
  CapsParse out;
  if (xml.size() > kMaxFeedBytes) {
    out.error = IndexerError{IndexerError::Kind::Transport, "Indexer capabilities reply is too large", {}};
    return out;
  }
  pugi::xml_document doc;
  auto res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) {
    out.error = IndexerError{IndexerError::Kind::Feed,
                             std::string("Indexer capabilities are not valid XML: ") + res.description() +
                                 " at offset " + std::to_string(res.offset),
                             {}};
    return out;
  }
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) == "error" || root.child("error")) {
    pugi::xml_node e = std::string_view(root.name()) == "error" ? root : root.child("error");
    auto code = parse_i64(e.attribute("code").value()).value_or(0);
    out.error = classify_newznab_error(static_cast<int>(code), clean_text(e.attribute("description").value(), 300),
                                       request_had_apikey);
    return out;
  }
  auto unusable = [&](std::string why) {
    CapsParse d;
    d.usable = false;
    d.problem = std::move(why);
    return d;
  };
  if (std::string_view(root.name()) != "caps") return unusable("unexpected root element '" + clean_text(root.name(), 50) + "'");
  NewznabCaps& caps = out.caps;
  if (pugi::xml_node limits = root.child("limits")) {
    auto def = int_attr(limits, "default");
    auto max = int_attr(limits, "max");
    if (!def || !max) return unusable("limits needs both default and max");
    caps.default_page_size = *def;
    caps.max_page_size = *max;
  }
  if (pugi::xml_node searching = root.child("searching")) {
    if (!read_search(searching.child("search"), caps.search_params, caps.text_search_engine, nullptr) ||
        !read_search(searching.child("tv-search"), caps.tv_search_params, caps.tv_text_search_engine,
                     &caps.aggregate_id_search))
      return unusable("a search element lacks its 'available' attribute");
  }
  if (pugi::xml_node cats = root.child("categories")) {
    for (pugi::xml_node c = cats.child("category"); c && caps.categories.size() < 500; c = c.next_sibling("category")) {
      auto id = int_attr(c, "id");
      if (!id) return unusable("a category has no numeric id");
      NewznabCategory cat{*id, clean_text(c.attribute("name").value(), 200), {}};
      for (pugi::xml_node s = c.child("subcat"); s && cat.subcategories.size() < 500; s = s.next_sibling("subcat")) {
        auto sid = int_attr(s, "id");
        if (!sid) return unusable("a subcategory has no numeric id");
        cat.subcategories.push_back({*sid, clean_text(s.attribute("name").value(), 200), {}});
      }
      caps.categories.push_back(std::move(cat));
    }
  }
  return out;
}

}  // namespace nzbd::pvr
