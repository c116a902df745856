// Newznab replies: HTTP faults, <error> codes, RSS items, NZB sanity.
//
// pugixml never loads a DTD or an external entity: with parse_default the
// DOCTYPE (internal subset included) is skipped and only the five XML
// entities and &#...; references expand. Any other "&name;" stays literal
// text, so billion-laughs and XXE feeds are inert.
#include "pvr/indexer/newznab_feed.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "pvr/indexer/newznab_text.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

using Kind = IndexerError::Kind;

constexpr std::string_view kNewznabNs = "http://www.newznab.com/DTD/2010/feeds/attributes/";
constexpr std::size_t kMaxItemsPerPage = 10000;
constexpr std::size_t kMaxTitle = 1024;

bool looks_like_html(std::string_view body) {
  std::size_t i = 0;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  std::string head = to_lower(body.substr(i, 14));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

bool parse_xml(pugi::xml_document& doc, std::string_view body) {
  return static_cast<bool>(doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_auto));
}

std::string xml_problem(std::string_view body) {
  pugi::xml_document doc;
  auto r = doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_auto);
  return std::string(r.description()) + " at offset " + std::to_string(r.offset);
}

// The <error> element of a reply: the root, or a child of it.
pugi::xml_node find_error(const pugi::xml_document& doc) {
  pugi::xml_node root = doc.document_element();
  if (!root) return {};
  if (std::string_view(root.name()) == "error") return root;
  return root.child("error");
}

std::optional<IndexerError> error_of(const pugi::xml_document& doc, bool had_apikey) {
  pugi::xml_node e = find_error(doc);
  if (!e) return std::nullopt;
  int code = 0;
  std::string_view c = e.attribute("code").value();
  std::from_chars(c.data(), c.data() + c.size(), code);
  return classify_newznab_error(code, clean_text(e.attribute("description").value(), 300), had_apikey);
}

// Elements named <prefix>:attr where prefix is bound to the Newznab
// namespace on the root (or the customary "newznab").
std::string attr_element_name(const pugi::xml_node& root) {
  for (const auto& a : root.attributes()) {
    std::string_view name = a.name();
    if (name.rfind("xmlns:", 0) == 0 && a.value() == kNewznabNs) return std::string(name.substr(6)) + ":attr";
  }
  return "newznab:attr";
}

struct Attrs {
  std::vector<std::pair<std::string, std::string>> values;  // lower-cased name, value
  std::optional<std::string> get(std::string_view name) const {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return std::nullopt;
  }
};

Attrs read_attrs(const pugi::xml_node& item, const std::string& element) {
  Attrs out;
  for (pugi::xml_node a = item.child(element.c_str()); a; a = a.next_sibling(element.c_str())) {
    if (out.values.size() >= 200) break;
    out.values.emplace_back(to_lower(a.attribute("name").value()), clean_text(a.attribute("value").value(), 1000));
  }
  return out;
}

std::optional<ReleaseInfo> read_item(const pugi::xml_node& item, const std::string& attr_name,
                                     const std::string& request_url, std::optional<IndexerError>& page_error) {
  ReleaseInfo r;
  Attrs attrs = read_attrs(item, attr_name);

  r.title = clean_text(item.child("title").text().get(), kMaxTitle + 1);
  if (r.title.empty()) r.title = "Unknown";
  if (r.title.size() > kMaxTitle) return std::nullopt;

  // Sonarr reads the NZB link only from an application/x-nzb enclosure.
  std::int64_t enclosure_length = 0;
  for (pugi::xml_node enc = item.child("enclosure"); enc; enc = enc.next_sibling("enclosure")) {
    if (std::string_view(enc.attribute("type").value()) != "application/x-nzb") continue;
    r.download_url = resolve_url(request_url, enc.attribute("url").value());
    enclosure_length = parse_i64(enc.attribute("length").value()).value_or(0);
    break;
  }
  if (r.download_url.empty()) return std::nullopt;

  std::string date_text;
  if (auto usenet = attrs.get("usenetdate"); usenet && !usenet->empty()) {
    date_text = *usenet;
  } else {
    date_text = clean_text(item.child("pubDate").text().get(), 100);
    if (date_text.empty()) {
      page_error = IndexerError{Kind::Feed,
                                "Each item in the RSS feed must have a pubDate element with a valid publish date.", {}};
      return std::nullopt;
    }
  }
  auto when = parse_feed_date(date_text);
  if (!when) return std::nullopt;  // one bad item, not the page
  r.publish_date = format_utc(*when);

  r.guid = clean_text(item.child("guid").text().get(), 1000);
  if (r.guid.empty()) r.guid = r.download_url;

  std::string comments = clean_text(item.child("comments").text().get(), 2000);
  r.comment_url = resolve_url(request_url, comments);
  std::string info = comments;
  constexpr std::string_view kHash = "#comments";
  if (info.size() >= kHash.size() && info.compare(info.size() - kHash.size(), kHash.size(), kHash) == 0)
    info.resize(info.size() - kHash.size());
  r.info_url = resolve_url(request_url, info);

  auto size = attrs.get("size") ? parse_i64(*attrs.get("size")) : std::nullopt;
  r.size = size && *size >= 0 ? *size : std::max<std::int64_t>(enclosure_length, 0);

  for (const auto& [k, v] : attrs.values)
    if (k == "category")
      if (auto c = parse_i64(v); c && *c >= 0 && *c < 1000000) r.categories.push_back(static_cast<int>(*c));
  auto int_attr = [&](std::string_view name) -> std::optional<int> {
    auto v = attrs.get(name);
    if (!v) return std::nullopt;
    auto n = parse_i64(*v);
    if (!n || *n < 0 || *n > 2000000000) return std::nullopt;
    return static_cast<int>(*n);
  };
  r.tvdb_id = int_attr("tvdbid").value_or(0);
  r.tvmaze_id = int_attr("tvmazeid").value_or(0);
  r.tvrage_id = int_attr("rageid").value_or(0);
  if (auto imdb = int_attr("imdb"); imdb && *imdb > 0) {
    std::string digits = std::to_string(*imdb);
    r.imdb_id = "tt" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
  }
  r.grabs = int_attr("grabs");
  r.files = int_attr("files");
  if (auto poster = attrs.get("poster"); poster && !poster->empty()) r.poster = *poster;
  return r;
}

}  // namespace

