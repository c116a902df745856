// RSS/Atom items as SABnzbd's _get_link reads them: the first enclosure is
// the NZB (its length the size), else the item's link; newznab:attr gives
// size, usenetdate, season and episode; the date is usenetdate, else the
// item's own.
//
// pugixml never loads a DTD or an external entity; with parse_default the
// DOCTYPE is skipped and "&name;" other than the five XML entities stays
// literal text. A DOCTYPE that declares entities is refused outright: no
// honest feed needs one, and the user gets a warning instead of odd titles.
#include "rss/feed.h"

#include <pugixml.hpp>

#include <cctype>
#include <charconv>
#include <cmath>

#include "pvr/indexer/newznab_feed.h"
#include "util/strings.h"

namespace nzbd::rss {
namespace {

// Element names without their namespace prefix ("newznab:attr" -> "attr").
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (auto c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

// One line of text: control characters and runs of white space become one
// space; cut at `max` bytes without splitting a UTF-8 sequence.
std::string one_line(std::string_view s, std::size_t max) {
  std::string out;
  bool space = false, cut = false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (out.size() + (space ? 1 : 0) >= max) {
      cut = true;
      break;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  if (cut) {
    // Drop a last character whose bytes did not all fit.
    std::size_t start = out.size();
    while (start > 0 && (static_cast<unsigned char>(out[start - 1]) & 0xC0) == 0x80) --start;
    if (start > 0) {
      auto lead = static_cast<unsigned char>(out[start - 1]);
      std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (out.size() - (start - 1) < need) out.resize(start - 1);
    }
  }
  return out;
}

std::string text_of(const pugi::xml_node& n, std::size_t max = kMaxTitle) { return one_line(n.child_value(), max); }

// A size in bytes: digits only. nullopt for anything else ("abc", "-5", "1e9").
std::optional<uint64_t> parse_bytes(std::string_view s) {
  std::string t = trim(s);
  if (t.empty() || t.size() > 19) return std::nullopt;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

// SABnzbd's _RE_SIZE1 on the description: "Size: 1.50 GB" (decimals required).
uint64_t size_in_description(std::string_view d) {
  std::string low = to_lower(d.substr(0, 64 * 1024));
  for (std::size_t at = low.find("size:"); at != std::string::npos; at = low.find("size:", at + 1)) {
    std::size_t i = at + 5;
    while (i < low.size() && (low[i] == ' ' || low[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < low.size() && std::isdigit(static_cast<unsigned char>(low[i]))) ++i;
    if (i == start || i >= low.size() || low[i] != '.') continue;
    ++i;
    std::size_t frac = i;
    while (i < low.size() && std::isdigit(static_cast<unsigned char>(low[i]))) ++i;
    if (i == frac) continue;
    auto number = parse_double(low.substr(start, i - start));
    while (i < low.size() && low[i] == ' ') ++i;
    double mult = 1;
    if (i < low.size() && (low[i] == 'k' || low[i] == 'm' || low[i] == 'g')) {
      mult = low[i] == 'k' ? 1024.0 : low[i] == 'm' ? 1048576.0 : 1073741824.0;
      ++i;
    }
    if (!number || i >= low.size() || low[i] != 'b') continue;
    double bytes = *number * mult;
    if (std::isfinite(bytes) && bytes > 0 && bytes < 1.8e19) return static_cast<uint64_t>(bytes);
  }
  return 0;
}

bool is_http(std::string_view link) { return starts_with_icase(link, "http://") || starts_with_icase(link, "https://"); }

// The link as SABnzbd stores it: trimmed, spaces quoted.
std::string clean_link(std::string_view raw) {
  std::string out;
  for (char c : trim(raw)) out += c == ' ' ? std::string("%20") : std::string(1, c);
  return out;
}

struct Reading {
  FeedItem item;
  std::string problem;  // set when the item is left out
};

Reading read_item(const pugi::xml_node& node, bool atom) {
  Reading r;
  FeedItem& it = r.item;
  it.title = text_of(child(node, "title"));
  std::string link, enclosure, length, bad_size;
  bool has_enclosure = false;
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = local_name(c);
    if (name == "link") {
      std::string_view rel = c.attribute("rel").value();
      if (atom && rel == "enclosure" && !has_enclosure) {
        has_enclosure = true;
        enclosure = c.attribute("href").value();
        length = c.attribute("length").value();
      } else if (link.empty() && (rel.empty() || rel == "alternate")) {
        link = atom ? c.attribute("href").value() : c.child_value();
      }
    } else if (name == "enclosure" && !has_enclosure) {
      has_enclosure = true;
      enclosure = c.attribute("url").value();
      length = c.attribute("length").value();
    } else if (name == "attr") {
      std::string key = to_lower(c.attribute("name").value());
      std::string_view value = c.attribute("value").value();
      if (key == "size" && it.size == 0 && !trim(value).empty()) {
        if (auto v = parse_bytes(value)) it.size = *v;
        else bad_size = value;
      } else if (key == "usenetdate") {
        if (auto t = pvr::parse_feed_date(value)) it.published = *t;
      } else if (key == "season" || key == "episode") {
        int n = 0;
        std::string digits;
        for (char ch : value)
          if (std::isdigit(static_cast<unsigned char>(ch)) && digits.size() < 6) digits += ch;
          else if (!digits.empty()) break;
        std::from_chars(digits.data(), digits.data() + digits.size(), n);
        (key == "season" ? it.season : it.episode) = n;
      }
    } else if (name == "category" && it.category.empty()) {
      it.category = atom ? one_line(c.attribute("term").value(), 256) : text_of(c, 256);
    }
  }
  // The enclosure's length comes first (SABnzbd reads it before anything else).
  if (has_enclosure && !trim(length).empty()) {
    if (auto v = parse_bytes(length); v && *v > 0) it.size = *v;
    else if (!v) bad_size = length;
  }
  if (it.size == 0) it.size = size_in_description(child(node, atom ? "summary" : "description").child_value());
  if (!it.published) {
    for (const char* name : {"pubDate", "published", "updated", "date"})
      if (auto n = child(node, name))
        if (auto t = pvr::parse_feed_date(trim(n.child_value()))) {
          it.published = *t;
          break;
        }
  }
  it.link = clean_link(has_enclosure && !trim(enclosure).empty() ? enclosure : link);
  // A size that is there but unreadable would let the item slip past the
  // size filters (SABnzbd treats it as unknown); left out instead.
  if (it.size == 0 && !bad_size.empty()) r.problem = "its size \"" + one_line(bad_size, 40) + "\" is not a number";
  else if (it.title.empty()) r.problem = "it has no title";
  else if (it.link.empty()) r.problem = "it has no link";
  else if (!is_http(it.link)) r.problem = "its link \"" + one_line(it.link, 80) + "\" is not http(s)";
  else if (it.link.size() > kMaxLink) r.problem = "its link is longer than " + std::to_string(kMaxLink) + " bytes";
  return r;
}

// A DOCTYPE with an internal subset that declares entities.
bool declares_entities(const pugi::xml_document& doc) {
  for (auto n : doc.children())
    if (n.type() == pugi::node_doctype && std::string_view(n.value()).find("ENTITY") != std::string_view::npos)
      return true;
  return false;
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view body) {
  pugi::xml_document doc;
  // parse_doctype only keeps the DOCTYPE node so it can be looked at; pugixml
  // expands nothing from it either way.
  auto res = doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
  if (!res) {
    std::string head = to_lower(trim(body.substr(0, 256)));
    if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0)
      return make_error("the reply is an HTML page, not a feed");
    return make_error(std::string("the reply is not XML (") + res.description() + " at offset " +
                      std::to_string(res.offset) + ")");
  }
  if (declares_entities(doc)) return make_error("the feed declares XML entities in a DOCTYPE; refused");
  pugi::xml_node root = doc.document_element();
  std::string_view kind = local_name(root);
  const bool atom = kind == "feed";
  pugi::xml_node holder;
  if (kind == "rss") holder = child(root, "channel");
  else if (kind == "RDF" || atom) holder = root;
  if (!holder) {
    if (kind == "html") return make_error("the reply is an HTML page, not a feed");
    return make_error("the reply is XML but not an RSS or Atom feed (root <" + one_line(root.name(), 40) + ">)");
  }
  ParsedFeed out;
  std::size_t index = 0, dropped = 0;
  for (auto n : holder.children()) {
    if (n.type() != pugi::node_element || local_name(n) != (atom ? "entry" : "item")) continue;
    ++index;
    if (out.items.size() >= kMaxItems) {
      ++dropped;
      continue;
    }
    Reading r = read_item(n, atom);
    if (!r.problem.empty()) {
      std::string who = r.item.title.empty() ? "item " + std::to_string(index) : "\"" + one_line(r.item.title, 120) + "\"";
      out.skipped.push_back(who + " is left out: " + r.problem);
      continue;
    }
    out.items.push_back(std::move(r.item));
  }
  if (dropped)
    out.skipped.push_back(std::to_string(dropped) + " items past the first " + std::to_string(kMaxItems) +
                          " are left out");
  return out;
}

}  // namespace nzbd::rss
