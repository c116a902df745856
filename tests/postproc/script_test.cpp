#include "postproc/script.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "support/temp_dir.h"

namespace nzbd::postproc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nzbd::test::TempDir;
using nzbd::test::write_text;

class ScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(scripts());
    fs::create_directories(final_dir());
  }
  fs::path scripts() const { return tmp_ / "scripts"; }
  fs::path final_dir() const { return tmp_ / "complete" / "My Show S01E01"; }

  // Writes a script into the script folder; executable unless told otherwise.
  void add_script(const std::string& name, const std::string& body, bool executable = true) {
    write_text(scripts() / name, body);
    fs::permissions(scripts() / name, executable ? fs::perms(0755) : fs::perms(0644));
  }

  ScriptJob job(const std::string& name) const {
    ScriptJob j;
    j.script_name = name;
    j.script_dir = scripts();
    j.final_dir = final_dir();
    j.nzb_name = "My.Show.S01E01 $(touch pwned).nzb";
    j.job_name = "My Show S01E01";
    j.category = "tv";
    j.group = "alt.binaries.test";
    j.nzo_id = "SABnzbd_nzo_abc123";
    j.password = "s3cr3t pass";
    j.fail_message = "";
    j.status = "Completed";
    j.url = "http://indexer/get?id=1";
    j.sab_version = "4.5.1";
    j.pp_status = 2;
    j.pp = 3;
    j.priority = 1;
    j.bytes = 123456789;
    j.bytes_downloaded = 120000000;
    j.age_seconds = 3600;
    j.avg_bps = 5000000;
    return j;
  }

  ScriptResult run(const ScriptJob& j, std::chrono::seconds timeout = 10s) {
    auto r = run_user_script(j, timeout);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.message());
    return r.ok() ? std::move(r).value() : ScriptResult{};
  }

  TempDir tmp_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(ScriptTest, PassesSabnzbdArgumentsInOrderAndEnvironment) {
  add_script("show.sh",
             "#!/bin/sh\n"
             "echo \"ARGC=$#\"\n"
             "for a in \"$@\"; do echo \"ARG[$a]\"; done\n"
             "env | grep '^SAB_' | sort\n"
             "echo \"STALE=${SAB_STALE_FROM_DAEMON:-unset}\"\n"
             "echo \"PATH_SET=${PATH:+yes}\"\n"
             "echo \"CWD=$(pwd)\"\n"
             "echo '  all done  '\n");
  ::setenv("SAB_STALE_FROM_DAEMON", "leaked", 1);
  ScriptResult r = run(job("show.sh"));
  ::unsetenv("SAB_STALE_FROM_DAEMON");
  const std::string& out = r.output;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.last_line, "all done");
  EXPECT_TRUE(contains(out, "ARGC=8\n")) << out;
  const std::string args = "ARG[" + final_dir().string() + "]\n" +
                           "ARG[My.Show.S01E01 $(touch pwned).nzb]\n" + "ARG[My Show S01E01]\n" +
                           "ARG[]\n" + "ARG[tv]\n" + "ARG[alt.binaries.test]\n" + "ARG[2]\n" +
                           "ARG[]\n";
  EXPECT_TRUE(contains(out, args)) << out;
  EXPECT_FALSE(fs::exists(final_dir() / "pwned"));  // no shell ever saw the name
  for (const std::string& line : std::vector<std::string>{"SAB_SCRIPT=show.sh", "SAB_NZO_ID=SABnzbd_nzo_abc123", "SAB_FINAL_NAME=My Show S01E01",
        "SAB_FILENAME=My.Show.S01E01 $(touch pwned).nzb", "SAB_COMPLETE_DIR=" + final_dir().string(),
        "SAB_PP_STATUS=2", "SAB_CAT=tv", "SAB_BYTES=123456789", "SAB_BYTES_DOWNLOADED=120000000",
        "SAB_BYTES_TRIED=120000000", "SAB_DUPLICATE=0", "SAB_PASSWORD=s3cr3t pass",
        "SAB_STATUS=Completed", "SAB_AGE=3600", "SAB_URL=http://indexer/get?id=1",
        "SAB_AVG_BPS=5000000", "SAB_FAIL_MSG=", "SAB_GROUP=alt.binaries.test", "SAB_PRIORITY=1",
        "SAB_PP=3", "SAB_REPAIR=1", "SAB_UNPACK=1", "SAB_VERSION=4.5.1", "SAB_FAILURE_URL=",
        "STALE=unset", "PATH_SET=yes", "CWD=" + final_dir().string()})
    EXPECT_TRUE(contains(out, line + "\n")) << "missing " << line << " in\n" << out;
  EXPECT_TRUE(contains(out, "SAB_PROGRAM_DIR=/")) << out;
  EXPECT_TRUE(contains(out, "SAB_PAR2_COMMAND=")) << out;
  EXPECT_TRUE(contains(out, "SAB_RAR_COMMAND=")) << out;
}

