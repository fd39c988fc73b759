// SQL of the imports (this folder's store): the previous import kept for
// undo, the import log, the size of the snapshot in force. Private to
// selection/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/selection/import_log.hpp"

namespace cartero::selection::store {

std::int64_t count_rows(Database& db, std::string_view table);

// Inside the import's transaction, before the table is emptied: copies
// `table` whole into `table`_previous (with whatever columns it has now)
// and notes which import it was.
void keep_previous(Database& db, std::string_view table, std::string_view kind);

// Copies `table` whole into `table`_previous (replacing it), and swaps
// the two: for the tables an import writes beside its main one.
void copy_to_previous(Database& db, std::string_view table);
void swap_tables(Database& db, std::string_view table);

// The accounts import's repeated rows (accounts_repeated), replaced.
void replace_repeated_accounts(Database& db, const std::vector<RepeatedAccount>& rows);

struct PreviousImport {
  std::string file;
  std::int64_t rows = 0;
};
std::optional<PreviousImport> previous_import(Database& db, std::string_view kind);

// Swaps `table` and `table`_previous (one transaction, the caller's), so
// that undoing twice redoes. Returns the rows put back.
std::int64_t swap_with_previous(Database& db, std::string_view table, std::string_view kind);

// Writes the word table (migration 32) anew from the accounts' search text,
// inside the caller's transaction: after an import, its undo, and once for
// the accounts in force when the migration ran. In store_accounts.cpp.
void rebuild_account_words(Database& db);
// Empties the word table when the accounts change: the next account search
// writes it again (index_unindexed), so that an import of a million accounts
// does not pay for 12 million words (5x its CPU) before anyone searches.
void forget_account_words(Database& db);

}  // namespace cartero::selection::store
