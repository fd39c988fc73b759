// Private: files uploaded as multipart/form-data, saved under the server's
// upload folder. Parsing is Poco's HTMLForm; what is ours is the limit (by
// Content-Length before reading, and by counting while streaming, for a
// chunked upload), the check of what a scan is, and the names on disk.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cartero::webui {

struct UploadRules {
  std::int64_t max_bytes = 512LL * 1024 * 1024;  // all the files of one upload together
  bool scans_only = false;                       // PDF, TIFF, PNG or JPEG by their first bytes
};

// Saves every part of the request's multipart body in a new folder under
// `base`-TIME-N/ and returns their paths, in order. Throws HttpError 413 over
// the limit (before reading when Content-Length says so), 415 for a part that
// is not a scan when `scans_only`, 400 for a body that is not multipart, 507
// when the disk is full; then nothing is kept (the folder is removed).
std::vector<std::string> receive_files(Poco::Net::HTTPServerRequest& request, const std::string& base, const UploadRules& rules);

// The name an uploaded file gets on disk: the last path component of what
// the browser sent, letters, digits, '.', '-' and '_' only (others become
// '_'), no leading dots, at most 80 characters keeping the extension;
// "archivo" when nothing is left.
std::string safe_file_name(std::string_view sent);

// Whether a file's first bytes are those of a PDF, TIFF, PNG or JPEG.
bool looks_like_scan(std::string_view first_bytes);

}  // namespace cartero::webui
