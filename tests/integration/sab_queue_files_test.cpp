// Files inside a job: get_files, move_nzf_bulk, delete_nzf.
#include <regex>

#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {

class SabQueueFiles : public SabQueueFixture {
 protected:
  void SetUp() override {
    SabQueueFixture::SetUp();
    int64_t date = static_cast<int64_t>(std::time(nullptr)) - 3 * 86400 - 100;
    id_ = add("Files.Job.nzb", make_nzb({{"show.part01.rar", 2, 131072, date},
                                         {"show.part02.rar", 2, 131072, date},
                                         {"show.part03.rar", 1, 131072, date},
                                         {"show.par2", 1, 1000, date},
                                         {"show.vol00+01.par2", 3, 100000, date}}));
  }
  OJson files() { return json("mode=get_files&value=" + id_)["files"]; }
  std::vector<std::string> names() {
    std::vector<std::string> n;
    for (const auto& f : files()) n.push_back(f["filename"]);
    return n;
  }
  std::string nzf(const std::string& filename) {
    for (const auto& f : files())
      if (f["filename"] == filename) return f["nzf_id"];
    ADD_FAILURE() << "no file " << filename;
    return "";
  }
  std::string id_;
};

TEST_F(SabQueueFiles, GetFilesFieldsAndTypes) {
  auto list = files();
  ASSERT_EQ(list.size(), 5u);
  for (const auto& f : list) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : f.items()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys, (std::vector<std::string>{"age", "bytes", "filename", "mb", "mbleft", "nzf_id", "status"}));
    for (const char* k : {"mbleft", "mb", "bytes"})
      EXPECT_TRUE(f[k].is_string() && std::regex_match(f[k].get<std::string>(), std::regex(R"(^\d+\.\d\d$)")))
          << k << "=" << f[k];
    EXPECT_TRUE(std::regex_match(f["nzf_id"].get<std::string>(), std::regex("^SABnzbd_nzf_.+$")));
    EXPECT_TRUE(std::regex_match(f["status"].get<std::string>(), std::regex("^(finished|active|queued)$")));
    EXPECT_EQ(f["age"], "3d");
  }
  // Download order: the par2 index first, the RAR volumes, the recovery volume last
  // (held back: "queued"); nothing is downloaded yet, so the others are active.
  EXPECT_EQ(names(), (std::vector<std::string>{"show.par2", "show.part01.rar", "show.part02.rar",
                                               "show.part03.rar", "show.vol00+01.par2"}));
  EXPECT_EQ(list[1]["status"], "active");
  EXPECT_EQ(list[1]["bytes"], "262144.00");
  EXPECT_EQ(list[1]["mb"], "0.25");
  EXPECT_EQ(list[1]["mbleft"], "0.25");
  EXPECT_EQ(list.back()["filename"], "show.vol00+01.par2");
  EXPECT_EQ(list.back()["status"], "queued");
  // The held-back volume does not count in the job size.
  EXPECT_EQ(slot_of(id_)["mb"], "0.63");  // (5 x 131072 + 1000) bytes
  EXPECT_EQ(json("mode=get_files&value=SABnzbd_nzo_unknown"), OJson::parse(R"({"files":[]})"));
  EXPECT_EQ(json("mode=get_files"), OJson::parse(R"({"files":[]})"));
}

TEST_F(SabQueueFiles, MoveFilesInBulk) {
  using Names = std::vector<std::string>;
  const std::string par = "show.par2", p1 = "show.part01.rar", p2 = "show.part02.rar", p3 = "show.part03.rar",
                    vol = "show.vol00+01.par2";
  std::string id1 = nzf(p1), id3 = nzf(p3), idpar = nzf(par);
  ASSERT_EQ(names(), (Names{par, p1, p2, p3, vol}));
  EXPECT_EQ(json("mode=move_nzf_bulk&name=top&value=" + id_ + "&nzf_ids=" + id3), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(names(), (Names{p3, par, p1, p2, vol}));
  // get_files lists active before queued, so the held-back volume stays last.
  json("mode=move_nzf_bulk&name=bottom&value=" + id_ + "&nzf_ids=" + id3 + "," + id1);
  EXPECT_EQ(names(), (Names{par, p2, p3, p1, vol}));
  EXPECT_EQ(json("mode=move_nzf_bulk&name=up&value=" + id_ + "&nzf_ids=" + id1 + "&size=2"),
            OJson::parse(R"({"status":true})"));
  EXPECT_EQ(names(), (Names{par, p2, p1, p3, vol}));
  json("mode=move_nzf_bulk&name=down&value=" + id_ + "&nzf_ids=" + idpar + "&size=1");
  EXPECT_EQ(names(), (Names{p2, par, p1, p3, vol}));
  EXPECT_EQ(json("mode=move_nzf_bulk&name=up&value=" + id_ + "&nzf_ids=" + id1), OJson::parse(R"({"status":false})"));
  EXPECT_EQ(json("mode=move_nzf_bulk&name=top&value=SABnzbd_nzo_unknown&nzf_ids=" + id1),
            OJson::parse(R"({"status":false})"));
}

TEST_F(SabQueueFiles, DeleteFiles) {
  std::string p1 = nzf("show.part01.rar"), p2 = nzf("show.part02.rar"), p3 = nzf("show.part03.rar");
  EXPECT_EQ(json("mode=queue&name=delete_nzf&value=" + id_ + "&value2=" + p1),
            OJson({{"status", true}, {"nzf_ids", {p1}}}));
  EXPECT_EQ(files().size(), 4u);
  auto j = json("mode=queue&name=delete_nzf&value=" + id_ + "&value2=" + p2 + "," + p3);
  EXPECT_EQ(j["status"], true);
  EXPECT_EQ(j["nzf_ids"].size(), 2u);
  EXPECT_EQ(names(), (std::vector<std::string>{"show.par2", "show.vol00+01.par2"}));
  EXPECT_EQ(json("mode=queue&name=delete_nzf&value=" + id_ + "&value2=SABnzbd_nzf_fake"),
            OJson::parse(R"({"status":false,"nzf_ids":[]})"));
}

}  // namespace
}  // namespace nzbd::test
