#include "nntp/response_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace nzbd::nntp {
namespace {

// What the reader produced, flattened to strings for comparison.
struct Collector {
  ResponseReader reader{1 << 20, 4096};
  std::vector<std::string> events;

  // Feeds one chunk and drains events. A 222 status starts a body.
  void feed(std::string_view chunk) {
    while (!chunk.empty()) {
      auto span = reader.prepare(chunk.size());
      ASSERT_FALSE(span.empty());
      const size_t n = std::min(span.size(), chunk.size());
      std::memcpy(span.data(), chunk.data(), n);
      reader.commit(n);
      chunk.remove_prefix(n);
      drain();
    }
  }
  void drain() {
    for (;;) {
      auto ev = reader.next();
      if (ev.kind == ResponseReader::Event::NeedMore) return;
      if (ev.kind == ResponseReader::Event::Error) {
        events.push_back("error:" + std::string(ev.line));
        return;
      }
      if (ev.kind == ResponseReader::Event::Status) {
        events.push_back("status:" + std::to_string(ev.code) + ":" + std::string(ev.line));
        if (ev.code == 222) reader.begin_body();
      } else {
        events.push_back("body:" + std::string(ev.data, ev.size));
      }
    }
  }
};

const std::string kStream =
    "222 0 <a@b>\r\nline one\r\n..dot-stuffed\r\nmid.dle.\r\n..\r\n.x\r\n.\r\n"
    "430 No Such Article\r\n"
    "222 1 <empty@b>\r\n.\r\n"
    "222 2 <lf@b>\nbare lf\n.\n"
    "222 3 <c@b>\r\n.\r.\r\n.\r\n";

const std::vector<std::string> kExpected = {
    "status:222:222 0 <a@b>",
    "body:line one\r\n..dot-stuffed\r\nmid.dle.\r\n..\r\n.x\r\n",
    "status:430:430 No Such Article",
    "status:222:222 1 <empty@b>",
    "body:",
    "status:222:222 2 <lf@b>",
    "body:bare lf\n",
    "status:222:222 3 <c@b>",
    "body:.\r.\r\n",
};

TEST(ResponseReader, WholeStream) {
  Collector c;
  c.feed(kStream);
  EXPECT_EQ(c.events, kExpected);
}

TEST(ResponseReader, SplitAtEveryPosition) {
  for (size_t cut = 0; cut <= kStream.size(); ++cut) {
    Collector c;
    c.feed(std::string_view(kStream).substr(0, cut));
    c.feed(std::string_view(kStream).substr(cut));
    ASSERT_EQ(c.events, kExpected) << "cut at " << cut;
  }
}

TEST(ResponseReader, SplitAtEveryPairOfPositions) {
  const std::string_view s(kStream);
  for (size_t a = 0; a <= s.size(); a += 3) {
    for (size_t b = a; b <= s.size(); ++b) {
      Collector c;
      c.feed(s.substr(0, a));
      c.feed(s.substr(a, b - a));
      c.feed(s.substr(b));
      ASSERT_EQ(c.events, kExpected) << "cuts at " << a << "," << b;
    }
  }
}

TEST(ResponseReader, OneByteAtATime) {
  Collector c;
  for (char ch : kStream) c.feed(std::string_view(&ch, 1));
  EXPECT_EQ(c.events, kExpected);
}

TEST(ResponseReader, StatusLineTooLongIsAnError) {
  Collector c;
  c.feed(std::string(5000, '2'));
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0], "error:reply line too long");
}

TEST(ResponseReader, MalformedStatusLinesAreErrors) {
  for (std::string bad : {"hello\r\n", "22\r\n", "2x2 ok\r\n", "2222 ok\r\n", "\r\n"}) {
    Collector c;
    c.feed(bad);
    ASSERT_EQ(c.events.size(), 1u) << bad;
    EXPECT_EQ(c.events[0], "error:malformed reply") << bad;
  }
}

TEST(ResponseReader, StatusWithoutTextIsAccepted) {
  Collector c;
  c.feed("430\r\n");
  EXPECT_EQ(c.events, std::vector<std::string>{"status:430:430"});
}

TEST(ResponseReader, BodyLargerThanLimitIsAnError) {
  ResponseReader reader(10000, 4096);
  std::string chunk = "222 big\r\n" + std::string(30000, 'x');
  bool error = false;
  size_t fed = 0;
  while (!error && fed < chunk.size()) {
    auto span = reader.prepare(chunk.size() - fed);
    ASSERT_FALSE(span.empty());
    const size_t n = std::min(span.size(), chunk.size() - fed);
    std::memcpy(span.data(), chunk.data() + fed, n);
    reader.commit(n);
    fed += n;
    for (auto ev = reader.next(); ev.kind != ResponseReader::Event::NeedMore; ev = reader.next()) {
      if (ev.kind == ResponseReader::Event::Status) reader.begin_body();
      if (ev.kind == ResponseReader::Event::Error) {
        EXPECT_EQ(ev.line, "article too large");
        error = true;
        break;
      }
      ASSERT_NE(ev.kind, ResponseReader::Event::Body);
    }
  }
  EXPECT_TRUE(error);
  EXPECT_LE(reader.capacity(), 10000u + 4096 + 2 * 65536);
}

