// Job operations: pause/resume, delete, purge, switch, priority, change_*,
// rename and sort.
#include <algorithm>

#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {

class SabQueueOps : public SabQueueFixture {
 protected:
  // Three Normal jobs, queue order a, b, c.
  void add_three() {
    a_ = add("Aaa.Job.nzb", simple_nzb("a", 1));
    b_ = add("Bbb.Job.nzb", simple_nzb("b", 3));
    c_ = add("Ccc.Job.nzb", simple_nzb("c", 2));
    ASSERT_EQ(queue_ids(), (std::vector<std::string>{a_, b_, c_}));
  }
  std::string a_, b_, c_;
};

TEST_F(SabQueueOps, JobPauseAndResume) {
  add_three();
  EXPECT_EQ(json("mode=queue&name=pause&value=" + b_), OJson({{"status", true}, {"nzo_ids", {b_}}}));
  EXPECT_EQ(slot_of(b_)["status"], "Paused");
  EXPECT_EQ(slot_of(a_)["status"], "Queued");
  EXPECT_EQ(queue()["noofslots_total"], 2);
  EXPECT_EQ(json("mode=queue&name=resume&value=" + b_), OJson({{"status", true}, {"nzo_ids", {b_}}}));
  EXPECT_EQ(slot_of(b_)["status"], "Queued");
  // Unknown ids are still reported, as SABnzbd does.
  EXPECT_EQ(json("mode=queue&name=pause&value=SABnzbd_nzo_unknown"),
            OJson::parse(R"({"status":true,"nzo_ids":["SABnzbd_nzo_unknown"]})"));
  EXPECT_EQ(json("mode=queue&name=pause"), OJson::parse(R"({"status":false,"nzo_ids":false})"));
  EXPECT_EQ(json("mode=queue&name=resume"), OJson::parse(R"({"status":false,"nzo_ids":false})"));
}

TEST_F(SabQueueOps, DeleteSeveralAllAndUnknown) {
  add_three();
  auto j = json("mode=queue&name=delete&value=" + a_ + "," + c_);
  EXPECT_EQ(j["status"], true);
  std::vector<std::string> got = j["nzo_ids"], want = {a_, c_};
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  EXPECT_EQ(queue_ids(), std::vector<std::string>{b_});
  EXPECT_EQ(json("mode=queue&name=delete&value=SABnzbd_nzo_unknown"),
            OJson::parse(R"({"status":false,"nzo_ids":[]})"));
  add("Another.nzb", simple_nzb("x"));
  auto all = json("mode=queue&name=delete&value=all&del_files=1");
  EXPECT_EQ(all["status"], true);
  EXPECT_EQ(all["nzo_ids"].size(), 2u);
  EXPECT_TRUE(queue_ids().empty());
}

TEST_F(SabQueueOps, PurgeWithSearchAndOnEmptyQueue) {
  add_three();
  auto j = json("mode=queue&name=purge&search=bbb&del_files=1");
  EXPECT_EQ(j, OJson({{"status", true}, {"nzo_ids", {b_}}}));
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{a_, c_}));
  EXPECT_EQ(json("mode=queue&name=purge")["nzo_ids"].size(), 2u);
  EXPECT_EQ(json("mode=queue&name=purge"), OJson::parse(R"({"status":false,"nzo_ids":[]})"));
}

TEST_F(SabQueueOps, SwitchToAnIdAndToAnIndex) {
  add_three();
  auto j = json("mode=switch&value=" + c_ + "&value2=" + a_);
  ASSERT_TRUE(j["result"]["position"].is_number_integer()) << j.dump();
  EXPECT_EQ(j["result"]["position"], 0);
  EXPECT_TRUE(j["result"]["priority"].is_number_integer());
  EXPECT_EQ(j["result"]["priority"], 0);
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{c_, a_, b_}));
  j = json("mode=switch&value=" + c_ + "&value2=2");
  EXPECT_EQ(j["result"]["position"], 2);
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{a_, b_, c_}));
  j = json("mode=switch&value=" + a_ + "&value2=1");
  EXPECT_EQ(j["result"]["position"], 1);
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{b_, a_, c_}));
  // A Normal job cannot pass a Force one.
  std::string force = add("Force.nzb", simple_nzb("f"), "&priority=2");
  j = json("mode=switch&value=" + c_ + "&value2=0");
  EXPECT_EQ(j["result"]["position"], 1);
  EXPECT_EQ(queue_ids().front(), force);
  EXPECT_EQ(json("mode=switch&value=" + a_)["error"], "expects two parameters");
}

