// Private: the one place where the libraries' InputErrors (English, for the
// command line) become the API's Spanish messages, and where JSON field
// names get their Spanish labels. Thread-safe (read-only tables).
#pragma once

#include <string>

namespace cartero::webui {

struct SpanishError {
  int status;           // 400, 404 (no such thing), 409 (its state forbids it), 503 (no database)
  std::string message;  // keeps the detail: ids, line numbers, column names, file names
};

// Translates by the message's stable beginning; a message no entry knows
// gets 400 and a generic Spanish sentence that still carries the detail.
// File paths in messages are reduced to the file's name (no server folders).
SpanishError spanish_error(const std::string& english);

// Why an imported row was rejected (import.cpp's reasons, English for the
// command line), in Spanish for the portfolio page; the value stays quoted
// as it came. A reason no entry knows is returned as it is.
std::string spanish_row_reason(const std::string& english);

// "max" -> "máximo de cartas (max)": how a request field is named in messages.
std::string field_label(const std::string& key);

}  // namespace cartero::webui
