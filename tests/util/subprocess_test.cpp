#include "util/subprocess.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "support/temp_dir.h"
#include "util/unique_fd.h"

namespace nzbd {
namespace {

using namespace std::chrono_literals;

struct Run {
  Result<SubprocessResult> result = make_error("not run");
  std::string output;
};

Run sh(const std::string& script, SubprocessOptions o = {}) {
  Run run;
  o.argv = {"/bin/sh", "-c", script};
  o.on_output = [&run](std::string_view piece) { run.output.append(piece); };
  run.result = run_subprocess(o);
  return run;
}

// Ended: no such process, or a zombie its new parent has yet to reap.
bool ended(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool gone(pid_t pid) {
  for (int i = 0; i < 500 && !ended(pid); ++i) std::this_thread::sleep_for(10ms);
  return ended(pid);
}

TEST(Subprocess, ExitCodeAndBothStreamsComeBack) {
  auto run = sh("echo out; echo err >&2; exit 3");
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.result->exit_code, 3);
  EXPECT_EQ(run.result->signal, 0);
  EXPECT_FALSE(run.result->timed_out);
  EXPECT_EQ(run.output, "out\nerr\n");
}

TEST(Subprocess, ASignalEndingTheChildIsReported) {
  auto run = sh("kill -KILL $$");
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.result->signal, SIGKILL);
  EXPECT_EQ(run.result->exit_code, -1);
}

TEST(Subprocess, StdinIsEmpty) {
  auto run = sh("cat; echo done");
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.output, "done\n");
}

TEST(Subprocess, EnvironmentAndFolderAreTheCallers) {
  test::TempDir dir;
  SubprocessOptions o;
  o.env = std::vector<std::string>{"NZBD_TEST=seen"};
  o.cwd = dir.path();
  auto run = sh("echo \"$NZBD_TEST\"; pwd; echo \"[$HOME]\"", o);
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.output, "seen\n" + std::filesystem::canonical(dir.path()).string() + "\n[]\n");
}

TEST(Subprocess, TheTimeLimitEndsTheChildEvenWithSigtermBlockedHere) {
  // The daemon's threads block signals; the child must not inherit that.
  sigset_t term, old;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, &old);
  SubprocessOptions o;
  o.timeout = 200ms;
  auto run = sh("sleep 30", o);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_TRUE(run.result->timed_out);
  EXPECT_EQ(run.result->signal, SIGTERM) << "SIGKILL means the TERM was blocked";
}

TEST(Subprocess, CancelEndsTheChild) {
  SubprocessOptions o;
  int asked = 0;
  o.cancelled = [&asked] { return ++asked > 2; };
  auto run = sh("exec sleep 30", o);
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_TRUE(run.result->cancelled);
  EXPECT_FALSE(run.result->timed_out);
  EXPECT_EQ(run.result->signal, SIGTERM);
}

TEST(Subprocess, WithItsOwnGroupWhatItLeftHoldingThePipeIsEnded) {
  SubprocessOptions o;
  o.own_group = true;
  auto run = sh("sleep 30 & echo $!", o);
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.result->exit_code, 0);
  pid_t left = std::stoi(run.output);
  EXPECT_TRUE(gone(left)) << "the background sleep still runs";
}

TEST(Subprocess, WithoutAGroupReadingStopsOnceTheChildExited) {
  auto run = sh("sleep 30 & echo $!");
  ASSERT_TRUE(run.result) << run.result.message();
  EXPECT_EQ(run.result->exit_code, 0);
  pid_t left = std::stoi(run.output);
  EXPECT_FALSE(ended(left)) << "not ours to end";
  ::kill(left, SIGKILL);
}

TEST(Subprocess, AProgramThatCannotStartIsAnError) {
  SubprocessOptions o;
  o.argv = {"/nonexistent/program"};
  auto r = run_subprocess(o);
  ASSERT_FALSE(r);
  EXPECT_NE(r.message().find("could not start /nonexistent/program"), std::string::npos) << r.message();
  EXPECT_FALSE(run_subprocess(SubprocessOptions{}));
}

TEST(Subprocess, FindOnPath) {
  auto found = find_on_path("sh");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(is_executable_file(*found));
  EXPECT_FALSE(find_on_path("nzbd-no-such-program").has_value());
}

TEST(UniqueFd, ClosesOnceAndMoves) {
  int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(raw, 0);
  {
    UniqueFd a(raw);
    UniqueFd b(std::move(a));
    EXPECT_FALSE(a.valid());
    EXPECT_EQ(b.get(), raw);
    UniqueFd c;
    c = std::move(b);
    EXPECT_EQ(c.get(), raw);
    EXPECT_EQ(::fcntl(raw, F_GETFD), FD_CLOEXEC);
  }
  EXPECT_EQ(::fcntl(raw, F_GETFD), -1) << "closed when its owner went";
  UniqueFd d(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  int kept = d.release();
  EXPECT_FALSE(d);
  EXPECT_NE(::fcntl(kept, F_GETFD), -1) << "released, not closed";
  UniqueFd e(kept);
  EXPECT_TRUE(e.close());
  EXPECT_FALSE(e.valid());
  EXPECT_TRUE(e.close()) << "nothing held: nothing to fail";
}

}  // namespace
}  // namespace nzbd
