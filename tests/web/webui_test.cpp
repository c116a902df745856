// The UI's file server: which paths it answers, gzip that browsers can read,
// ETag revalidation, caching headers, and a CSP that names the import map.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "web/assets.h"
#include "web/webui.h"

namespace nzbd::web {
namespace {

http::Request get(std::string path, std::map<std::string, std::string> headers = {}) {
  http::Request r;
  r.method = "GET";
  r.path = r.target = std::move(path);
  r.headers = std::move(headers);
  return r;
}

std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string_view embedded(std::string_view path) {
  for (const Asset& a : embedded_assets())
    if (a.path == path) return a.data;
  return {};
}

TEST(UiPath, MapsTheRootsAndRefusesEverythingElse) {
  EXPECT_EQ(ui_path("/"), "/index.html");
  EXPECT_EQ(ui_path("/sabnzbd"), "/index.html");
  EXPECT_EQ(ui_path("/sabnzbd/"), "/index.html");
  EXPECT_EQ(ui_path("/sabnzbd/app/main.js"), "/app/main.js");
  EXPECT_EQ(ui_path("/vendor/preact.module.js"), "/vendor/preact.module.js");
  EXPECT_EQ(ui_path("/app/../../etc/passwd"), "");
  EXPECT_EQ(ui_path("/app/..\\x"), "");
  EXPECT_EQ(ui_path("/etc/passwd"), "");
  EXPECT_EQ(ui_path("/api"), "");
}

TEST(WebUi, ServesEmbeddedFilesGzippedWithEtagAndRevalidates) {
  WebUi ui;
  auto plain = ui.serve(get("/vendor/preact.module.js"));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->body, embedded("/vendor/preact.module.js"));
  EXPECT_EQ(header(*plain, "Content-Encoding"), "");
  EXPECT_NE(header(*plain, "Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(plain->content_type, "text/javascript;charset=utf-8");

  auto zipped = ui.serve(get("/vendor/preact.module.js", {{"accept-encoding", "gzip, br"}}));
  ASSERT_TRUE(zipped);
  EXPECT_EQ(header(*zipped, "Content-Encoding"), "gzip");
  EXPECT_LT(zipped->body.size(), plain->body.size());
  EXPECT_EQ(gunzip(zipped->body), plain->body);

  std::string etag = header(*plain, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = ui.serve(get("/vendor/preact.module.js", {{"if-none-match", etag}}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto stale = ui.serve(get("/vendor/preact.module.js", {{"if-none-match", "\"other\""}}));
  EXPECT_EQ(stale->status, 200);
}

TEST(WebUi, IndexIsNoCacheWithACspThatHashesTheImportMap) {
  WebUi ui;
  auto index = ui.serve(get("/sabnzbd/"));
  ASSERT_TRUE(index);
  EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");
  std::string html(embedded("/index.html"));
  constexpr std::string_view open = "<script type=\"importmap\">";
  auto start = html.find(open) + open.size();
  std::string map = html.substr(start, html.find("</script>", start) - start);
  std::array<unsigned char, 32> md{};
  unsigned int len = 0;
  EVP_Digest(map.data(), map.size(), md.data(), &len, EVP_sha256(), nullptr);
  std::array<unsigned char, 64> b64{};
  EVP_EncodeBlock(b64.data(), md.data(), 32);
  std::string csp = header(*index, "Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self' 'sha256-" + std::string(reinterpret_cast<char*>(b64.data())) + "'"),
            std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
}

TEST(WebUi, UnknownPathsAreNotTheUis) {
  WebUi ui;
  EXPECT_FALSE(ui.serve(get("/app/nothing-here.js")));
  EXPECT_FALSE(ui.serve(get("/secret.txt")));
}

TEST(WebUi, DevFolderReplacesAppFilesButNeverVendorFiles) {
  auto dir = std::filesystem::temp_directory_path() / "nzbd-webui-dev-test";
  std::filesystem::create_directories(dir / "app");
  std::filesystem::create_directories(dir / "vendor");
  std::ofstream(dir / "app" / "main.js") << "console.log('dev');";
  std::ofstream(dir / "vendor" / "preact.module.js") << "tampered";
  WebUi ui(dir);
  EXPECT_EQ(ui.serve(get("/app/main.js"))->body, "console.log('dev');");
  EXPECT_EQ(ui.serve(get("/vendor/preact.module.js"))->body, embedded("/vendor/preact.module.js"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nzbd::web
