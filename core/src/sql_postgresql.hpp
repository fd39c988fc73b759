// Private to core: the PostgreSQL side of sql.hpp (sql_postgresql.cpp),
// through libpq on the connection Poco opened. Errors throw InternalError
// with libpq's message on one line; a lost connection says so and that the
// transaction was rolled back.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/sql.hpp"

namespace cartero::sql::pg {

void exec(Database& db, std::string_view query, const std::vector<std::string>& params);
std::optional<std::string> scalar(Database& db, std::string_view query, const std::vector<std::string>& params);
void for_each_row(Database& db, std::string_view query, const std::vector<std::string>& params,
                  const std::function<void(const Row&)>& on_row);

// COPY table (columns) FROM STDIN in text format: begin, put any number of
// complete rows, then end (which reports the server's verdict) or abort
// (when abandoning it; never throws).
void copy_begin(Database& db, const std::string& table, const std::string& columns);
void copy_put(Database& db, const std::string& table, std::string_view data);
void copy_end(Database& db, const std::string& table);
void copy_abort(Database& db) noexcept;

}  // namespace cartero::sql::pg
