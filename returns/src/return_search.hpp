// Private: what a return's folded search columns hold (migration 28): its
// letter (folded and bare), the letter's account (folded and bare), holder
// and address; and the zone folded. Written at registration and when a
// correction changes the letter; rows written before are filled on their
// first search.
#pragma once

#include <string>

#include "cartero/core/text.hpp"
#include "cartero/letters/printed.hpp"

namespace cartero::returns::detail {

inline std::string return_search_text(const letters::LetterRecord& l) {
  std::string out = fold_search(l.letter_id);
  for (const std::string& part : {bare_search(l.letter_id), fold_search(l.account_id), bare_search(l.account_id),
                                  fold_search(l.holder_name), fold_search(l.address)}) {
    if (part.empty()) continue;
    out += " | ";
    out += part;
  }
  return out;
}

}  // namespace cartero::returns::detail
