// Encrypted archives: RAR without unrar, RAR through a fake unrar (exit code
// mapping and argv), 7z/ZIP through the real 7zz.
#include <gtest/gtest.h>

#include "unpack/internal.h"
#include "unpack/unpack.h"
#include "unpack/support.h"

namespace nzbd::unpack {
namespace {
using namespace test;

std::vector<std::string> encrypted_rar_samples() {
  std::vector<std::string> out;
  for (const auto& a : expected()["archives"])
    if (a["encrypted_data"]) out.push_back(a["name"]);
  return out;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

class EncryptedRar : public ::testing::TestWithParam<std::string> {};

TEST_P(EncryptedRar, IsDetectedAndFailsWithoutUnrar) {
  TempDir tmp;
  fs::create_directories(tmp / "job");
  fs::create_directories(tmp / "bin");
  copy_sample(GetParam(), tmp / "job");
  auto sets = find_archive_sets(tmp / "job");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_TRUE(sets[0].encrypted);
  PathOverride path((tmp / "bin").string());
  UnpackOptions opts;
  opts.dest = tmp / "dest";
  opts.passwords = {"password"};
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgRarEncryptedNoUnrar);
  EXPECT_TRUE(tree_of(tmp / "dest").empty());
  EXPECT_EQ(tree_of(tmp / "job").size(), sample(GetParam())["volumes"].size());
}

INSTANTIATE_TEST_SUITE_P(Rar, EncryptedRar, ::testing::ValuesIn(encrypted_rar_samples()), test_name);

// Fake unrar on PATH, per test.
class FakeUnrar : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fake_unrar(tmp_ / "bin");
    path_ = std::make_unique<PathOverride>((tmp_ / "bin").string());
    ::setenv("FAKE_UNRAR_ARGS", (tmp_ / "args.txt").c_str(), 1);
    ::setenv("FAKE_UNRAR_PASSWORD", "password", 1);
    ::setenv("FAKE_UNRAR_BAD_CODE", "11", 1);
    ::setenv("FAKE_UNRAR_NOPW_CODE", "11", 1);
    fs::create_directories(tmp_ / "job");
  }
  void TearDown() override { path_.reset(); }

  Result<UnpackResult> run(const std::string& sample_name, std::vector<std::string> passwords) {
    copy_sample(sample_name, tmp_ / "job");
    UnpackOptions opts;
    opts.dest = tmp_ / "dest";
    opts.passwords = std::move(passwords);
    return unpack_all(tmp_ / "job", opts);
  }
  // The argv of each call.
  std::vector<std::vector<std::string>> calls() {
    std::vector<std::vector<std::string>> out(1);
    std::istringstream in(read_file(tmp_ / "args.txt"));
    for (std::string line; std::getline(in, line);) {
      if (line == "--") out.emplace_back();
      else out.back().push_back(line);
    }
    out.pop_back();
    return out;
  }

  TempDir tmp_;
  std::unique_ptr<PathOverride> path_;
};

TEST_F(FakeUnrar, RightPasswordExtractsThroughUnrar) {
  auto r = run("rar5-encrypted", {"password"});
  ASSERT_TRUE(r.ok()) << r.message();
  for (const auto& e : sample("rar5-encrypted")["entries"])
    EXPECT_EQ(sha256_file(tmp_ / "dest" / e["path"].get<std::string>()), e["sha256"].get<std::string>());
  EXPECT_EQ(r->extracted.size(), 4u);
  auto c = calls();
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].size(), 6u);
  EXPECT_EQ(c[0][0], "x");
  EXPECT_EQ(c[0][1], "-ppassword");
  EXPECT_EQ(c[0][2], "-y");
  EXPECT_EQ(c[0][3], "-o+");
  EXPECT_EQ(c[0][4], (tmp_ / "job" / "rar5-encrypted.rar").string());
  EXPECT_EQ(c[0][5].back(), '/');
  EXPECT_EQ(fs::path(c[0][5]).parent_path().parent_path(), tmp_ / "dest");  // a staging folder inside dest
}

