// The API's imports routes: each handler parses the request, calls one service and renders.
#include "common.hpp"

namespace cartero::webui {

// A portfolio export uploaded by an analyst: imported like `cartero import`.
Reply post_import(Request& r, Database& db, Services& services) {
  const auto& s = r.require({Role::analyst, Role::admin});
  r.require_csrf();
  const auto kind = selection::parse_import_kind(r.path[2]);
  const auto files = receive_files(r.raw, services.upload_dir + "/imports", {services.max_upload_bytes, false});
  // The export is read into the database, then removed, imported or not:
  // the server keeps no copy of a portfolio people uploaded.
  struct RemoveFiles {
    const std::vector<std::string>& files;
    ~RemoveFiles() {
      std::error_code ec;
      for (const auto& f : files) std::filesystem::remove(f, ec);
    }
  } remove_files{files};
  if (files.size() != 1) throw HttpError(400, "Envíe exactamente un archivo CSV.");
  selection::ImportSummary summary;
  const std::string name = std::filesystem::path(files.front()).filename().string();  // the name sent, not the server's folders
  audited(db, s.user.name, "import." + r.path[2], name, [&] {
    Change change{selection::last_import_json(db, kind), ""};
    summary = selection::import_file(db, kind, files.front());
    change.after_json = selection::last_import_json(db, kind);
    return change;
  });
  summary.file = name;
  for (auto& row : summary.rejected) row.reason = selection::spanish_label(row);
  return {200, summary.to_json()};
}

}  // namespace cartero::webui
