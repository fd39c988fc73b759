// Private: how an error is answered by the API, and how JSON field names
// are named in Spanish messages. The Spanish texts and HTTP statuses of the
// libraries' error codes are core's one table (cartero/core/error_texts.hpp);
// nothing here reads an error's English message.
#pragma once

#include <string>

#include "cartero/core/error.hpp"

namespace cartero::webui {

struct ApiError {
  int status = 400;
  std::string code;     // "no_such_batch", or for the web layer's own refusals "forbidden", "not_found"…
  std::string message;  // Spanish, with its detail (ids, line numbers, column and file names)
  ErrorArgs args;       // the values the message was made from
};

// The answer to an error: HttpError keeps its status and message; another
// InputError gets its code's status and Spanish text from core's table.
ApiError api_error(const InputError& e);

// {"error": {"code", "message", "args": {…}}}
std::string error_json(const ApiError& e);

// The code of a web-layer refusal by its status (401 "not_logged_in", 403
// "forbidden", 404 "not_found", 413 "too_large", 415 "unsupported_file", 429 "throttled", …).
std::string code_of_status(int status);

// "max" -> "máximo de cartas (max)": how a request field is named in messages.
std::string field_label(const std::string& key);

}  // namespace cartero::webui