TEST_F(ScriptTest, RunsInScriptDirWhenFinalDirIsMissing) {
  add_script("cwd.sh", "#!/bin/sh\npwd\n");
  ScriptJob j = job("cwd.sh");
  j.final_dir = tmp_ / "does-not-exist";
  ScriptResult r = run(j);
  EXPECT_EQ(r.last_line, scripts().string());
}

TEST_F(ScriptTest, MapsExitCodes) {
  for (int code : {0, 1, 2, 127}) {
    add_script("exit.sh", "#!/bin/sh\necho before exit\nexit " + std::to_string(code) + "\n");
    ScriptResult r = run(job("exit.sh"));
    EXPECT_EQ(r.exit_code, code);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.last_line, "before exit");
    std::string msg = script_failure_message(r, 10s);
    if (code == 0)
      EXPECT_EQ(msg, "");
    else
      EXPECT_EQ(msg, "Script returned exit code " + std::to_string(code));
  }
}

TEST_F(ScriptTest, StderrIsCapturedWithStdout) {
  add_script("err.sh", "#!/bin/sh\necho out1\necho err1 >&2\necho out2\n");
  ScriptResult r = run(job("err.sh"));
  EXPECT_EQ(r.output, "out1\nerr1\nout2\n");
  EXPECT_EQ(r.last_line, "out2");
}

TEST_F(ScriptTest, HungScriptIsEndedAtTheTimeLimit) {
  add_script("hang.sh", "#!/bin/sh\necho waiting\nsleep 1000\necho never\n");
  auto start = std::chrono::steady_clock::now();
  ScriptResult r = run(job("hang.sh"), 1s);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, -SIGTERM);
  EXPECT_GE(took, 1s);
  EXPECT_LT(took, 3s);
  EXPECT_EQ(r.output, "waiting\n");
  EXPECT_EQ(script_failure_message(r, 1s), "Script timed out after 1 s");
}

TEST_F(ScriptTest, ScriptIgnoringSigtermIsKilled) {
  add_script("stubborn.sh", "#!/bin/sh\ntrap '' TERM\necho stubborn\nsleep 1000\n");
  auto start = std::chrono::steady_clock::now();
  ScriptResult r = run(job("stubborn.sh"), 1s);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, -SIGKILL);
  EXPECT_LT(took, 7s);
  EXPECT_EQ(r.last_line, "stubborn");
}

bool process_gone(pid_t pid) {
  for (int i = 0; i < 40; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), {});
    auto paren = content.rfind(')');
    if (!stat || paren == std::string::npos || content.substr(paren + 2, 1) == "Z") return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

TEST_F(ScriptTest, BackgroundChildHoldingThePipeIsEnded) {
  add_script("bg.sh", "#!/bin/sh\nsleep 1000 &\necho \"child $!\"\necho finished\nexit 0\n");
  auto start = std::chrono::steady_clock::now();
  ScriptResult r = run(job("bg.sh"), 60s);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_LT(took, 3s);
  EXPECT_EQ(r.last_line, "finished");
  auto pos = r.output.find("child ");
  ASSERT_NE(pos, std::string::npos) << r.output;
  pid_t child = std::atoi(r.output.c_str() + pos + 6);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(process_gone(child)) << "background sleep " << child << " still runs";
}

