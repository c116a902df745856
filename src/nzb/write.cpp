// Renders a parsed NZB back to NZB 1.1 XML: the queue stores each job's NZB
// this way (one document per job, even when several came in one zip).
#include <pugixml.hpp>

#include <sstream>

#include "nzb/nzb.h"

namespace nzbd::nzb {

std::string write_nzb(const Nzb& nzb) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("nzb");
  root.append_attribute("xmlns") = "http://www.newzbin.com/DTD/2003/nzb";
  if (!nzb.meta.empty()) {
    auto head = root.append_child("head");
    for (const auto& [type, values] : nzb.meta)
      for (const auto& v : values) {
        auto m = head.append_child("meta");
        m.append_attribute("type") = type.c_str();
        m.text().set(v.c_str());
      }
  }
  for (const auto& f : nzb.files) {
    auto file = root.append_child("file");
    file.append_attribute("poster") = f.poster.c_str();
    file.append_attribute("date") = static_cast<long long>(f.date);
    file.append_attribute("subject") = f.subject.c_str();
    auto groups = file.append_child("groups");
    for (const auto& g : f.groups) groups.append_child("group").text().set(g.c_str());
    auto segs = file.append_child("segments");
    for (const auto& s : f.segments) {
      auto seg = segs.append_child("segment");
      seg.append_attribute("bytes") = s.bytes;
      seg.append_attribute("number") = s.number;
      seg.text().set(s.message_id.c_str());
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace nzbd::nzb
