# Release-name parser sources, included by src/pvr/CMakeLists.txt (paths relative to src/pvr).
set(PVR_PARSER_SOURCES
  release_parser.cpp
  quality.cpp
  parser_quality.cpp
  parser_markers.cpp
  parser_markers_abs.cpp
  parser_anime.cpp
  parser_path.cpp
  parser_language.cpp
  parser_subtitle.cpp
  parser_meta.cpp
  parser_group.cpp
  parser_text.cpp)