std::string_view http_reason(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::optional<IndexerError> check_http_reply(const HttpReply& reply, std::string_view what) {
  std::string status = std::to_string(reply.status);
  if (!http_reason(reply.status).empty()) status += " " + std::string(http_reason(reply.status));
  if (reply.status == 429) {
    return IndexerError{Kind::RateLimited, std::string(what) + " was refused: HTTP " + status + " (request limit reached)",
                        reply.retry_after_seconds};
  }
  if (reply.status != 200) {
    // Some servers send their <error> with a 4xx status.
    pugi::xml_document doc;
    if (!looks_like_html(reply.body) && reply.body.size() < 65536 && parse_xml(doc, reply.body))
      if (auto e = error_of(doc, true)) return e;
    return IndexerError{Kind::Http, std::string(what) + " resulted in an unexpected StatusCode [" + status + "]", {}};
  }
  if (reply.content_type.find("text/html") != std::string::npos || looks_like_html(reply.body))
    return IndexerError{Kind::Feed, "Indexer responded with html content. Site is likely blocked or unavailable.", {}};
  return std::nullopt;
}

IndexerError classify_newznab_error(int code, const std::string& description, bool request_had_apikey) {
  if (code >= 100 && code <= 199) return {Kind::ApiKey, "Invalid API Key: " + description, {}};
  std::string lower = to_lower(description);
  if (!request_had_apikey && (description == "Missing parameter" || lower.find("apikey") != std::string::npos))
    return {Kind::ApiKey, "Indexer requires an API key", {}};
  if (lower.find("request limit reached") != std::string::npos)
    return {Kind::RateLimited, "API Request Limit reached: " + description, {}};
  return {Kind::Newznab, "Newznab error " + std::to_string(code) + ": " + description, {}};
}

FeedPage parse_feed(std::string_view body, const std::string& request_url) {
  FeedPage page;
  if (body.size() > kMaxFeedBytes) {
    page.error = IndexerError{Kind::Transport, "Indexer response is larger than " +
                                                   std::to_string(kMaxFeedBytes >> 20) + " MiB", {}};
    return page;
  }
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) {
    page.error = IndexerError{Kind::Feed, "Indexer response is not valid XML: " + xml_problem(body), {}};
    return page;
  }
  if (auto e = error_of(doc, has_api_key(request_url))) {
    page.error = e;
    return page;
  }
  pugi::xml_node root = doc.document_element();
  pugi::xml_node channel = root.child("channel");
  const std::string attr_name = attr_element_name(root);
  for (pugi::xml_node item = channel.child("item"); item; item = item.next_sibling("item")) {
    if (static_cast<std::size_t>(page.items) >= kMaxItemsPerPage) break;
    ++page.items;
    std::optional<IndexerError> item_error;
    auto r = read_item(item, attr_name, request_url, item_error);
    if (item_error) {
      page.error = item_error;
      page.releases.clear();
      return page;
    }
    if (r) page.releases.push_back(std::move(*r));
  }
  return page;
}

std::optional<IndexerError> validate_nzb(std::string_view body, bool request_had_apikey) {
  if (looks_like_html(body)) return IndexerError{Kind::Feed, "Invalid NZB: the indexer sent an HTML page", {}};
  pugi::xml_document doc;
  if (!parse_xml(doc, body)) return IndexerError{Kind::Feed, "Invalid NZB: not XML (" + xml_problem(body) + ")", {}};
  if (auto e = error_of(doc, request_had_apikey)) return e;
  pugi::xml_node root = doc.document_element();
  if (!root) return IndexerError{Kind::Feed, "Invalid NZB: No Root element", {}};
  std::string_view name = root.name();
  if (auto colon = name.find(':'); colon != std::string_view::npos) name = name.substr(colon + 1);
  if (name != "nzb")
    return IndexerError{Kind::Feed, "Invalid NZB: Unexpected root element. Expected 'nzb' found '" +
                                        clean_text(name, 100) + "'", {}};
  for (pugi::xml_node child : root.children()) {
    std::string_view n = child.name();
    if (auto colon = n.find(':'); colon != std::string_view::npos) n = n.substr(colon + 1);
    if (n == "file") return std::nullopt;
  }
  return IndexerError{Kind::Feed, "Invalid NZB: No files", {}};
}

}  // namespace nzbd::pvr
