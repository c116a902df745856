#include "e2e/torture/torture_set.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "yenc/encode_for_test.h"

namespace fs = std::filesystem;

namespace nzbd::test::torture {
namespace {

constexpr size_t kArticleBytes = 64 * 1024;

std::string random_bytes(std::mt19937& rng, size_t size) {
  std::string data(size, '\0');
  for (auto& ch : data) ch = static_cast<char>(rng());
  return data;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void run(const std::string& cmd) {
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
}

// Posts `data` as file `file` of the set; `damage_part` (1-based, 0 = none)
// is served with one byte flipped, its yEnc CRC computed over the flipped data.
void post_file(FakeNntpServer& news, PostedSet& set, const std::string& file, const std::string& data,
               uint32_t damage_part = 0) {
  uint32_t articles = static_cast<uint32_t>(std::max<size_t>(1, (data.size() + kArticleBytes - 1) / kArticleBytes));
  std::string xml = "<file poster=\"torture@example.test\" date=\"" + std::to_string(std::time(nullptr)) +
                    "\" subject=\"&quot;" + file + "&quot; yEnc (1/" + std::to_string(articles) + ")\">\n"
                    "<groups><group>alt.binaries.test</group></groups>\n<segments>\n";
  for (uint32_t p = 0; p < articles; ++p) {
    size_t begin = p * kArticleBytes, len = std::min(kArticleBytes, data.size() - begin);
    std::string part = data.substr(begin, len);
    if (p + 1 == damage_part) part[len / 2] ^= 0x55;
    yenc::test::ArticleSpec spec;
    spec.name = file;
    spec.part = p + 1;
    spec.total = articles;
    spec.file_size = data.size();
    spec.begin = begin + 1;
    std::string id = set.name + "." + file + "." + std::to_string(p + 1) + "@torture.test";
    news.add_article(id, yenc::test::yenc_article(part, spec));
    set.ids[{file, begin}] = id;
    set.all_ids.push_back(id);
    xml += "<segment bytes=\"" + std::to_string(len) + "\" number=\"" + std::to_string(p + 1) + "\">" + id +
           "</segment>\n";
  }
  set.nzb += xml + "</segments>\n</file>\n";
}

std::string nzb_head() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n<head></head>\n";
}

}  // namespace

PostedSet make_archive_set(FakeNntpServer& news, const fs::path& work, const std::string& name, std::mt19937& rng) {
  PostedSet set;
  set.name = name;
  set.nzb = nzb_head();
  fs::path src = work / name;
  fs::create_directories(src / "in");
  set.expected["payload.bin"] = random_bytes(rng, 700 * 1024 + rng() % (400 * 1024));
  set.expected["notes.txt"] = "torture set " + name + "\n";
  for (const auto& [rel, bytes] : set.expected) std::ofstream(src / "in" / rel, std::ios::binary) << bytes;
  std::string q = "'" + src.string() + "'";
  // -mx0: stored, so volumes are as large as the payload and PAR2 has work.
  run("cd " + q + "/in && 7zz a -bd -bso0 -bsp0 -mx0 -v256k ../" + name + ".7z payload.bin notes.txt");
  run("cd " + q + " && par2 create -q -q -s32768 -r12 -n2 " + name + ".par2 " + name + ".7z.* >/dev/null");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(src))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string file = f.filename().string();
    bool second_volume = file == name + ".7z.002";
    post_file(news, set, file, slurp(f), second_volume ? 2 : 0);
  }
  fs::remove_all(src);
  set.nzb += "</nzb>\n";
  return set;
}

PostedSet make_plain_set(FakeNntpServer& news, const std::string& name, std::mt19937& rng) {
  PostedSet set;
  set.name = name;
  set.nzb = nzb_head();
  std::string file = name + ".bin";
  set.expected[file] = random_bytes(rng, 200 * 1024 + rng() % (300 * 1024));
  post_file(news, set, file, set.expected[file]);
  set.nzb += "</nzb>\n";
  return set;
}

PostedSet make_video_set(FakeNntpServer& news, const std::string& name, std::mt19937& rng) {
  PostedSet set;
  set.name = name;
  set.nzb = nzb_head();
  std::string file = name + ".mkv";
  // A few MB, so that an import that must copy (complete folder on /dev/shm) takes a while.
  set.expected[file] = random_bytes(rng, 3 * 1024 * 1024 + rng() % (2 * 1024 * 1024));
  post_file(news, set, file, set.expected[file]);
  set.nzb += "</nzb>\n";
  return set;
}

}  // namespace nzbd::test::torture
