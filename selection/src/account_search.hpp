// Private: what an account's folded search columns hold (migration 28),
// written by the import and, for rows written before, on the first search.
#pragma once

#include <string>
#include <string_view>

#include "cartero/core/text.hpp"

namespace cartero::selection::detail {

// The number without punctuation: "100.000.007" finds 100000007.
inline std::string account_search_key(std::string_view account_id) { return bare_search(account_id); }

// The number (folded and bare), the holder, the document (folded and bare),
// the address and the neighbourhood, folded.
inline std::string account_search_text(std::string_view account_id, std::string_view holder, std::string_view document,
                                       std::string_view address, std::string_view neighborhood) {
  std::string out = fold_search(account_id);
  for (const std::string& part : {bare_search(account_id), fold_search(holder), fold_search(document), bare_search(document),
                                  fold_search(address), fold_search(neighborhood)}) {
    if (part.empty()) continue;
    out += " | ";
    out += part;
  }
  return out;
}

}  // namespace cartero::selection::detail
