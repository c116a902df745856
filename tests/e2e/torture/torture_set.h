// The work one torture trial gives nzbd: files posted as yEnc articles on the
// in-test news server, the NZB that names them, and what the complete folder
// must hold afterwards, byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/fake_nntp_server.h"

namespace nzbd::test::torture {

struct PostedSet {
  std::string name;  // job name (the NZB's stem), unique in a run
  std::string nzb;
  std::map<std::string, std::string> expected;  // path under the job's complete folder -> bytes
  std::map<std::pair<std::string, uint64_t>, std::string> ids;  // (posted file name, byte offset) -> message-id
  std::vector<std::string> all_ids;
};

// A 7z archive in volumes with PAR2 files beside it; one article carries
// wrong data under a right yEnc CRC, so only PAR2 sees it and must repair:
// the job goes through download, verify, repair, unpack, placing and script.
PostedSet make_archive_set(FakeNntpServer& news, const std::filesystem::path& work, const std::string& name,
                           std::mt19937& rng);

// One plain file: download and placing only.
PostedSet make_plain_set(FakeNntpServer& news, const std::string& name, std::mt19937& rng);

// One video file `<name>.mkv` (a TV release as the indexer serves it):
// download, placing and the TV import.
PostedSet make_video_set(FakeNntpServer& news, const std::string& name, std::mt19937& rng);

}  // namespace nzbd::test::torture