// Many pipelined article-sized replies: the buffer grows to hold one article
// and is then reused, never growing with the number of articles.
TEST(ResponseReader, BufferIsReusedAcrossArticles) {
  std::string body;
  std::mt19937 rng(7);
  while (body.size() < 700000) {
    std::string line(128, 'a');
    for (auto& ch : line) ch = static_cast<char>('!' + rng() % 90);
    if (line[0] == '.') line.insert(line.begin(), '.');
    body += line + "\r\n";
  }
  const std::string reply = "222 0 <x@y>\r\n" + body + ".\r\n";
  std::string stream;
  for (int i = 0; i < 20; ++i) stream += reply;
  ResponseReader reader(32u << 20, 256 * 1024);
  size_t bodies = 0, fed = 0;
  while (fed < stream.size()) {
    auto span = reader.prepare(256 * 1024);
    const size_t n = std::min(span.size(), stream.size() - fed);
    std::memcpy(span.data(), stream.data() + fed, n);
    reader.commit(n);
    fed += n;
    for (auto ev = reader.next(); ev.kind != ResponseReader::Event::NeedMore; ev = reader.next()) {
      ASSERT_NE(ev.kind, ResponseReader::Event::Error);
      if (ev.kind == ResponseReader::Event::Status) reader.begin_body();
      if (ev.kind == ResponseReader::Event::Body) {
        ASSERT_EQ(std::string_view(ev.data, ev.size), body);
        ++bodies;
      }
    }
  }
  EXPECT_EQ(bodies, 20u);
  EXPECT_LE(reader.capacity(), 2u << 20);
}

// An idle connection gives its grown buffer back, but never while a reply is
// half received: the partial bytes survive and the reply still parses.
TEST(ResponseReader, ShrinksOnlyWhenNothingIsBuffered) {
  ResponseReader reader(1u << 20, 4096);
  const std::string body(100000, 'x');
  const std::string reply = "222 0 <x@y>\r\n" + body + "\r\n.\r\n";
  auto feed = [&](std::string_view bytes) {
    while (!bytes.empty()) {
      auto span = reader.prepare(bytes.size());
      ASSERT_FALSE(span.empty());
      const size_t n = std::min(span.size(), bytes.size());
      std::memcpy(span.data(), bytes.data(), n);
      reader.commit(n);
      bytes.remove_prefix(n);
    }
  };
  auto drain = [&] {
    size_t got = 0;
    for (auto ev = reader.next(); ev.kind != ResponseReader::Event::NeedMore; ev = reader.next()) {
      if (ev.kind == ResponseReader::Event::Status) reader.begin_body();
      if (ev.kind == ResponseReader::Event::Body) got += ev.size;
    }
    return got;
  };
  feed(reply);
  EXPECT_EQ(drain(), body.size() + 2);
  ASSERT_GT(reader.capacity(), 100000u);
  reader.shrink_if_empty();
  EXPECT_EQ(reader.capacity(), 4096u);

  feed(std::string_view(reply).substr(0, 50000));  // half a reply: kept
  drain();
  const size_t grown = reader.capacity();
  reader.shrink_if_empty();
  EXPECT_EQ(reader.capacity(), grown);
  feed(std::string_view(reply).substr(50000));
  EXPECT_EQ(drain(), body.size() + 2);
}

// Hostile input: random bytes in random chunks never crash or overrun.
TEST(ResponseReader, RandomGarbageNeverCrashes) {
  std::mt19937 rng(42);
  const char alphabet[] = "0123456789 .\r\n2xA";
  for (int round = 0; round < 300; ++round) {
    ResponseReader reader(5000, 1024);
    for (int step = 0; step < 50; ++step) {
      auto span = reader.prepare(1 + rng() % 3000);
      if (span.empty()) break;
      const size_t n = 1 + rng() % span.size();
      for (size_t i = 0; i < n; ++i) span[i] = alphabet[rng() % (sizeof alphabet - 1)];
      reader.commit(n);
      bool error = false;
      for (auto ev = reader.next(); ev.kind != ResponseReader::Event::NeedMore; ev = reader.next()) {
        if (ev.kind == ResponseReader::Event::Error) {
          error = true;
          break;
        }
        if (ev.kind == ResponseReader::Event::Status && ev.code == 222) reader.begin_body();
        if (ev.kind == ResponseReader::Event::Body) {
          ASSERT_LE(ev.size, 5003u);
        }
      }
      if (error) reader.reset();
    }
  }
}

}  // namespace
}  // namespace nzbd::nntp