TEST_F(ScriptTest, RefusesBadScriptNames) {
  add_script(".hidden", "#!/bin/sh\necho hidden\n");
  write_text(tmp_ / "outside.sh", "#!/bin/sh\necho outside\n");
  fs::permissions(tmp_ / "outside.sh", fs::perms(0755));
  fs::create_directories(scripts() / "a");
  add_script("a/b", "#!/bin/sh\necho nested\n");
  struct Case {
    std::string name, expect;
  };
  for (const Case& c : {Case{"../outside.sh", "not a plain file name"},
                        Case{".hidden", "not a plain file name"}, Case{"a/b", "not a plain file name"},
                        Case{"..", "not a plain file name"}, Case{"None", "no user script selected"},
                        Case{"", "no user script selected"}, Case{"missing.sh", "not found"},
                        Case{"a", "is not a file"}}) {
    auto r = run_user_script(job(c.name), 5s);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_TRUE(contains(r.message(), c.expect)) << c.name << ": " << r.message();
  }
  EXPECT_FALSE(is_valid_script_name("bad\nname"));
  EXPECT_TRUE(is_valid_script_name("notify.py"));
}

TEST_F(ScriptTest, RefusesNonExecutableWithoutKnownInterpreter) {
  add_script("plain", "#!/bin/sh\necho hi\n", false);
  auto r = run_user_script(job("plain"), 5s);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.message(), "not executable")) << r.message();
}

TEST_F(ScriptTest, ReportsAScriptThatCannotStart) {
  add_script("broken", "#!/nonexistent/interpreter\necho hi\n");
  auto r = run_user_script(job("broken"), 5s);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.message(), "could not start")) << r.message();
}

TEST_F(ScriptTest, NonExecutableShellScriptRunsWithBinSh) {
  add_script("notify.sh", "echo \"via sh $1\"\nexit 3\n", false);
  ScriptResult r = run(job("notify.sh"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.last_line, "via sh " + final_dir().string());
}

TEST_F(ScriptTest, NonExecutablePythonScriptRunsWithPython3) {
  add_script("notify.py", "import os, sys\nprint('py', sys.argv[3], os.environ['SAB_CAT'])\n", false);
  auto result = run_user_script(job("notify.py"), 20s);
  if (!result.ok() && contains(result.message(), "python3, not found")) GTEST_SKIP() << "no python3";
  ASSERT_TRUE(result.ok()) << result.message();
  const ScriptResult& r = *result;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.last_line, "py My Show S01E01 tv");
}

TEST_F(ScriptTest, LargeOutputKeepsTheTail) {
  add_script("loud.sh", "#!/bin/sh\nhead -c 3000000 /dev/zero | tr '\\000' a\necho\necho END\n");
  ScriptResult r = run(job("loud.sh"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_LE(r.output.size(), kMaxScriptOutput + 100);
  EXPECT_GE(r.output.size(), kMaxScriptOutput);
  EXPECT_TRUE(r.output.starts_with("[nzbd: ")) << r.output.substr(0, 80);
  EXPECT_TRUE(contains(r.output.substr(0, 80), "bytes of earlier output dropped"));
  EXPECT_TRUE(r.output.ends_with("aaaa\nEND\n"));
  EXPECT_EQ(r.last_line, "END");
}

TEST_F(ScriptTest, InvalidUtf8OutputIsReplaced) {
  add_script("bytes.sh", "#!/bin/sh\nprintf 'caf\\303\\251 \\377\\300\\257 ok\\n'\n");
  ScriptResult r = run(job("bytes.sh"));
  EXPECT_EQ(r.output, "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok\n");
}

TEST_F(ScriptTest, ListsRunnableScripts) {
  add_script("z_exec", "#!/bin/sh\n");
  add_script("a.sh", "echo\n", false);
  add_script("m.py", "print()\n", false);
  add_script("readme.txt", "text\n", false);
  add_script(".hidden", "#!/bin/sh\n");
  fs::create_directories(scripts() / "dir.sh");
  EXPECT_EQ(list_user_scripts(scripts()), (std::vector<std::string>{"a.sh", "m.py", "z_exec"}));
  EXPECT_TRUE(list_user_scripts(tmp_ / "nope").empty());
}

}  // namespace
}  // namespace nzbd::postproc
