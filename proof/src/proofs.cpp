#include "cartero/proof/proofs.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "cartero/core/date.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/scanning/barcodes.hpp"
#include "cartero/scanning/page.hpp"
#include "store.hpp"

namespace fs = std::filesystem;

namespace cartero::proof {

namespace {

bool is_proof_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pdf" || ext == ".tif" || ext == ".tiff" || ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

// The letters a piece of text names: a letter number or barcode, or a guía
// the courier's admission gave.
void letters_named_by(Database& db, std::string token, const std::string& how, std::map<std::string, std::string>& found) {
  std::transform(token.begin(), token.end(), token.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (token.size() < 6) return;
  if (const auto id = returns::letter_id_from_typed(token); id && letters::find_letter(db, *id)) {
    found.emplace(*id, how + "letter " + *id);
    return;
  }
  if (const auto id = store::letter_of_guia(db, token)) found.emplace(*id, how + "guía " + token);
}

std::map<std::string, std::string> match_by_name(Database& db, const fs::path& file) {
  std::map<std::string, std::string> found;
  std::string token;
  for (char c : file.stem().string() + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
      token += c;
    } else if (!token.empty()) {
      letters_named_by(db, token, "name: ", found);
      token.clear();
    }
  }
  return found;
}

std::map<std::string, std::string> match_by_codes(Database& db, const fs::path& file) {
  std::map<std::string, std::string> found;
  const auto reader = scanning::PageReader::open(file.string());
  if (!reader || reader->page_count() < 1) return found;
  const auto page = reader->read(1);
  if (!page.image) return found;
  const auto codes = scanning::find_barcodes(*page.image);
  if (!codes) return found;
  for (const auto& code : *codes) letters_named_by(db, code.text, "code on page 1: ", found);
  return found;
}

std::string kept_files_dir(Database& db) {
  // Kept files live beside the database, as scans do (cartero.files for a
  // PostgreSQL database).
  return db.files_dir().empty() ? std::string("cartero.files") : db.files_dir();
}

}  // namespace

ProofImport import_proofs(Database& db, const std::vector<std::string>& paths, const std::string& user) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& e : fs::directory_iterator(p)) {
        if (e.is_regular_file() && is_proof_file(e.path())) in_dir.push_back(e.path());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.emplace_back(p);
    } else {
      throw InputError("import proofs: " + p + " does not exist or is not a file or a folder");
    }
  }
  if (files.empty()) throw InputError("import proofs: no PDF, TIFF, JPEG or PNG file among the paths given");

  ProofImport out;
  sql::Transaction tx(db);
  const std::string now = now_utc_iso();
  const fs::path dir = fs::path(kept_files_dir(db)) / "proofs";
  for (const auto& file : files) {
    ++out.files;
    ProofFileResult r;
    r.file = file.string();
    auto found = match_by_name(db, file);
    if (found.empty()) found = match_by_codes(db, file);
    if (found.empty()) {
      r.status = "rejected";
      r.reason = "matches no letter: neither its name nor a code on its first page gives a guía or a letter number";
    } else if (found.size() > 1) {
      r.status = "rejected";
      r.reason = "matches " + std::to_string(found.size()) + " letters (" + found.begin()->first + ", " +
                 std::next(found.begin())->first + "): name the file by one guía";
    } else {
      r.letter_id = found.begin()->first;
      r.matched_by = found.begin()->second;
      const auto letter = letters::find_letter(db, r.letter_id);
      if (!letter || !letter->sent_on) {
        r.status = "rejected";
        r.reason = "letter " + r.letter_id + " was never dispatched";
      } else {
        r.sha256 = sha256_file(file.string());
        fs::create_directories(dir);
        const fs::path stored = dir / (r.sha256 + file.extension().string());
        std::error_code ec;
        if (!fs::exists(stored)) {
          // Content-addressed: a copy left by a rolled-back import is the
          // same bytes the next import would write.
          fs::copy_file(file, stored, ec);
          if (ec) throw InternalError("import proofs: cannot keep " + file.string() + " in " + dir.string() + ": " + ec.message());
        }
        const bool added = store::insert_proof(
            db, {r.letter_id, r.sha256, file.filename().string(), stored.string(), r.matched_by,
                 static_cast<std::int64_t>(fs::file_size(file))},
            now, user);
        r.status = added ? "kept" : "already";
        ++(added ? out.kept : out.already);
      }
    }
    out.results.push_back(std::move(r));
  }
  tx.commit();
  return out;
}

std::string to_json(const ProofImport& s) {
  JsonWriter w;
  w.begin_object().key("kind").value("proofs").key("files").value(s.files).key("kept").value(s.kept);
  w.key("already").value(s.already).key("results").begin_array();
  for (const auto& r : s.results) {
    w.begin_object().key("file").value(r.file).key("status").value(r.status);
    if (!r.letter_id.empty()) w.key("letter_id").value(r.letter_id).key("matched_by").value(r.matched_by);
    if (!r.sha256.empty()) w.key("sha256").value(r.sha256);
    if (!r.reason.empty()) w.key("reason").value(r.reason);
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::vector<KeptProof> proofs_of(Database& db, const std::string& letter_id) {
  std::vector<KeptProof> out;
  for (auto& p : store::proofs_of_letter(db, letter_id)) out.push_back({p.sha256, p.original_name, p.stored_path});
  return out;
}

}  // namespace cartero::proof
