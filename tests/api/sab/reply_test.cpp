#include <gtest/gtest.h>

#include "api/sab/reply.h"

using namespace nzbd::api::sab;

TEST(Reply, JsonEnvelope) {
  EXPECT_EQ(render_json(Reply{"version", "4.5.1"}), R"({"version":"4.5.1"})");
  EXPECT_EQ(render_json(ok_reply()), R"({"status":true})");
  EXPECT_EQ(render_json(error_reply("not implemented")), R"({"status":false,"error":"not implemented"})");
  EXPECT_EQ(render_json(Reply{"", Json{{"status", true}, {"nzo_ids", Json::array({"SABnzbd_nzo_x"})}}}),
            R"({"status":true,"nzo_ids":["SABnzbd_nzo_x"]})");
}

TEST(Reply, XmlSameTree) {
  EXPECT_EQ(render_xml(Reply{"version", "4.5.1"}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<version>4.5.1</version>\n");
  EXPECT_EQ(render_xml(error_reply("expects one parameter")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<result><status>False</status>\n"
            "<error>expects one parameter</error>\n</result>\n");
  EXPECT_EQ(render_xml(Reply{"categories", Json::array({"*", "tv"})}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<categories><category>*</category>\n"
            "<category>tv</category>\n</categories>\n");
  EXPECT_EQ(render_xml(Reply{"", Json{{"nzo_ids", Json::array({"a"})}, {"x", nullptr}, {"n", 3}}}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<result><nzo_ids><item>a</item>\n</nzo_ids>\n"
            "<x></x>\n<n>3</n>\n</result>\n");
}

TEST(Reply, XmlEscapesText) {
  std::string xml = render_xml(Reply{"value", "<a & \"b\">"});
  EXPECT_NE(xml.find("<value>&lt;a &amp; &quot;b&quot;&gt;</value>"), std::string::npos);
}

TEST(Reply, ResponseHeaders) {
  auto json = to_response(ok_reply(), "json");
  EXPECT_EQ(json.content_type, "application/json;charset=UTF-8");
  auto other = to_response(ok_reply(), "text");  // anything but xml is JSON
  EXPECT_EQ(other.content_type, "application/json;charset=UTF-8");
  auto xml = to_response(ok_reply(), "xml");
  EXPECT_EQ(xml.content_type, "text/xml;charset=utf-8");
  EXPECT_EQ(xml.body.rfind("<?xml", 0), 0u);
}

TEST(Reply, InvalidUtf8DoesNotThrow) {
  EXPECT_NO_THROW(render_json(Reply{"value", std::string("bad \xff byte")}));
}
