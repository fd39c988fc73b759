#include "uploads.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>

#include <atomic>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "http.hpp"

namespace fs = std::filesystem;

namespace cartero::webui {

namespace {

constexpr std::size_t k_max_name = 80;

std::string megabytes(std::int64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

HttpError too_large(const UploadRules& rules) {
  return HttpError(413, "La carga supera el límite de " + megabytes(rules.max_bytes) + ": divídala en varios envíos.");
}

// A folder no other upload uses: created here, or the next number is tried.
fs::path new_folder(const std::string& base) {
  static std::atomic<unsigned> counter{0};
  fs::create_directories(fs::path(base).parent_path());
  for (;;) {
    const fs::path dir = base + "-" + std::to_string(std::time(nullptr)) + "-" + std::to_string(++counter);
    if (fs::create_directory(dir)) return dir;
  }
}

// Saves each part while counting the bytes of the whole upload: a body with
// no Content-Length (chunked) is cut off at the limit, not read to its end.
class UploadSaver final : public Poco::Net::PartHandler {
 public:
  UploadSaver(fs::path dir, const UploadRules& rules) : m_dir(std::move(dir)), m_rules(rules) {}

  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
    const fs::path path = m_dir / (std::to_string(files.size() + 1) + "-" + safe_file_name(params.get("filename", "")));
    files.push_back(path.string());
    std::ofstream out(path, std::ios::binary);
    bool first = true;
    char buf[64 * 1024];
    while (stream.read(buf, sizeof buf) || stream.gcount() > 0) {
      const auto n = stream.gcount();
      m_total += n;
      if (m_total > m_rules.max_bytes) throw too_large(m_rules);
      if (first && m_rules.scans_only && !looks_like_scan({buf, static_cast<std::size_t>(n)})) throw not_a_scan(params);
      first = false;
      out.write(buf, n);
    }
    if (first && m_rules.scans_only) throw not_a_scan(params);  // an empty file
    out.close();
    if (!out) throw HttpError(507, "No hay espacio para guardar el archivo.");
  }

  std::vector<std::string> files;

 private:
  static HttpError not_a_scan(const Poco::Net::NameValueCollection& params) {
    return HttpError(415, "El archivo «" + safe_file_name(params.get("filename", "")) +
                              "» no es un escaneo: envíe archivos PDF, TIFF, PNG o JPEG.");
  }

  fs::path m_dir;
  const UploadRules& m_rules;
  std::int64_t m_total = 0;
};

}  // namespace

bool looks_like_scan(std::string_view b) {
  const auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  using namespace std::string_view_literals;
  return starts("%PDF"sv) || starts("II*\0"sv) || starts("MM\0*"sv) || starts("\x89PNG\r\n\x1a\n"sv) || starts("\xFF\xD8\xFF"sv);
}

std::string safe_file_name(std::string_view sent) {
  const auto cut = sent.find_last_of("/\\");
  if (cut != std::string_view::npos) sent.remove_prefix(cut + 1);
  std::string name;
  for (const char c : sent) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (plain) {
      name.push_back(c);
    } else if (!name.empty() && name.back() != '_') {
      name.push_back('_');
    }
  }
  name.erase(0, name.find_first_not_of("._"));
  if (name.size() > k_max_name) {
    const auto dot = name.rfind('.');
    const std::string ext = dot != std::string::npos && name.size() - dot <= 10 ? name.substr(dot) : "";
    name = name.substr(0, k_max_name - ext.size()) + ext;
  }
  return name.empty() ? "archivo" : name;
}

std::vector<std::string> receive_files(Poco::Net::HTTPServerRequest& request, const std::string& base, const UploadRules& rules) {
  if (request.hasContentLength() && request.getContentLength64() > rules.max_bytes) throw too_large(rules);
  if (request.getContentType().rfind("multipart/form-data", 0) != 0) {
    throw HttpError(400, "La carga debe enviarse como formulario multipart/form-data.");
  }
  const fs::path dir = new_folder(base);
  UploadSaver saver(dir, rules);
  try {
    Poco::Net::HTMLForm form;
    form.setFieldLimit(10000);  // Poco's default stops a form at 100 parts: a scanned stack has more
    form.load(request, request.stream(), saver);
  } catch (const HttpError&) {
    fs::remove_all(dir);
    throw;
  } catch (const std::exception&) {
    fs::remove_all(dir);
    throw HttpError(400, "La carga no es un formulario multipart válido.");
  }
  if (saver.files.empty()) fs::remove(dir);
  return saver.files;
}

}  // namespace cartero::webui
