// The step runner of post-processing: which steps run after a failure or a
// cancel, which failure the job keeps, and that a job handed back stops it.
#include "postproc/steps.h"

#include <gtest/gtest.h>

namespace nzbd::postproc {
namespace {

using R = Step::Runs;

struct Runner {
  queue::FinishedJob job;
  history::Entry entry;
  config::Config config;
  bool cancel = false;
  JobContext ctx{job, entry, config, {}, {}, [this] { return cancel; }, false};
  std::vector<std::string> ran;

  Step step(const char* name, R runs, Status result, bool cancel_point = false) {
    return Step{name, runs, cancel_point, [this, name, result] {
                  ran.push_back(name);
                  return result;
                }};
  }
};

TEST(RunSteps, FirstFailureWinsAndOnlyAlwaysStepsFollowIt) {
  Runner r;
  run_steps({r.step("a", R::UnlessFailed, ok_status()), r.step("b", R::UnlessFailed, make_error("b broke")),
             r.step("c", R::UnlessFailed, ok_status()), r.step("d", R::Always, make_error("d broke too")),
             r.step("e", R::Always, ok_status())},
            r.ctx, "cancelled");
  EXPECT_EQ(r.ran, (std::vector<std::string>{"a", "b", "d", "e"}));
  EXPECT_EQ(r.ctx.fail, "b broke");
}

TEST(RunSteps, CancelIsTakenUpOnlyAtACancelPoint) {
  Runner r;
  r.cancel = true;
  run_steps({r.step("a", R::UnlessFailed, ok_status()), r.step("b", R::UnlessFailed, ok_status(), true),
             r.step("c", R::Always, ok_status())},
            r.ctx, "cancelled");
  EXPECT_EQ(r.ran, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(r.ctx.fail, "cancelled");
}

TEST(RunSteps, AJobHandedBackRunsNothingMore) {
  Runner r;
  std::vector<Step> steps{r.step("a", R::UnlessFailed, ok_status()), r.step("b", R::Always, ok_status())};
  steps.insert(steps.begin() + 1, Step{"requeue", R::UnlessFailed, false, [&] {
                                         r.ctx.handed_back = true;
                                         return ok_status();
                                       }});
  run_steps(steps, r.ctx, "cancelled");
  EXPECT_EQ(r.ran, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(r.ctx.fail.empty());
}

}  // namespace
}  // namespace nzbd::postproc
