// Canned HTTP for the Newznab client tests: a handler per call, every URL
// recorded, and builders for caps and feed documents.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pvr/http_get.h"

namespace nzbd::pvr::testing {

struct FakeHttp {
  std::vector<std::string> urls;
  std::function<Result<HttpReply>(const std::string& url)> handler;

  HttpGet get() {
    return [this](const std::string& url) -> Result<HttpReply> {
      urls.push_back(url);
      return handler(url);
    };
  }
  // URLs that are not t=caps requests.
  std::vector<std::string> feed_urls() const {
    std::vector<std::string> out;
    for (const auto& u : urls)
      if (u.find("t=caps") == std::string::npos) out.push_back(u);
    return out;
  }
};

inline HttpReply ok(std::string body, std::string type = "application/rss+xml") {
  HttpReply r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = std::move(type);
  return r;
}

inline HttpReply status(long code, std::string body = "", std::optional<int> retry_after = {}) {
  HttpReply r;
  r.status = code;
  r.body = std::move(body);
  r.retry_after_seconds = retry_after;
  return r;
}

inline std::string caps_xml(const std::string& tv_params = "q,tvdbid,tvmazeid,rid,imdbid,season,ep",
                            int max = 100, int def = 100, const std::string& search_params = "q") {
  std::string tv = tv_params.empty() ? R"(<tv-search available="yes"/>)"
                                     : R"(<tv-search available="yes" supportedParams=")" + tv_params + R"("/>)";
  return R"(<?xml version="1.0" encoding="UTF-8"?><caps><server title="t"/><limits max=")" + std::to_string(max) +
         R"(" default=")" + std::to_string(def) + R"("/><searching><search available="yes" supportedParams=")" +
         search_params + R"("/>)" + tv +
         R"(</searching><categories><category id="5000" name="TV"><subcat id="5030" name="SD"/>)"
         R"(<subcat id="5040" name="HD"/></category></categories></caps>)";
}

struct Item {
  Item(std::string t, std::string g, std::string d, std::string u, std::string e = "")
      : title(std::move(t)), guid(std::move(g)), pub_date(std::move(d)), url(std::move(u)), extra(std::move(e)) {}
  std::string title;
  std::string guid;
  std::string pub_date;  // "" = no <pubDate>
  std::string url;       // enclosure url; "" = no enclosure
  std::string extra;     // raw XML appended inside <item>
};

inline std::string feed_xml(const std::vector<Item>& items) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/">
<channel><title>fake</title>)";
  for (const auto& i : items) {
    out += "<item><title>" + i.title + "</title><guid isPermaLink=\"true\">" + i.guid + "</guid>";
    if (!i.pub_date.empty()) out += "<pubDate>" + i.pub_date + "</pubDate>";
    if (!i.url.empty()) out += "<enclosure url=\"" + i.url + "\" length=\"1000\" type=\"application/x-nzb\"/>";
    out += i.extra + "</item>\n";
  }
  return out + "</channel></rss>";
}

// n items named prefix.1 .. prefix.n, guids prefix-1 ..
inline std::vector<Item> numbered(const std::string& prefix, int n, int start = 1) {
  std::vector<Item> v;
  for (int i = start; i < start + n; ++i)
    v.push_back({prefix + "." + std::to_string(i), prefix + "-" + std::to_string(i), "Mon, 01 Jun 2026 12:00:00 +0000",
                 "http://idx/getnzb/" + prefix + "-" + std::to_string(i)});
  return v;
}

// Value of key in a URL's query ("" when absent).
inline std::string query_value(const std::string& url, const std::string& key) {
  auto q = url.find('?');
  if (q == std::string::npos) return {};
  std::string query = "&" + url.substr(q + 1);
  auto pos = query.find("&" + key + "=");
  if (pos == std::string::npos) return {};
  pos += key.size() + 2;
  return query.substr(pos, query.find('&', pos) - pos);
}

}  // namespace nzbd::pvr::testing