TEST_F(FakeUnrar, WrongPasswordRar5) {
  auto r = run("rar5-encrypted", {"nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgWrongPassword);
  EXPECT_TRUE(tree_of(tmp_ / "dest").empty());
  EXPECT_TRUE(fs::exists(tmp_ / "job" / "rar5-encrypted.rar"));
}

TEST_F(FakeUnrar, WrongPasswordRar4ShowsAsCrcError) {
  ::setenv("FAKE_UNRAR_BAD_CODE", "3", 1);
  auto r = run("rar4-encrypted", {"nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgWrongPassword);
}

TEST_F(FakeUnrar, WrongPasswordForEncryptedHeadersShowsAsNoFiles) {
  ::setenv("FAKE_UNRAR_BAD_CODE", "10", 1);
  auto r = run("rar5-encrypted-headers", {"nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgWrongPassword);
}

TEST_F(FakeUnrar, MissingPasswordFailsWithoutRunningUnrar) {
  auto r = run("rar4-encrypted-headers", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgPasswordRequired);
  EXPECT_TRUE(calls().empty());
}

TEST_F(FakeUnrar, PasswordsAreTriedInOrder) {
  auto r = run("rar5-encrypted", {"first", "second", "password", "never"});
  ASSERT_TRUE(r.ok()) << r.message();
  auto c = calls();
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[2][1], "-ppassword");
}

TEST_F(FakeUnrar, ExitCodesOfPlainArchives) {
  struct Case {
    const char* code;
    std::string_view prefix;
  };
  for (auto [code, prefix] : {Case{"5", kMsgDiskFull}, Case{"9", kMsgDiskFull}, Case{"3", kMsgCrcError},
                              Case{"2", kMsgDamaged}, Case{"1", kMsgDamaged}, Case{"6", kMsgMissingVolume},
                              Case{"10", kMsgNotUnpacked}, Case{"255", kMsgAborted}}) {
    ::setenv("FAKE_UNRAR_NOPW_CODE", code, 1);
    auto r = run("rar5-single", {});
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.message().rfind(prefix, 0), 0u) << code << ": " << r.message();
    EXPECT_TRUE(tree_of(tmp_ / "dest").empty());
  }
  EXPECT_EQ(calls().front()[1], "-p-");
}

TEST_F(FakeUnrar, SuccessWithoutTheExpectedFilesIsAFailure) {
  // The fake writes a..d.txt, not what rar5-single holds.
  ::setenv("FAKE_UNRAR_PASSWORD", "x", 1);
  auto r = run("rar5-single", {"x"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind(kMsgNotUnpacked, 0), 0u) << r.message();
}

TEST(FindUnrar, UnrarFreeIsNotRarlabUnrar) {
  std::error_code ec;
  fs::path sys = fs::canonical("/usr/bin/unrar", ec);
  if (ec || sys.filename() != "unrar-free") GTEST_SKIP() << "no unrar-free installed as /usr/bin/unrar";
  PathOverride path("/usr/bin");
  EXPECT_FALSE(find_unrar(UnpackOptions{}).has_value());
}

// 7z / ZIP with the real 7zz.
class SevenZip : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!find_on_path_7zz()) GTEST_SKIP() << "7zz not installed";
    fs::create_directories(tmp_ / "src");
    fs::create_directories(tmp_ / "job");
    write_file(tmp_ / "src" / "secret.txt", "the secret payload\n");
  }
  static bool find_on_path_7zz() { return find_7zz(UnpackOptions{}).has_value(); }
  void make(const std::string& archive, std::vector<std::string> flags) {
    std::string cmd = "cd '" + (tmp_ / "src").string() + "' && 7zz a -bd";
    for (auto& f : flags) cmd += " " + f;
    cmd += " '" + (tmp_ / "job" / archive).string() + "' secret.txt >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  Result<UnpackResult> run(std::vector<std::string> passwords) {
    UnpackOptions opts;
    opts.dest = tmp_ / "dest";
    opts.passwords = std::move(passwords);
    return unpack_all(tmp_ / "job", opts);
  }
  TempDir tmp_;
};

TEST_F(SevenZip, EncryptedHeadersRightPassword) {
  make("enc.7z", {"-pSECRET", "-mhe=on"});
  auto sets = find_archive_sets(tmp_ / "job");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_TRUE(sets[0].encrypted);
  auto r = run({"wrong", "SECRET"});
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(read_file(tmp_ / "dest" / "secret.txt"), "the secret payload\n");
  ASSERT_EQ(r->extracted.size(), 1u);
}

TEST_F(SevenZip, EncryptedHeadersWrongPassword) {
  make("enc.7z", {"-pSECRET", "-mhe=on"});
  auto r = run({"wrong"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgWrongPassword);
  EXPECT_TRUE(tree_of(tmp_ / "dest").empty());
  EXPECT_TRUE(fs::exists(tmp_ / "job" / "enc.7z"));
}

TEST_F(SevenZip, NoPassword) {
  make("enc.7z", {"-pSECRET", "-mhe=on"});
  auto r = run({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgPasswordRequired);
}

TEST_F(SevenZip, EncryptedDataOnly) {
  make("enc.7z", {"-pSECRET"});
  auto wrong = run({"nope"});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.message(), kMsgWrongPassword);
  auto r = run({"SECRET"});
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(read_file(tmp_ / "dest" / "secret.txt"), "the secret payload\n");
}

TEST_F(SevenZip, EncryptedZip) {
  make("enc.zip", {"-tzip", "-pSECRET"});
  auto sets = find_archive_sets(tmp_ / "job");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].kind, ArchiveSet::Zip);
  EXPECT_TRUE(sets[0].encrypted);
  EXPECT_EQ(run({"nope"}).message(), kMsgWrongPassword);
  auto r = run({"SECRET"});
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(read_file(tmp_ / "dest" / "secret.txt"), "the secret payload\n");
}

TEST_F(SevenZip, EncryptedWithout7zzFailsClearly) {
  make("enc.7z", {"-pSECRET"});
  fs::create_directories(tmp_ / "bin");
  PathOverride path((tmp_ / "bin").string());
  auto r = run({"SECRET"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgEncryptedNo7zz);
}

}  // namespace
}  // namespace nzbd::unpack
