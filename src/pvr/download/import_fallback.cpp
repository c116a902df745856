// TEMPORARY (download branch only): import_download() belongs to the import
// branch (src/pvr/import/). Until that branch is merged this definition lets
// the tracker link; it imports nothing and says so. The integrator deletes
// this file and its line in download/sources.cmake when merging — a
// duplicate-symbol link error makes a forgotten deletion loud.
#include "pvr/import/download_import.h"

namespace nzbd::pvr {

Result<DownloadImportResult> import_download(Library&, const DownloadImportRequest& request) {
  return make_error("Importing is not built into this nzbd: cannot import " + request.output_path.string());
}

}  // namespace nzbd::pvr
