// Account search on a large portfolio: selection::find_accounts (the word
// table of migration 32: each typed word a prefix range of its index)
// against its peer, a LIKE scan of the folded search text with the same
// meaning (every word starts a word of the text, in any order), on the same
// database in one run. Queries are made from accounts of the portfolio as
// people type them: the holder's words in the other order, the first three
// letters of each, the document with dots, words of the address, the
// number with dots. Prints a table; checks both find the same count.
// Usage: cartero-bench-search DB [ROUNDS] [ACCOUNTS SAMPLED]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cartero/core/database.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/core/text.hpp"
#include "cartero/selection/accounts.hpp"

using namespace cartero;
using Clock = std::chrono::steady_clock;

namespace {

struct Query {
  std::string kind, text;
};

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// "100000007" -> "100.000.007"
std::string dotted(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

std::vector<Query> queries_from(Database& db, int count) {
  std::vector<Query> out;
  const auto total = std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM accounts").value_or("0"));
  for (int i = 0; i < count; ++i) {
    const auto at = std::to_string((total / count) * i + 17);
    sql::for_each_row(db, "SELECT account_id, holder_name, document_id, address FROM accounts LIMIT 1 OFFSET " + at, {},
                      [&](const sql::Row& r) {
                        const auto holder = search_words(fold_search(r.text(1)));
                        const auto address = search_words(fold_search(r.text(3)));
                        if (holder.size() >= 2) {
                          out.push_back({"holder, words reversed", holder[1] + " " + holder[0]});
                          out.push_back({"holder, 3 letters each", holder[1].substr(0, 3) + " " + holder[0].substr(0, 3)});
                        }
                        if (!r.text(2).empty()) out.push_back({"document with dots", dotted(bare_search(r.text(2)))});
                        if (address.size() >= 3) out.push_back({"address words", address[0] + " " + address[1] + " " + address[2]});
                        out.push_back({"number with dots", dotted(std::string(r.text(0)))});
                      });
  }
  return out;
}

// The peer: the same meaning by a scan of the search text (the count, then
// the first page of 20 by account number).
std::int64_t like_scan(Database& db, const std::string& text) {
  const auto words = search_words(fold_search(text));
  const auto bare = bare_search(text);
  std::string where = " WHERE a.search_key = ? OR (' ' || a.search_text) LIKE ? ESCAPE '\\' OR (1 = 1";
  std::vector<std::string> params = {bare, "% " + like_contains(bare).substr(1)};
  for (const auto& w : words) {
    where += " AND (' ' || a.search_text) LIKE ? ESCAPE '\\'";
    params.push_back("% " + like_contains(w).substr(1));
  }
  where += ")";
  const auto total = std::stoll(sql::scalar(db, "SELECT COUNT(*) FROM accounts a" + where, params).value_or("0"));
  std::int64_t rows = 0;
  sql::for_each_row(db, "SELECT a.account_id, a.holder_name FROM accounts a" + where + " ORDER BY a.account_id LIMIT 20", params,
                    [&](const sql::Row&) { ++rows; });
  return total;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: cartero-bench-search DB [ROUNDS]\n");
    return 2;
  }
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  auto db = Database::open(argv[1]);
  // The words of the accounts in force, written once (as on the first
  // search after migration 32; an import writes them itself).
  auto t = Clock::now();
  selection::find_accounts(*db, "x", 1);
  std::printf("first search (words written if missing): %.0f ms\n", ms_since(t));
  const auto queries = queries_from(*db, argc > 3 ? std::atoi(argv[3]) : 20);
  std::map<std::string, std::vector<double>> words_ms, scan_ms;
  int differ = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& q : queries) {
      t = Clock::now();
      const auto found = selection::find_accounts(*db, q.text, 20);
      words_ms[q.kind].push_back(ms_since(t));
      t = Clock::now();
      const auto peer = like_scan(*db, q.text);
      scan_ms[q.kind].push_back(ms_since(t));
      if (round == 0 && peer != found.total) {
        ++differ;
        std::fprintf(stderr, "differ: '%s' words %lld, scan %lld\n", q.text.c_str(), static_cast<long long>(found.total),
                     static_cast<long long>(peer));
      }
    }
  }
  std::printf("| query (%zu of them, %d rounds) | word table, median ms | LIKE scan, median ms | speed-up |\n|---|---|---|---|\n",
              queries.size(), rounds);
  std::vector<double> all_words, all_scan;
  for (const auto& [kind, v] : words_ms) {
    const double w = median(v), s = median(scan_ms[kind]);
    all_words.insert(all_words.end(), v.begin(), v.end());
    all_scan.insert(all_scan.end(), scan_ms[kind].begin(), scan_ms[kind].end());
    std::printf("| %s | %.1f | %.0f | %.0fx |\n", kind.c_str(), w, s, s / std::max(w, 0.01));
  }
  std::printf("| all | %.1f (max %.1f) | %.0f (max %.0f) | %.0fx |\n", median(all_words),
              *std::max_element(all_words.begin(), all_words.end()), median(all_scan),
              *std::max_element(all_scan.begin(), all_scan.end()), median(all_scan) / std::max(median(all_words), 0.01));
  std::printf("same counts: %s\n", differ == 0 ? "yes" : "NO");
  // The web server's search while it writes the words in the background
  // (after an import): the same page, read without the word table.
  std::map<std::string, selection::AccountMatches> found_with;
  for (const auto& q : queries) found_with[q.text] = selection::find_accounts(*db, q.text, 20);
  std::vector<double> without_ms;
  int pages_differ = 0;
  sql::Transaction no_words(*db);  // rolled back: the words stay
  sql::exec(*db, "DELETE FROM account_words");
  for (const auto& q : queries) {
    const auto with = found_with[q.text];
    t = Clock::now();
    const auto without = selection::find_accounts(*db, q.text, 20, 0, {}, selection::MissingWords::read_without);
    without_ms.push_back(ms_since(t));
    bool same = with.total == without.total && with.accounts.size() == without.accounts.size();
    for (std::size_t i = 0; same && i < with.accounts.size(); ++i) same = with.accounts[i].account_id == without.accounts[i].account_id;
    if (!same) ++pages_differ;
  }
  std::printf("without the word table (web search while the words are written): median %.0f ms, max %.0f ms; same pages: %s\n",
              median(without_ms), *std::max_element(without_ms.begin(), without_ms.end()), pages_differ == 0 ? "yes" : "NO");
  return differ == 0 && pages_differ == 0 ? 0 : 1;
}