TEST_F(SabQueueOps, PriorityMovesTheJobAndReturnsItsPosition) {
  add_three();
  auto j = json("mode=queue&name=priority&value=" + c_ + "&value2=1");
  EXPECT_EQ(j, OJson::parse(R"({"position":0})"));
  EXPECT_EQ(slot_of(c_)["priority"], "High");
  EXPECT_EQ(queue_ids().front(), c_);
  j = json("mode=queue&name=priority&value=" + a_ + "&value2=-1");
  EXPECT_EQ(j["position"], 2);
  EXPECT_EQ(slot_of(a_)["priority"], "Low");
  EXPECT_EQ(json("mode=queue&name=priority&value=" + a_ + "&value2=2")["position"], 0);
  EXPECT_EQ(slot_of(a_)["priority"], "Force");
  // Back to Normal: after the other Normal job (order c High, b, a).
  EXPECT_EQ(json("mode=queue&name=priority&value=" + a_ + "&value2=-100")["position"], 2);
  EXPECT_EQ(slot_of(a_)["priority"], "Normal");
  EXPECT_EQ(json("mode=queue&name=priority&value=" + b_ + "&value2=7")["position"].get<int>() >= 0, true);
  EXPECT_EQ(slot_of(b_)["priority"], "Normal");
  EXPECT_EQ(json("mode=queue&name=priority&value=" + b_ + "&value2=abc"),
            OJson::parse(R"({"status":false,"error":"expects integer value"})"));
  EXPECT_EQ(json("mode=queue&name=priority&value=SABnzbd_nzo_unknown&value2=1"), OJson::parse(R"({"position":-1})"));
}

