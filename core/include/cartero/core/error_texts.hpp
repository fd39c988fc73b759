// The one table of what each error code means to people: its name (the
// API's "code"), its HTTP status and its Spanish text with {arg} holes.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cartero/core/error.hpp"

namespace cartero {

struct ErrorText {
  ErrorCode code;
  const char* name;     // "no_such_batch"
  int http_status;      // 400, 404 (no such thing), 409 (its state forbids it), 503 (no database)
  const char* spanish;  // "No existe el lote {batch}."
};

// Every code's entry, in the enum's order.
std::span<const ErrorText> error_texts();
const ErrorText& error_text(ErrorCode code);

// The Spanish message of an error: its code's text with the arguments filled in.
std::string spanish_message(const InputError& e);
std::string spanish_message(ErrorCode code, const ErrorArgs& args);

// The last part of a path ("/srv/uploads/cuentas.csv" -> "cuentas.csv"):
// what an argument naming a file keeps, so no server folder is shown.
std::string file_name_of(std::string_view path);

}  // namespace cartero
