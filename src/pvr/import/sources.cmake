# Completed-download import, naming and renaming (paths relative to src/pvr).
set(PVR_IMPORT_SOURCES
  import/settings_store.cpp
  import/naming_config.cpp
  import/media_config.cpp
  import/naming_tokens.cpp
  import/naming_numbers.cpp
  import/naming_titles.cpp
  import/naming.cpp
  import/media_files.cpp
  import/download_import.cpp
  import/rename.cpp)