TEST_F(SabQueueOps, ChangeCategory) {
  add_three();
  EXPECT_EQ(json("mode=change_cat&value=" + a_ + "&value2=tv"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(slot_of(a_)["cat"], "tv");
  EXPECT_EQ(slot_of(b_)["cat"], "*");
  EXPECT_EQ(json("mode=change_cat&value=" + a_ + "&value2=None"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(slot_of(a_)["cat"], "*");
  EXPECT_EQ(json("mode=change_cat&value=" + a_ + "&value2=no_such_cat")["status"], true);
  EXPECT_EQ(slot_of(a_)["cat"], "*");  // an unknown category is the default one, as in SABnzbd
}

TEST_F(SabQueueOps, ChangeCategoryAppliesTheCategorysProcessingAndPriority) {
  add_three();
  json("mode=set_config&section=categories&name=hd&pp=1&priority=1&script=Default");
  json("mode=set_config&section=categories&name=keep&pp=2&priority=-100");
  EXPECT_EQ(json("mode=change_cat&value=" + b_ + "&value2=HD")["status"], true);
  OJson s = slot_of(b_);
  EXPECT_EQ(s["cat"], "hd");
  EXPECT_EQ(s["unpackopts"], "1");
  EXPECT_EQ(s["priority"], "High");
  EXPECT_EQ(queue_ids().front(), b_) << "a High job moves before the Normal ones";
  // A category without its own priority gives the default category's (SABnzbd's cat_to_opts).
  EXPECT_EQ(json("mode=change_cat&value=" + b_ + "&value2=keep")["status"], true);
  s = slot_of(b_);
  EXPECT_EQ(s["unpackopts"], "2");
  EXPECT_EQ(s["priority"], "Normal");
  json("mode=del_config&section=categories&keyword=hd");
  json("mode=del_config&section=categories&keyword=keep");
}

TEST_F(SabQueueOps, ChangeScriptNeedsAnExistingScript) {
  add_three();
  auto dir = d().home() / "qscripts";
  write_text(dir / "post.sh", "#!/bin/sh\n");
  json("mode=set_config&section=misc&keyword=script_dir&value=" + url_encode(dir.string()));
  EXPECT_EQ(json("mode=change_script&value=" + a_ + "&value2=post.sh"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(slot_of(a_)["script"], "post.sh");
  EXPECT_EQ(json("mode=change_script&value=" + a_ + "&value2=None"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(slot_of(a_)["script"], "None");
  EXPECT_EQ(json("mode=change_script&value=" + a_ + "&value2=missing.sh"), OJson::parse(R"({"status":false})"));
  EXPECT_EQ(json("mode=change_script&value=" + a_ + "&value2="), OJson::parse(R"({"status":false})"));
  write_text(dir / ".hidden.sh", "#!/bin/sh\n");
  EXPECT_EQ(json("mode=change_script&value=" + a_ + "&value2=.hidden.sh"), OJson::parse(R"({"status":false})"));
}

TEST_F(SabQueueOps, ChangeOpts) {
  add_three();
  for (int pp = 0; pp <= 3; ++pp) {
    EXPECT_EQ(json("mode=change_opts&value=" + a_ + "&value2=" + std::to_string(pp)),
              OJson::parse(R"({"status":true})"));
    EXPECT_EQ(slot_of(a_)["unpackopts"], std::to_string(pp));
  }
  EXPECT_EQ(json("mode=change_opts&value=" + a_ + "&value2=abc"),
            OJson::parse(R"({"status":false,"error":"item does not exist"})"));
  EXPECT_EQ(json("mode=change_opts&value=" + a_ + "&value2=-1"), OJson::parse(R"({"status":false})"));
  EXPECT_EQ(slot_of(a_)["unpackopts"], "3");
  EXPECT_EQ(json("mode=change_opts&value=SABnzbd_nzo_unknown&value2=1"), OJson::parse(R"({"status":false})"));
}

TEST_F(SabQueueOps, RenameWithPasswords) {
  add_three();
  EXPECT_EQ(json("mode=queue&name=rename&value=" + a_ + "&value2=New.Name"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(slot_of(a_)["filename"], "New.Name");
  EXPECT_EQ(slot_of(a_)["password"], "");
  json("mode=queue&name=rename&value=" + a_ + "&value2=Third.Name&value3=pw3");
  EXPECT_EQ(slot_of(a_)["filename"], "Third.Name");
  EXPECT_EQ(slot_of(a_)["password"], "pw3");
  json("mode=queue&name=rename&value=" + a_ + "&value2=" + url_encode("Braced.Name{{pw4}}"));
  EXPECT_EQ(slot_of(a_)["filename"], "Braced.Name");
  EXPECT_EQ(slot_of(a_)["password"], "pw4");
  json("mode=queue&name=rename&value=" + a_ + "&value2=" + url_encode("Slashed.Name/pw5"));
  EXPECT_EQ(slot_of(a_)["filename"], "Slashed.Name");
  EXPECT_EQ(slot_of(a_)["password"], "pw5");
  json("mode=queue&name=rename&value=" + a_ + "&value2=" + url_encode("Eq.Name password=pw6"));
  EXPECT_EQ(slot_of(a_)["filename"], "Eq.Name");
  EXPECT_EQ(slot_of(a_)["password"], "pw6");
  auto empty = json("mode=queue&name=rename&value=" + a_ + "&value2=");
  EXPECT_EQ(empty["status"], false);
  EXPECT_FALSE(empty.value("error", "").empty());
  EXPECT_EQ(json("mode=queue&name=rename&value=SABnzbd_nzo_unknown&value2=X"), OJson::parse(R"({"status":false})"));
}

TEST_F(SabQueueOps, SortByNameSizeAndAge) {
  int64_t now = std::time(nullptr);
  std::string old = add("Middle.nzb", simple_nzb("m", 1, now - 30 * 86400), "");
  std::string big = add("Zulu.nzb", simple_nzb("z", 4, now - 2 * 86400));
  std::string young = add("Alpha.nzb", simple_nzb("a", 2, now - 3600));
  EXPECT_EQ(json("mode=queue&name=sort&sort=name&dir=asc"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{young, old, big}));
  json("mode=queue&name=sort&sort=name&dir=desc");
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{big, old, young}));
  json("mode=queue&name=sort&sort=size&dir=asc");
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{old, young, big}));
  json("mode=queue&name=sort&sort=size&dir=desc");
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{big, young, old}));
  json("mode=queue&name=sort&sort=avg_age&dir=asc");
  auto asc = queue_ids();
  json("mode=queue&name=sort&sort=avg_age&dir=desc");
  auto desc = queue_ids();
  EXPECT_EQ(asc, (std::vector<std::string>(desc.rbegin(), desc.rend())));
  EXPECT_EQ(asc.size(), 3u);
  EXPECT_TRUE((asc == std::vector<std::string>{young, big, old}) || (asc == std::vector<std::string>{old, big, young}));
  EXPECT_EQ(json("mode=queue&name=sort&sort=bogus&dir=asc"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(json("mode=queue&name=sort&dir=asc"),
            OJson::parse(R"({"status":false,"error":"expects two parameters"})"));
}

}  // namespace
}  // namespace nzbd::test
