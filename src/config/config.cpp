#include "config/config.h"

#include <cmath>
#include <system_error>

#include "util/files.h"
#include "util/random.h"
#include "util/strings.h"

namespace nzbd::config {
namespace fs = std::filesystem;

Config Config::defaults(const fs::path& path) {
  Config c;
  c.path_ = path;
  c.home_ = path.parent_path();
  c.doc_.top = {{"__version__", "19"}, {"__encoding__", "utf-8"}};
  auto& misc = c.doc_.section("misc");
  misc.set("api_key", random_hex(32));
  misc.set("nzb_key", random_hex(32));
  c.doc_.section("logging");
  c.doc_.section("servers");
  c.restore_default_categories();
  return c;
}

Status check_server_count(size_t count) {
  if (count <= kMaxServers) return ok_status();
  return make_error(std::to_string(count) + " news servers are configured, but nzbd supports at most " +
                    std::to_string(kMaxServers) + "; remove or merge some under [servers]");
}

Result<Config> Config::load_or_create(const fs::path& path) {
  remove_atomic_write_leftovers(path);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    Config c = defaults(path);
    if (auto st = c.save(); !st) return st.error();
    return c;
  }
  auto text = read_file(path);
  if (!text) return text.error();
  auto doc = parse_ini(*text);
  if (!doc) return make_error(path.string() + ": " + doc.message());
  Config c;
  c.path_ = path;
  c.home_ = path.parent_path();
  c.doc_ = std::move(*doc);
  if (auto st = check_server_count(c.items("servers").size()); !st) return make_error(path.string() + ": " + st.message());
  bool changed = false;
  auto& misc = c.doc_.section("misc");
  for (const char* key : {"api_key", "nzb_key"}) {
    const std::string* v = misc.find(key);
    if (!v || v->empty()) {
      misc.set(key, random_hex(32));
      changed = true;
    }
  }
  if (c.items("categories").empty()) {
    c.restore_default_categories();
    changed = true;
  }
  if (changed)
    if (auto st = c.save(); !st) return st.error();
  return c;
}

Status Config::save() const { return write_file_atomic(path_, render()); }

std::string Config::render() const { return write_ini(doc_); }

// A flat-section key is read from its SABnzbd section, then from [misc]
// (where nzbd 0.x kept [nscript] and [logging] keys), then its default.
std::string Config::misc(Key k) const {
  const std::string_view key = k.name();
  const auto& home = home_of(key);
  if (const auto* s = doc_.find_section(home.name))
    if (const auto* v = s->find(key)) return *v;
  if (home.name != "misc")
    if (const auto* s = doc_.find_section("misc"))
      if (const auto* v = s->find(key)) return *v;
  if (const auto* o = find_option(*home.options, key)) return std::string(o->default_value);
  return {};
}

int64_t Config::misc_int(Key key) const {
  if (auto v = parse_int(misc(key))) return *v;
  if (const auto* o = flat_option(key.name()))
    if (auto d = parse_int(o->default_value)) return *d;
  return 0;
}

std::vector<std::string> Config::misc_list(Key key) const { return split_list(misc(key)); }

void Config::set_misc(Key k, std::string value) {
  const std::string_view key = k.name();
  std::string_view home = home_of(key).name;
  if (home != "misc") {  // drop a copy an older nzbd left in [misc]
    auto& old = doc_.section("misc").values;
    std::erase_if(old, [&](const auto& kv) { return kv.first == key; });
  }
  doc_.section(home).set(key, std::move(value));
}

void Config::reset_misc(Key k) {
  const std::string_view key = k.name();
  for (std::string_view name : {home_of(key).name, std::string_view("misc")}) {
    auto& values = doc_.section(name).values;
    std::erase_if(values, [&](const auto& kv) { return kv.first == key; });
  }
}

const KeyValues& Config::section_values(std::string_view section) const {
  static const KeyValues empty;
  const auto* s = doc_.find_section(section);
  return s ? s->values : empty;
}

std::vector<const IniItem*> Config::items(std::string_view section) const {
  std::vector<const IniItem*> out;
  if (const auto* s = doc_.find_section(section))
    for (const auto& it : s->items) out.push_back(&it);
  return out;
}

const IniItem* Config::item(std::string_view section, std::string_view name) const {
  const auto* s = doc_.find_section(section);
  return s ? s->find_item(name) : nullptr;
}

IniItem& Config::item_or_create(std::string_view section, std::string_view name) {
  auto& s = doc_.section(section);
  if (auto* it = s.find_item(name)) return *it;
  s.items.push_back(IniItem{std::string(name), {{"name", std::string(name)}}});
  return s.items.back();
}

bool Config::delete_item(std::string_view section, std::string_view name) {
  auto& s = doc_.section(section);
  return std::erase_if(s.items, [&](const IniItem& it) { return it.name == name; }) > 0;
}

std::string Config::item_value(const IniItem& item, std::string_view section, std::string_view key) const {
  if (const auto* v = item.find(key)) return *v;
  if (key == "name") return item.name;
  if (const auto* opts = item_options(section))
    if (const auto* o = find_option(*opts, key)) return std::string(o->default_value);
  return {};
}

void Config::restore_default_categories() {
  auto& s = doc_.section("categories");
  s.items.clear();
  struct Cat { const char* name; const char* order; const char* pp; const char* script; const char* prio; };
  const Cat cats[] = {{"*", "0", "3", "None", "0"},
                      {"movies", "1", "", "Default", "-100"},
                      {"tv", "2", "", "Default", "-100"},
                      {"audio", "3", "", "Default", "-100"},
                      {"software", "4", "", "Default", "-100"}};
  for (const auto& c : cats)
    s.items.push_back(IniItem{c.name,
                              {{"name", c.name}, {"order", c.order}, {"pp", c.pp}, {"script", c.script},
                               {"dir", ""}, {"newzbin", ""}, {"priority", c.prio}}});
}

fs::path Config::resolve_dir(Key misc_key) const {
  fs::path p = misc(misc_key);
  if (p.empty()) return {};
  return p.is_absolute() ? p : home_ / p;
}

std::optional<uint64_t> parse_size(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  double mult = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(t.back())));
  const std::string units = "KMGTP";
  if (auto pos = units.find(last); pos != std::string::npos) {
    mult = std::pow(1024.0, static_cast<double>(pos + 1));
    t = trim(t.substr(0, t.size() - 1));
  } else if (last == 'B' || last == '%') {
    t = trim(t.substr(0, t.size() - 1));
  }
  auto v = parse_double(t);
  if (!v || *v < 0 || !std::isfinite(*v) || *v * mult > 1.8e19) return std::nullopt;
  return static_cast<uint64_t>(*v * mult);
}

std::vector<std::string> secrets_of(const Config& cfg) {
  std::vector<std::string> out = {cfg.misc("api_key"), cfg.misc("nzb_key"), cfg.misc("password"),
                                  cfg.misc("username")};
  for (const auto* server : cfg.items("servers")) {
    out.push_back(cfg.item_value(*server, "servers", "password"));
    out.push_back(cfg.item_value(*server, "servers", "username"));
  }
  return out;
}

HttpsFiles https_files(const Config& cfg) {
  auto in_admin = [&](Key key) {
    fs::path p = cfg.misc(key);
    return p.is_absolute() ? p : cfg.resolve_dir("admin_dir") / p;
  };
  return {in_admin("https_cert"), in_admin("https_key")};
}

}  // namespace nzbd::config
