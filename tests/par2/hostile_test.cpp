// Hostile .par2 input: refused or skipped, never a crash (run under ASan).
#include <gtest/gtest.h>

#include <cstring>

#include "fixture.h"
#include "par2/hash.h"
#include "par2/par2.h"

using namespace nzbd::par2;
using nzbd::ErrorKind;
using namespace par2test;

namespace {

using Bytes = std::vector<uint8_t>;

void put64(Bytes& b, uint64_t v) {
  for (int i = 0; i < 8; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put32(Bytes& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put(Bytes& b, const void* p, size_t n) {
  b.insert(b.end(), static_cast<const uint8_t*>(p), static_cast<const uint8_t*>(p) + n);
}

// A packet with a correct MD5, whatever its contents.
Bytes packet(const Md5& set_id, const char (&type)[17], const Bytes& body, uint64_t length_override = 0) {
  Bytes p;
  put(p, "PAR2\0PKT", 8);
  put64(p, length_override ? length_override : 64 + body.size());
  Bytes hashed;
  put(hashed, set_id.data(), 16);
  put(hashed, type, 16);
  hashed.insert(hashed.end(), body.begin(), body.end());
  Md5 md5 = md5_of(hashed.data(), hashed.size());
  put(p, md5.data(), 16);
  p.insert(p.end(), hashed.begin(), hashed.end());
  return p;
}

const char kMain[17] = "PAR 2.0\0Main\0\0\0\0";
const char kDesc[17] = "PAR 2.0\0FileDesc";
const char kIfsc[17] = "PAR 2.0\0IFSC\0\0\0\0";
const char kRecv[17] = "PAR 2.0\0RecvSlic";

Md5 file_id(uint8_t n) {
  Md5 id{};
  id.fill(n);
  return id;
}

Bytes main_body(uint64_t slice_size, uint32_t count, size_t ids) {
  Bytes b;
  put64(b, slice_size);
  put32(b, count);
  for (size_t i = 0; i < ids; ++i) put(b, file_id(static_cast<uint8_t>(i + 1)).data(), 16);
  return b;
}

Bytes desc_body(uint8_t id, uint64_t length, const std::string& name) {
  Bytes b;
  put(b, file_id(id).data(), 16);
  Md5 zero{};
  put(b, zero.data(), 16);
  put(b, zero.data(), 16);
  put64(b, length);
  put(b, name.data(), name.size());
  while (b.size() % 4) b.push_back(0);
  return b;
}

Bytes ifsc_body(uint8_t id, size_t slices) {
  Bytes b;
  put(b, file_id(id).data(), 16);
  for (size_t i = 0; i < slices * 20; ++i) b.push_back(static_cast<uint8_t>(i));
  return b;
}

// A hand-made set: main + description + IFSC for one file.
Bytes small_set(uint64_t slice_size, uint64_t length, size_t ifsc_slices, const std::string& name = "f.bin") {
  Bytes body = main_body(slice_size, 1, 1);
  Md5 set_id = md5_of(body.data(), body.size());
  Bytes out = packet(set_id, kMain, body);
  Bytes d = packet(set_id, kDesc, desc_body(1, length, name));
  Bytes s = packet(set_id, kIfsc, ifsc_body(1, ifsc_slices));
  out.insert(out.end(), d.begin(), d.end());
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

nzbd::Result<Par2Set> load_bytes(const TempDir& dir, const Bytes& bytes) {
  write_file(dir.path() / "h.par2", bytes);
  return load_set({dir.path() / "h.par2"});
}

}  // namespace

TEST(Hostile, HandMadeSetLoads) {
  TempDir dir;
  auto set = load_bytes(dir, small_set(1024, 3000, 3));
  ASSERT_TRUE(set.ok()) << set.message();
  EXPECT_EQ(set->files[0].slice_count(), 3u);
}

// Found by fuzz_par2: an empty creator packet handed a null pointer to strnlen (UBSan).
TEST(Hostile, EmptyCreatorPacketIsRead) {
  const char kCreator[17] = "PAR 2.0\0Creator\0";
  Bytes body = main_body(1024, 1, 1);
  Md5 set_id = md5_of(body.data(), body.size());
  Bytes set = small_set(1024, 3000, 3);
  Bytes empty = packet(set_id, kCreator, {});
  Bytes named = packet(set_id, kCreator, {'n', 'z', 'b', 'd', 0, 0, 0, 0});
  set.insert(set.end(), empty.begin(), empty.end());
  set.insert(set.end(), named.begin(), named.end());
  TempDir dir;
  auto loaded = load_bytes(dir, set);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(loaded->creator, "nzbd");  // the empty one is read as nothing, the next one counts
}

TEST(Hostile, BadSliceSizesAreRefused) {
  TempDir dir;
  for (uint64_t size : {uint64_t{0}, uint64_t{1} << 63, ~uint64_t{0} - 3, uint64_t{6}, uint64_t{1} << 40})
    EXPECT_FALSE(load_bytes(dir, small_set(size, 3000, 3)).ok()) << size;
}

TEST(Hostile, AbsurdFileCountsAndLengthsAreRefused) {
  TempDir dir;
  Bytes body = main_body(1024, 0xFFFFFFFF, 1);
  Md5 id = md5_of(body.data(), body.size());
  EXPECT_FALSE(load_bytes(dir, packet(id, kMain, body)).ok());
  // More slices than PAR2 can have, and a length near 2^64.
  EXPECT_FALSE(load_bytes(dir, small_set(1024, uint64_t{1} << 40, 0)).ok());
  EXPECT_FALSE(load_bytes(dir, small_set(4, ~uint64_t{0}, 0)).ok());
  // IFSC count that does not match the file length.
  EXPECT_FALSE(load_bytes(dir, small_set(1024, 3000, 2)).ok());
}

TEST(Hostile, PacketLengthsThatOverflowAreSkipped) {
  TempDir dir;
  Bytes good = small_set(1024, 3000, 3);
  Md5 any{};
  for (uint64_t len : {~uint64_t{0}, ~uint64_t{0} - 63, uint64_t{1} << 63, uint64_t{63}, uint64_t{66}}) {
    Bytes bad = packet(any, kMain, main_body(1024, 1, 1), len);
    bad.insert(bad.end(), good.begin(), good.end());
    auto set = load_bytes(dir, bad);
    EXPECT_TRUE(set.ok()) << len;  // the valid packets after the bad header still count
  }
}

TEST(Hostile, WrongMd5PacketsAreIgnored) {
  TempDir dir;
  Bytes set = small_set(1024, 3000, 3);
  Bytes broken = set;
  broken[64 + 4] ^= 1;  // inside the main packet body
  EXPECT_FALSE(load_bytes(dir, broken).ok());
  // The same packet intact in a second file rescues the set.
  write_file(dir.path() / "b.par2", set);
  write_file(dir.path() / "a.par2", broken);
  EXPECT_TRUE(load_set({dir.path() / "a.par2", dir.path() / "b.par2"}).ok());
}

TEST(Hostile, RecoveryPacketsOfWrongSizeAreDropped) {
  TempDir dir;
  Bytes bytes = small_set(1024, 3000, 3);
  Bytes body = main_body(1024, 1, 1);
  Md5 id = md5_of(body.data(), body.size());
  Bytes short_rec, empty_rec;
  put32(short_rec, 7);
  short_rec.resize(4 + 512);
  Bytes r1 = packet(id, kRecv, short_rec), r2 = packet(id, kRecv, empty_rec);
  Bytes good_rec;
  put32(good_rec, 9);
  good_rec.resize(4 + 1024, 0x11);
  Bytes r3 = packet(id, kRecv, good_rec);
  for (const Bytes* r : {&r1, &r2, &r3}) bytes.insert(bytes.end(), r->begin(), r->end());
  auto set = load_bytes(dir, bytes);
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->recovery.size(), 1u);
  EXPECT_EQ(set->recovery[0].exponent, 9u);
}

TEST(Hostile, NamesCannotLeaveTheFolder) {
  TempDir dir;
  fs::create_directory(dir.path() / "job");
  auto set = load_bytes(dir, small_set(1024, 3000, 3, "../../escape.bin"));
  ASSERT_TRUE(set.ok());
  auto r = verify(*set, dir.path() / "job");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files[0].name, "escape.bin");
  auto rep = repair(*set, dir.path() / "job", *r);
  EXPECT_FALSE(rep.ok());
  EXPECT_EQ(rep.message(), "Repair failed, not enough repair blocks (3 short)");
  EXPECT_TRUE(rep.is(ErrorKind::Corrupt));
  EXPECT_FALSE(fs::exists(dir.path() / "escape.bin"));
}

TEST(Hostile, SymlinksAreNotFollowedWhenRepairing) {
  SetDir d({{"a.bin", 20000}}, 2048, 100);
  auto set = load_set(d.par2_files());
  ASSERT_TRUE(set.ok());
  TempDir outside;
  write_file(outside.path() / "victim", Bytes(20000, 0x42));
  fs::remove(d.data_file(0));
  fs::create_symlink(outside.path() / "victim", d.data_file(0));
  auto r = verify(*set, d.dir());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files[0].good_slices, 0u);  // the link is not read as the file
  EXPECT_EQ(read_file(outside.path() / "victim"), Bytes(20000, 0x42));
  auto rep = repair(*set, d.dir(), *r);
  ASSERT_TRUE(rep.ok()) << rep.message();  // rebuilt from recovery blocks alone
  EXPECT_FALSE(fs::is_symlink(d.data_file(0)));
  EXPECT_EQ(read_file(d.data_file(0)), d.files[0].second);
  EXPECT_EQ(read_file(outside.path() / "victim"), Bytes(20000, 0x42));
}

TEST(Hostile, TruncatedAndMutatedRealSetsNeverCrash) {
  SetDir d({{"a.bin", 20000}}, 2048, 20, "-n1");
  auto files = d.par2_files();
  ASSERT_FALSE(files.empty());
  Bytes index = read_file(d.dir() / "set.par2");
  TempDir dir;
  for (size_t cut = 0; cut < index.size(); cut += 37) {
    Bytes part(index.begin(), index.begin() + static_cast<long>(cut));
    auto set = load_bytes(dir, part);
    if (set.ok()) {
      EXPECT_EQ(set->files.size(), 1u);
    }
  }
  std::mt19937 rng(99);
  Bytes vol = read_file(files.back());
  for (int round = 0; round < 150; ++round) {
    Bytes m = vol;
    for (int k = 0; k < 4; ++k) m[rng() % m.size()] = static_cast<uint8_t>(rng());
    auto set = load_bytes(dir, m);
    if (set.ok()) {
      EXPECT_EQ(set->files.size(), 1u);
      EXPECT_EQ(set->files[0].slices.size(), set->files[0].slice_count());
    }
  }
}

TEST(Hostile, GarbageIsNotASet) {
  TempDir dir;
  // Bad PAR2 data, an unreadable file and no file at all are told apart by kind.
  EXPECT_TRUE(load_bytes(dir, random_bytes(5000, 1)).is(ErrorKind::Corrupt));
  EXPECT_TRUE(load_bytes(dir, {}).is(ErrorKind::Corrupt));
  EXPECT_TRUE(load_set({dir.path() / "does-not-exist.par2"}).is(ErrorKind::Io));
  EXPECT_TRUE(load_set({}).is(ErrorKind::Invalid));
}
