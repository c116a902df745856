// Archives posted to INN2 with nyuu, downloaded and unpacked by the real nzbd:
// split 7z, encrypted 7z with right/wrong password and retry, RAR4/RAR5 sets
// from tests/data/rar, and hostile archives that must write nothing outside.
#include <fstream>

#include "e2e/postproc/pp_util.h"
#include "support/http_client.h"

namespace e2epp {
namespace {

const fs::path kRarData = fs::path(NZBD_SOURCE_DIR) / "tests" / "data" / "rar";

// Two payload files: a random one spanning several 7z volumes and a small text.
std::vector<fs::path> make_payload(const fs::path& dir, size_t big, uint32_t seed) {
  fs::create_directories(dir);
  write_random_file(dir / "movie.mkv", big, seed);
  nzbd::test::write_text(dir / "notes.txt", "payload notes " + std::to_string(seed) + "\n");
  return {dir / "movie.mkv", dir / "notes.txt"};
}

std::vector<fs::path> listing(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void expect_payload_in(const fs::path& storage, const std::vector<fs::path>& payload) {
  ASSERT_TRUE(fs::is_directory(storage)) << storage;
  for (const auto& f : payload)
    EXPECT_TRUE(same_bytes(f, storage / f.filename())) << "missing or different: " << storage / f.filename();
}

TEST_F(PostprocE2E, Split7zIsUnpackedAndArchivesRemoved) {
  fs::path in = data_dir("split");
  auto payload = make_payload(in / "payload", 2'600'000, 1);
  ASSERT_TRUE(must_run("cd " + quote(in.string()) + "/payload && 7zz a -bd -mx=0 -v1m ../split.7z movie.mkv "
                       "notes.txt"));
  auto volumes = listing(in);
  volumes.erase(std::remove_if(volumes.begin(), volumes.end(), [](auto& p) { return fs::is_directory(p); }),
                volumes.end());
  ASSERT_EQ(volumes.size(), 3u) << "expected split.7z.001..003";
  ASSERT_FALSE(post(in / "split.nzb", volumes).empty());

  std::string nzo = daemon_->add(in / "split.nzb", "&nzbname=Split.Seven.Zip");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  EXPECT_EQ((*slot)["fail_message"], "");
  fs::path storage = (*slot)["storage"].get<std::string>();
  EXPECT_EQ(storage, complete_dir() / "Split.Seven.Zip");
  EXPECT_TRUE(same_bytes(payload[0], storage / "movie.mkv"));
  EXPECT_TRUE(same_bytes(payload[1], storage / "notes.txt"));
  // pp=3 (the default) removes the archives once unpacking succeeded.
  EXPECT_EQ(files_under(storage), (std::vector<std::string>{"movie.mkv", "notes.txt"}));
  EXPECT_EQ((*slot)["pp"], "D");
}

class Encrypted7z : public PostprocE2E {
 protected:
  // An encrypted 7z (names encrypted too) posted once; returns the NZB.
  fs::path post_encrypted() {
    fs::path in = data_dir("enc");
    payload_ = make_payload(in / "payload", 900'000, 2);
    EXPECT_TRUE(must_run("cd " + quote(in.string()) + "/payload && 7zz a -bd -mx=0 -pSECRET -mhe=on ../secret.7z "
                         "movie.mkv notes.txt"));
    EXPECT_FALSE(post(in / "enc.nzb", {in / "secret.7z"}).empty());
    return in / "enc.nzb";
  }
  std::vector<fs::path> payload_;
};

TEST_F(Encrypted7z, RightPasswordUnpacks) {
  fs::path nzb = post_encrypted();
  std::string nzo = daemon_->add(nzb, "&nzbname=Enc.Right&password=SECRET");
  // The password may also come in the name: name{{password}}.
  std::string nzo2 = daemon_->add(nzb, "&nzbname=" + nzbd::test::url_encode("Enc.Braces{{SECRET}}"));
  ASSERT_FALSE(nzo.empty());
  ASSERT_FALSE(nzo2.empty());
  for (const auto& [id, name] : {std::pair{nzo, "Enc.Right"}, std::pair{nzo2, "Enc.Braces"}}) {
    auto slot = daemon_->wait_done(id);
    ASSERT_TRUE(slot);
    EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
    fs::path storage = (*slot)["storage"].get<std::string>();
    EXPECT_EQ(storage, complete_dir() / name);
    expect_payload_in(storage, payload_);
    EXPECT_EQ(files_under(storage), (std::vector<std::string>{"movie.mkv", "notes.txt"}));
  }
}

// password_file: the passwords in it are tried in turn when the job has none.
TEST_F(Encrypted7z, PasswordFileSuppliesThePassword) {
  fs::path nzb = post_encrypted();
  fs::path list = home() / "passwords.txt";
  nzbd::test::write_text(list, "not-this-one\r\n\nnor-this\nSECRET\n");
  daemon_->api("mode=set_config&section=misc&keyword=password_file&value=" + nzbd::test::url_encode(list.string()));
  std::string nzo = daemon_->add(nzb, "&nzbname=Enc.FromFile");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  daemon_->api("mode=set_config_default&keyword=password_file");
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  expect_payload_in((*slot)["storage"].get<std::string>(), payload_);
}

// Issue 5: a wrong password fails the job with that reason and keeps its
// files; retrying with the right password then completes it.
TEST_F(Encrypted7z, WrongPasswordFailsKeepsFilesAndRetrySucceeds) {
  fs::path nzb = post_encrypted();
  std::string nzo = daemon_->add(nzb, "&nzbname=Enc.Wrong&password=WRONG");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Failed");
  std::string msg = (*slot)["fail_message"];
  EXPECT_NE(msg.find("password"), std::string::npos) << msg;
  EXPECT_EQ((*slot)["storage"], "");
  EXPECT_TRUE((*slot)["retry"].get<bool>());
  fs::path path = (*slot)["path"].get<std::string>();
  EXPECT_TRUE(fs::is_regular_file(path / "secret.7z")) << "job files not kept in " << path;
  EXPECT_FALSE(fs::exists(path / "movie.mkv")) << "a wrong password must not leave half-unpacked files";
  EXPECT_FALSE(fs::exists(complete_dir() / "Enc.Wrong"));

  // Retry with the right password: a new job that completes.
  Json r = daemon_->api("mode=retry&value=" + nzo + "&password=SECRET");
  ASSERT_TRUE(r.is_object() && r.value("status", false)) << r.dump();
  std::string retried = r.value("nzo_id", "");
  ASSERT_FALSE(retried.empty()) << r.dump();
  EXPECT_NE(retried, nzo);
  auto done = daemon_->wait_done(retried);
  ASSERT_TRUE(done);
  EXPECT_EQ((*done)["status"], "Completed") << done->dump();
  EXPECT_EQ((*done)["name"], "Enc.Wrong");
  fs::path storage = (*done)["storage"].get<std::string>();
  EXPECT_EQ(storage, complete_dir() / "Enc.Wrong");
  expect_payload_in(storage, payload_);
  EXPECT_FALSE(daemon_->history_slot(nzo)) << "the failed row is replaced by the retried job";
}

// tests/data/rar/expected.json: sha256 of every regular file of an archive.
std::map<std::string, std::string> expected_files(const std::string& archive) {
  Json all = Json::parse(nzbd::test::read_text(kRarData / "expected.json"));
  std::map<std::string, std::string> out;
  for (const auto& a : all["archives"])
    if (a["name"] == archive)
      for (const auto& e : a["entries"])
        if (e["type"] == "file") out[e["path"]] = e["sha256"];
  return out;
}

TEST_F(PostprocE2E, RarMultiVolumeSetsUnpack) {
  struct Set {
    std::string archive;
    std::vector<std::string> volumes;
  };
  const std::vector<Set> sets = {
      {"rar4-multi", {"rar4-multi.part1.rar", "rar4-multi.part2.rar", "rar4-multi.part3.rar"}},
      {"rar5-multi", {"rar5-multi.part1.rar", "rar5-multi.part2.rar", "rar5-multi.part3.rar"}},
      {"rar4-oldnaming", {"rar4-oldnaming.rar", "rar4-oldnaming.r00", "rar4-oldnaming.r01"}},
  };
  std::vector<std::string> ids;
  for (const auto& s : sets) {
    fs::path in = data_dir(s.archive);
    std::vector<fs::path> files;
    for (const auto& v : s.volumes) {
      fs::copy_file(kRarData / v, in / v);
      files.push_back(in / v);
    }
    ASSERT_FALSE(post(in / (s.archive + ".nzb"), files, 50000).empty());
    ids.push_back(daemon_->add(in / (s.archive + ".nzb"), "&nzbname=" + s.archive));
    ASSERT_FALSE(ids.back().empty());
  }
  for (size_t i = 0; i < sets.size(); ++i) {
    SCOPED_TRACE(sets[i].archive);
    auto slot = daemon_->wait_done(ids[i]);
    ASSERT_TRUE(slot);
    EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
    fs::path storage = (*slot)["storage"].get<std::string>();
    auto expected = expected_files(sets[i].archive);
    ASSERT_FALSE(expected.empty());
    std::vector<std::string> names;
    for (const auto& [path, sha] : expected) {
      names.push_back(path);
      EXPECT_EQ(sha256_of(storage / path), sha) << path;
    }
    EXPECT_EQ(files_under(storage), names) << "volumes must be gone after pp=3, nothing else written";
  }
}

// Issue 13: with direct_unpack the sets are unpacked while they download
// (the stage log says so) and the result is the same as unpacking afterwards.
TEST_F(PostprocE2E, RarMultiVolumeSetsUnpackDirectly) {
  ASSERT_TRUE(daemon_->set_misc("direct_unpack", "1"));
  const std::vector<std::pair<std::string, std::vector<std::string>>> sets = {
      {"rar4-multi", {"rar4-multi.part1.rar", "rar4-multi.part2.rar", "rar4-multi.part3.rar"}},
      {"rar5-multi", {"rar5-multi.part1.rar", "rar5-multi.part2.rar", "rar5-multi.part3.rar"}},
      {"rar4-oldnaming", {"rar4-oldnaming.rar", "rar4-oldnaming.r00", "rar4-oldnaming.r01"}},
  };
  std::vector<std::string> ids;
  for (const auto& [archive, volumes] : sets) {
    fs::path in = data_dir(archive + "-direct");
    std::vector<fs::path> files;
    for (const auto& v : volumes) {
      fs::copy_file(kRarData / v, in / v);
      files.push_back(in / v);
    }
    ASSERT_FALSE(post(in / (archive + ".nzb"), files, 20000).empty());
    ids.push_back(daemon_->add(in / (archive + ".nzb"), "&nzbname=" + archive + ".direct"));
    ASSERT_FALSE(ids.back().empty());
  }
  for (size_t i = 0; i < sets.size(); ++i) {
    SCOPED_TRACE(sets[i].first);
    auto slot = daemon_->wait_done(ids[i]);
    ASSERT_TRUE(slot);
    EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
    bool direct = false;
    for (const auto& stage : (*slot)["stage_log"])
      for (const auto& a : stage["actions"])
        if (a.get<std::string>().find("Direct Unpack - Unpacked") != std::string::npos) direct = true;
    EXPECT_TRUE(direct) << (*slot)["stage_log"].dump();
    fs::path storage = (*slot)["storage"].get<std::string>();
    auto expected = expected_files(sets[i].first);
    std::vector<std::string> names;
    for (const auto& [path, sha] : expected) {
      names.push_back(path);
      EXPECT_EQ(sha256_of(storage / path), sha) << path;
    }
    EXPECT_EQ(files_under(storage), names) << "volumes and the direct-unpack folder gone, nothing else written";
  }
  daemon_->set_misc("direct_unpack", "0");
}

// Issue 5: entries with ".." and links that lead out are refused; nothing is
// written outside the job's folder.
TEST_F(PostprocE2E, HostileArchivesAreRefusedAndWriteNothingOutside) {
  fs::path zin = data_dir("zip");
  ASSERT_TRUE(must_run("cd " + quote(zin.string()) + " && /usr/bin/python3 -c " +
                       quote("import zipfile\n"
                             "with zipfile.ZipFile('evil.zip', 'w') as z:\n"
                             "    z.writestr('fine.txt', 'harmless\\n')\n"
                             "    z.writestr('../evil.txt', 'escaped one level\\n')\n"
                             "    z.writestr('../../../evil.txt', 'escaped three levels\\n')\n")));
  ASSERT_FALSE(post(zin / "zip.nzb", {zin / "evil.zip"}).empty());
  fs::path rin = data_dir("rar");
  fs::copy_file(kRarData / "rar5-evil-symlink.rar", rin / "rar5-evil-symlink.rar");
  ASSERT_FALSE(post(rin / "rar.nzb", {rin / "rar5-evil-symlink.rar"}).empty());

  std::string zip_nzo = daemon_->add(zin / "zip.nzb", "&nzbname=Evil.Zip");
  std::string rar_nzo = daemon_->add(rin / "rar.nzb", "&nzbname=Evil.Rar");
  ASSERT_FALSE(zip_nzo.empty());
  ASSERT_FALSE(rar_nzo.empty());
  std::vector<fs::path> job_dirs;
  for (const auto& id : {zip_nzo, rar_nzo}) {
    auto slot = daemon_->wait_done(id);
    ASSERT_TRUE(slot);
    EXPECT_EQ((*slot)["status"], "Failed") << slot->dump();
    std::string msg = (*slot)["fail_message"];
    EXPECT_TRUE(msg.find("unsafe") != std::string::npos || msg.find("Unpacking failed") != std::string::npos) << msg;
    EXPECT_EQ((*slot)["storage"], "");
    job_dirs.push_back((*slot)["path"].get<std::string>());
  }
  // Anywhere in the whole temp tree (home, downloads, data, ...) but inside the job folders: no escaped file.
  auto inside_job = [&](const fs::path& p) {
    for (const auto& d : job_dirs)
      if (p.string().rfind(d.string() + "/", 0) == 0) return true;
    return false;
  };
  for (const char* name : {"evil.txt", "pwned.txt"}) {
    for (const auto& p : find_named(tmp_->path(), name))
      EXPECT_TRUE(inside_job(p)) << "written outside the job folder: " << p;
    EXPECT_FALSE(fs::exists(fs::symlink_status(tmp_->path().parent_path() / name))) << name;
  }
  // The job folders hold what was downloaded; a link leading out must not remain there.
  for (const auto& d : job_dirs) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(d, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      EXPECT_FALSE(it->is_symlink()) << "link left in the job folder: " << it->path();
  }
  EXPECT_TRUE(fs::is_regular_file(job_dirs[0] / "evil.zip"));
  EXPECT_TRUE(fs::is_regular_file(job_dirs[1] / "rar5-evil-symlink.rar"));
}

}  // namespace
}  // namespace e2epp
