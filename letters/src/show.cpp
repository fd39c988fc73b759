// A printed letter taken back from the archive, its hashes checked. The
// page is cut out of the archived part and its content read back with qpdf
// (Debian's qpdf, the command line), run without a shell.
#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <sstream>

#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/letters/generate.hpp"
#include "pdf_writer.hpp"
#include "store_evidence.hpp"

namespace fs = std::filesystem;

namespace cartero::letters {

namespace {

// Runs qpdf; its standard output, or InternalError with what it said.
std::string run_qpdf(const std::vector<std::string>& args) {
  Poco::Pipe out, err;
  std::string text, message;
  int status = -1;
  try {
    Poco::ProcessHandle handle = Poco::Process::launch("qpdf", args, nullptr, &out, &err);
    Poco::PipeInputStream output(out), errors(err);
    std::stringstream o, e;
    o << output.rdbuf();
    e << errors.rdbuf();
    text = o.str();
    message = e.str();
    status = handle.wait();
  } catch (const Poco::Exception& e) {
    throw InternalError("cannot run qpdf (install the Debian package qpdf): " + e.displayText());
  }
  // qpdf exits 3 for warnings, with a usable result.
  if (status != 0 && status != 3) throw InternalError("qpdf failed: " + message);
  return text;
}

// The SHA-256 of a one-page PDF's decoded content streams, in order.
std::string page_content_sha256(const std::string& pdf) {
  const std::string json = run_qpdf({"--json=2", "--json-key=pages", "--json-key=qpdf", "--json-stream-data=inline",
                                     "--decode-level=generalized", pdf});
  Poco::JSON::Object::Ptr root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  const auto pages = root->getArray("pages");
  if (!pages || pages->size() != 1) throw InternalError("qpdf did not read one page from " + pdf);
  const auto page = pages->getObject(0);
  std::vector<std::string> refs;
  if (const auto list = page->getArray("contents")) {
    for (std::size_t i = 0; i < list->size(); ++i) refs.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
  }
  const auto objects = root->getArray("qpdf")->getObject(1);
  std::string content;
  for (const auto& ref : refs) {
    const auto obj = objects->getObject("obj:" + ref);
    if (!obj) throw InternalError("qpdf did not give the content stream " + ref + " of " + pdf);
    const std::string data = obj->getObject("stream")->getValue<std::string>("data");
    std::istringstream in(data);
    Poco::Base64Decoder decoder(in);
    std::stringstream bytes;
    bytes << decoder.rdbuf();
    content += bytes.str();
  }
  return sha256_text(content);
}

}  // namespace

ShownLetter show_letter(Database& db, const std::string& letter_id, const std::string& out_pdf) {
  const LetterEvidence e = find_letter_evidence(db, letter_id);
  std::error_code ec;
  if (fs::exists(out_pdf, ec)) throw InputError(out_pdf + " already exists; choose another --out");
  if (!fs::exists(e.stored_path, ec)) {
    throw InternalError("the archived part of letter " + letter_id + " (" + e.stored_path +
                        ") is missing; restore the folder next to the database from a backup");
  }
  if (sha256_file(e.stored_path) != e.part_sha256) {
    throw InternalError("the archived part " + e.stored_path + " no longer has the SHA-256 recorded when it was printed (" +
                        e.part_sha256 + "): it was altered; restore it from a backup");
  }
  const std::string tmp = out_pdf + ".tmp";
  try {
    run_qpdf({"--empty", "--deterministic-id", "--pages", e.stored_path, std::to_string(e.page), "--", tmp});
    const std::string page_sha = page_content_sha256(tmp);
    if (page_sha != e.page_sha256) {
      throw InternalError("page " + std::to_string(e.page) + " of " + e.stored_path + " does not have the SHA-256 recorded for letter " +
                          letter_id + " (" + e.page_sha256 + ")");
    }
    fs::rename(tmp, out_pdf);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  return {letter_id, e.batch_id, e.file, e.page, e.part_sha256, e.page_sha256, e.template_sha256, e.sender_sha256, out_pdf};
}

}  // namespace cartero::letters
