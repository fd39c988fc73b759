// The one error policy of Cartero.
//
// Per-item outcomes (a rejected CSV row, an excluded account, an unreadable
// page) are values, never exceptions. A failure that stops a whole command is
// thrown as one of the two kinds below; `app/` maps them to exit codes
// (InputError -> 1, InternalError -> 2) and `webui/` to HTTP (4xx / 500).
// Adapters catch library exceptions (Poco, OpenCV, ZXing, libharu) and rethrow
// one of these with a message a user can act on.
#pragma once

#include <stdexcept>
#include <string>

namespace cartero {

// Base of Cartero's errors. Don't throw or catch it directly.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input is wrong (a file, a flag, a request). The message says
// what and where, and what to do next.
class InputError : public Error {
 public:
  using Error::Error;
};

// The database stayed locked by another writer (a long import, a backup)
// past the busy timeout and the retries: nothing was written, and the same
// command can simply be run again. Exit 1, HTTP 503 "database is busy".
class BusyError : public InputError {
 public:
  using InputError::InputError;
};

// Something broke that the user could not have prevented (disk, database,
// a bug). Nothing was written.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace cartero
