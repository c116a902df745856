// A mode that throws (here: the history database) answers in SABnzbd's error
// shape with a 500, and the API goes on answering.
#include <stdexcept>

#include "history/api_fixture.h"

namespace nzbd::history::test {
namespace {

// The real store, but listing throws, as a corrupt database can.
class ThrowingHistory : public History {
 public:
  explicit ThrowingHistory(History& real) : real_(real) {}
  Status put(const Entry& e) override { return real_.put(e); }
  std::optional<Entry> get(const std::string& id) override { return real_.get(id); }
  Page query(const Query&) override { throw std::runtime_error("database disk image is malformed"); }
  Status remove(const std::vector<std::string>& ids, bool archive) override { return real_.remove(ids, archive); }
  Totals totals() override { return real_.totals(); }
  int64_t last_update() override { return real_.last_update(); }
  Result<int64_t> prune(const Retention& r, int64_t now) override { return real_.prune(r, now); }
  void add_server_bytes(const std::string& s, int64_t b, int64_t t, int64_t ok) override {
    real_.add_server_bytes(s, b, t, ok);
  }
  std::vector<std::pair<std::string, ServerStats>> server_stats() override { return real_.server_stats(); }

 private:
  History& real_;
};

TEST_F(SabHistory, AModeThatThrowsAnswersInSabnzbdsErrorShapeAndTheNextCallWorks) {
  ThrowingHistory throwing(*history);
  make_api(&throwing);
  auto r = call({{"mode", "history"}, {"output", "json"}});
  EXPECT_EQ(r.status, 500);
  auto j = Json::parse(r.body, nullptr, false);
  EXPECT_EQ(j, Json::parse(R"({"status": false, "error": "internal error: database disk image is malformed"})"))
      << r.body;
  EXPECT_FALSE(json({{"mode", "version"}, {"output", "json"}}).value("version", "").empty());
}

}  // namespace
}  // namespace nzbd::history::test
