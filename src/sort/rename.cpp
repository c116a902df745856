// Which files of a sorted job get the sort string's name (SABnzbd's
// Sorter.rename): each episode of a season pack, each part of a multi-part
// set, or else the largest file; the files beside them follow.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "pvr/release_parser.h"
#include "sort/sort.h"
#include "sort/text.h"
#include "util/strings.h"

namespace nzbd::sort {
namespace {

// SABnzbd's is_sample: "sample" or "proof" at the start of a word.
bool is_sample(std::string_view name) {
  std::string l = to_lower(name);
  for (std::string_view w : {"sample", "proof"})
    for (size_t at = l.find(w); at != std::string::npos; at = l.find(w, at + 1))
      if (at == 0 || !std::isalnum(static_cast<unsigned char>(l[at - 1]))) return true;
  return false;
}

bool renameable(const JobFile& f, uint64_t min_size) {
  std::string ext = to_lower(split_ext(base_name(f.path)).second);
  return !is_sample(base_name(f.path)) && ext != ".vob" && ext != ".bin" && f.size >= min_size;
}

// The final name of a file: markers filled in, {lower-cased}, made safe; the
// old name when nothing usable is left.
std::string finish(const std::string& stem_pattern, const std::string& ext, const std::string& fallback,
                   bool replace_illegal) {
  std::string name = sanitize_component(lowercase_braces(stem_pattern + ext), replace_illegal, 255);
  if (name.empty() || name == ext) return fallback;
  return name;
}

std::string fill(const std::string& pattern, const std::string& stem, const std::string& ext, Mapping extra = {}) {
  extra.emplace_back("%fn", stem);
  std::string out = substitute(pattern, extra);
  replace_all(out, "%ext", ext.empty() ? "" : ext.substr(1));
  return out;
}

// A part number in a file name: "cd1", "CD 2", "part.3", "pt4", "disc 1".
struct Part {
  std::string title, kind;
  int number = 0;
};
std::optional<Part> part_of(const std::string& stem) {
  std::string l = to_lower(stem);
  for (std::string_view kind : {"cd", "part", "pt", "disc", "disk"})
    for (size_t at = l.find(kind); at != std::string::npos; at = l.find(kind, at + 1)) {
      if (at > 0 && std::isalpha(static_cast<unsigned char>(l[at - 1]))) continue;
      size_t i = at + kind.size();
      while (i < l.size() && (l[i] == ' ' || l[i] == '.' || l[i] == '_' || l[i] == '-')) ++i;
      size_t d = i;
      while (i < l.size() && std::isdigit(static_cast<unsigned char>(l[i]))) ++i;
      if (i == d || i - d > 3 || (i < l.size() && std::isalpha(static_cast<unsigned char>(l[i])))) continue;
      std::string title = l.substr(0, at);
      while (!title.empty() && std::string_view(" ._-([").find(title.back()) != std::string_view::npos) title.pop_back();
      if (title.empty()) continue;
      return Part{title, std::string(kind), std::stoi(l.substr(d, i - d))};
    }
  return std::nullopt;
}

// SABnzbd's check_for_multiple: one title, one kind of indicator, numbers in
// an unbroken run of at least two. Index -> file.
std::map<int, const JobFile*> multiple(const std::vector<const JobFile*>& files) {
  std::map<int, const JobFile*> parts;
  std::optional<Part> wanted;
  for (const auto* f : files) {
    auto p = part_of(split_ext(base_name(f->path)).first);
    if (!p) continue;
    if (!wanted) wanted = p;
    if (p->title == wanted->title && p->kind == wanted->kind && !parts.count(p->number)) parts[p->number] = f;
  }
  if (parts.size() < 2 || parts.rbegin()->first - parts.begin()->first + 1 != static_cast<int>(parts.size())) return {};
  return parts;
}

std::vector<int> episodes_in(const std::string& stem) {
  auto p = pvr::parse_release(stem);
  if (!p) return {};
  return !p->episodes.empty() ? p->episodes : p->absolute_episodes;
}

std::string episode_list(const std::vector<int>& eps, bool pad) {
  std::string out;
  for (int n : eps) out += std::string(out.empty() ? "" : "-") + ((pad && n < 10) ? "0" : "") + std::to_string(n);
  return out;
}

}  // namespace

std::vector<Move> arrange(const Plan& plan, const std::vector<JobFile>& files) {
  std::map<std::string, std::string> to;  // from -> to
  for (const auto& f : files) to[f.path] = f.path;
  auto result = [&] {
    std::vector<Move> out;
    for (const auto& f : files) out.push_back(Move{f.path, to[f.path]});
    return out;
  };
  if (!plan.rename_files) return result();
  std::vector<const JobFile*> candidates;
  for (const auto& f : files)
    if (renameable(f, plan.min_size)) candidates.push_back(&f);
  if (candidates.empty()) return result();

  // The files the sort string names went to `done`; the others beside them
  // are renamed after the set, those with `keep_ext` only moved to the top.
  std::set<std::string> done;
  auto follow = [&](const std::string& keep_ext) {
    for (const auto& f : files) {
      if (done.count(f.path)) continue;
      auto [stem, ext] = split_ext(base_name(f.path));
      if (iequals(ext, keep_ext)) to[f.path] = base_name(f.path);
      else to[f.path] = finish(fill(plan.file_set, stem, ext), ext, base_name(f.path), plan.replace_illegal);
    }
  };

  if (candidates.size() > 1 && plan.season_pack) {
    for (const auto* f : candidates) {
      auto [stem, ext] = split_ext(base_name(f->path));
      auto eps = episodes_in(stem);
      if (eps.empty()) continue;
      std::string e = episode_list(eps, false), e2 = episode_list(eps, true);
      std::string new_stem = lowercase_braces(fill(plan.season_set, stem, ext,
          {{"%e", e}, {"%GI<episode>", e}, {"%G.I<episode>", e}, {"%G_I<episode>", e}, {"%0e", e2}}));
      to[f->path] = finish(new_stem, ext, base_name(f->path), plan.replace_illegal);
      done.insert(f->path);
      // Files named like this one ("Show.S01E02.srt" beside "Show.S01E02.mkv") go with it.
      for (const auto& g : files) {
        std::string gname = base_name(g.path);
        if (done.count(g.path) || renameable(g, plan.min_size) || !gname.starts_with(stem)) continue;
        to[g.path] = finish(new_stem + gname.substr(stem.size()), "", gname, plan.replace_illegal);
        done.insert(g.path);
      }
    }
    if (!done.empty()) return result();
  }

  if (candidates.size() > 1 && !plan.multipart_label.empty()) {
    auto parts = multiple(candidates);
    for (const auto& [index, f] : parts) {
      auto [stem, ext] = split_ext(base_name(f->path));
      to[f->path] = finish(fill(plan.file_set + plan.multipart_label, stem, ext, {{"%1", std::to_string(index)}}),
                           ext, base_name(f->path), plan.replace_illegal);
      done.insert(f->path);
    }
    if (!parts.empty()) {
      follow(split_ext(base_name(parts.begin()->second->path)).second);
      return result();
    }
  }

  const JobFile* largest = *std::max_element(candidates.begin(), candidates.end(),
                                             [](const JobFile* a, const JobFile* b) { return a->size < b->size; });
  auto [stem, ext] = split_ext(base_name(largest->path));
  to[largest->path] = finish(fill(plan.file_set, stem, ext), ext, base_name(largest->path), plan.replace_illegal);
  done.insert(largest->path);
  follow(ext);
  return result();
}

}  // namespace nzbd::sort
