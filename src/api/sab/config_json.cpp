#include "api/sab/config_json.h"

#include <algorithm>

#include "config/feed_filters.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

Json typed(const config::Option* o, const std::string& v) {
  if (!o) return v;
  switch (o->type) {
    case config::Type::Int: {
      auto n = parse_int(v);
      return n ? Json(*n) : Json(parse_int(o->default_value).value_or(0));
    }
    case config::Type::Float: {
      auto d = parse_double(v);
      return d ? Json(*d) : Json(parse_double(o->default_value).value_or(0.0));
    }
    case config::Type::List: {
      Json list = Json::array();
      for (auto& s : split_list(v)) list.push_back(s);
      return list;
    }
    case config::Type::Password:
      return v.empty() ? "" : kPasswordMask;
    case config::Type::Str:
      return v;
  }
  return v;
}

const std::vector<const char*> kListSections = {"servers", "categories", "rss", "sorters"};

}  // namespace

Json flat_json(const config::Config& c, const config::FlatSection& section, std::string_view keyword) {
  Json out = Json::object();
  for (const auto& o : *section.options)
    if (keyword.empty() || o.name == keyword) out[std::string(o.name)] = typed(&o, c.misc(config::Key::at_run_time(o.name)));
  // Keys nzbd does not know are kept and shown as strings.
  if (section.name == "misc")
    for (const auto& [k, v] : c.section_values("misc"))
      if (!config::flat_option(k) && (keyword.empty() || k == keyword)) out[k] = v;
  return out;
}

Json item_json(const config::Config& c, std::string_view section, const config::IniItem& item) {
  Json out = Json::object();
  const auto* opts = config::item_options(section);
  if (opts)
    for (const auto& o : *opts) out[std::string(o.name)] = typed(&o, c.item_value(item, section, o.name));
  // A feed's filter rows: "filter0": [cat, pp, script, type, text, priority,
  // enabled], as SABnzbd's ConfigRSS.get_dict lists them (strings, as read
  // back from its ini), after the feed's own keys.
  const bool feed = section == "rss";
  if (feed) {
    auto rows = config::feed_filters(item);
    for (size_t i = 0; i < rows.size(); ++i) out["filter" + std::to_string(i)] = rows[i].fields();
  }
  for (const auto& [k, v] : item.values)
    if ((!opts || !config::find_option(*opts, k)) && !(feed && config::is_filter_key(k))) out[k] = v;
  return out;
}

Json config_tree(const config::Config& c, std::string_view section, std::string_view keyword) {
  Json tree = Json::object();
  for (const auto& flat : config::flat_sections()) {
    if (!section.empty() && section != flat.name) continue;
    Json values = flat_json(c, flat, keyword);
    if (!values.empty()) tree[std::string(flat.name)] = values;
  }
  for (const char* s : kListSections) {
    if (!section.empty() && section != s) continue;
    Json list = Json::array();
    for (const auto* item : c.items(s))
      if (keyword.empty() || item->name == keyword) list.push_back(item_json(c, s, *item));
    if (!list.empty()) tree[s] = list;
  }
  return tree;
}

std::string normalise_value(const config::Option* o, std::string_view value) {
  if (!o) return std::string(value);
  switch (o->type) {
    case config::Type::Int:
      return parse_int(value) ? std::to_string(std::clamp(*parse_int(value), o->min, o->max))
                              : std::string(o->default_value);
    case config::Type::Float:
      return parse_double(value) ? trim(value) : std::string(o->default_value);
    case config::Type::List:
      return join(split_list(value), ", ");
    default:
      return std::string(value);
  }
}

}  // namespace nzbd::api::sab
