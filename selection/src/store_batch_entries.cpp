// Store of the chunked tables batch_selected and batch_excluded (selection
// owns them): a batch's accounts as lines of 4,096 per row.
#include "store_batch_entries.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>

#include "cartero/core/error.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/selection/batch.hpp"
#include "stored_codes.hpp"

namespace cartero::selection {

namespace {

constexpr std::size_t k_chunk_lines = 4096;

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out.push_back(c);
    }
  }
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    const char c = text[++i];
    out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c);
  }
  return out;
}

// Calls fn with the unescaped fields of each line of a chunk.
template <class Fn>
void for_each_line(std::string_view entries, Fn fn) {
  std::vector<std::string> fields;
  while (!entries.empty()) {
    const auto nl = entries.find('\n');
    std::string_view line = entries.substr(0, nl);
    fields.clear();
    for (std::size_t tab; (tab = line.find('\t')) != std::string_view::npos; line.remove_prefix(tab + 1)) {
      fields.push_back(unescape(line.substr(0, tab)));
    }
    fields.push_back(unescape(line));
    fn(fields);
    if (nl == std::string_view::npos) break;
    entries.remove_prefix(nl + 1);
  }
}

std::int64_t to_int(const std::string& s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Writes lines to a chunked table, `k_chunk_lines` per row.
class ChunkWriter {
 public:
  ChunkWriter(Database& db, const char* table, const char* key_column, std::int64_t batch_id)
      : m_out(db, table, {"batch_id", "chunk", key_column, "accounts", "entries"}), m_batch(batch_id) {}
  // Starts a line; `key` is the chunk's first key when the line opens one.
  std::string& line(std::string_view key) {
    if (m_lines == 0) m_first_key = key;
    return m_entries;
  }
  void end_line() {
    m_entries.push_back('\n');
    if (++m_lines == k_chunk_lines) flush();
  }
  void finish() {
    flush();
    m_out.finish();
  }

 private:
  void flush() {
    if (m_lines == 0) return;
    m_out.add(m_batch).add(m_chunk++).add(m_first_key).add(static_cast<std::int64_t>(m_lines)).add(m_entries);
    m_out.end_row();
    m_entries.clear();
    m_lines = 0;
  }
  sql::BulkWriter m_out;
  std::int64_t m_batch;
  std::int64_t m_chunk = 0;
  std::size_t m_lines = 0;
  std::string m_first_key;
  std::string m_entries;
};

void require_batch(Database& db, std::int64_t batch_id) {
  if (!sql::scalar(db, "SELECT id FROM batches WHERE id = ?", {std::to_string(batch_id)})) {
    throw InputError(ErrorCode::no_such_batch, "there is no batch " + std::to_string(batch_id) + " (see the batch ids `cartero select` printed)",
                     {{"batch", std::to_string(batch_id)}});
  }
}

}  // namespace

void store_entries(Database& db, std::int64_t batch_id, const std::vector<Candidate>& cs, const Outcome& out) {
  ChunkWriter selected(db, "batch_selected", "first_rank", batch_id);
  for (std::size_t rank = 0; rank < out.selected.size(); ++rank) {
    const auto& c = cs[out.selected[rank]];
    std::string& line = selected.line(std::to_string(rank + 1));
    append_escaped(line, c.account_id);
    line.push_back('\t');
    append_escaped(line, c.holder_name);
    ((line += '\t') += code(c.use_type)) += '\t';
    ((line += code(c.billing_type)) += '\t') += std::to_string(c.balance);
    (line += '\t') += std::to_string(c.days_past_due);
    selected.end_line();
  }
  selected.finish();
  ChunkWriter excluded(db, "batch_excluded", "first_account", batch_id);
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (out.reasons[i].empty()) continue;
    std::string& line = excluded.line(cs[i].account_id);
    append_escaped(line, cs[i].account_id);
    (line += '\t') += std::to_string(out.reasons[i].bits());
    excluded.end_line();
  }
  excluded.finish();
}

void for_each_selected(Database& db, std::int64_t batch_id, const std::function<void(const SelectedEntry&)>& fn) {
  require_batch(db, batch_id);
  std::int64_t rank = 0;
  sql::for_each_row(db, "SELECT entries FROM batch_selected WHERE batch_id = ? ORDER BY chunk", {std::to_string(batch_id)},
                    [&](const sql::Row& r) {
                      for_each_line(r.text(0), [&](const std::vector<std::string>& f) {
                        SelectedEntry e;
                        e.rank = ++rank;
                        e.account_id = f.at(0);
                        e.holder_name = f.at(1);
                        e.use_type = stored_use_type(f.at(2));
                        e.billing_type = stored_billing_type(f.at(3));
                        e.balance = to_int(f.at(4));
                        e.days_past_due = static_cast<int>(to_int(f.at(5)));
                        fn(e);
                      });
                    });
}

void for_each_selected(Database& db, std::int64_t batch_id, std::int64_t first_rank, std::int64_t count,
                       const std::function<void(const SelectedEntry&)>& fn) {
  require_batch(db, batch_id);
  const std::int64_t end = first_rank + count;
  // Only the stored chunks that hold a rank of the window.
  sql::for_each_row(db,
                    "SELECT first_rank, entries FROM batch_selected WHERE batch_id = ? AND first_rank < CAST(? AS INTEGER) "
                    "AND first_rank + accounts > CAST(? AS INTEGER) ORDER BY chunk",
                    {std::to_string(batch_id), std::to_string(end), std::to_string(first_rank)}, [&](const sql::Row& r) {
                      std::int64_t rank = r.int64(0) - 1;
                      for_each_line(r.text(1), [&](const std::vector<std::string>& f) {
                        if (++rank < first_rank || rank >= end) return;
                        SelectedEntry e;
                        e.rank = rank;
                        e.account_id = f.at(0);
                        e.holder_name = f.at(1);
                        e.use_type = stored_use_type(f.at(2));
                        e.billing_type = stored_billing_type(f.at(3));
                        e.balance = to_int(f.at(4));
                        e.days_past_due = static_cast<int>(to_int(f.at(5)));
                        fn(e);
                      });
                    });
}

void for_each_excluded(Database& db, std::int64_t batch_id,
                       const std::function<void(std::string_view, Reasons)>& fn) {
  require_batch(db, batch_id);
  sql::for_each_row(db, "SELECT entries FROM batch_excluded WHERE batch_id = ? ORDER BY chunk", {std::to_string(batch_id)},
                    [&](const sql::Row& r) {
                      for_each_line(r.text(0), [&](const std::vector<std::string>& f) {
                        fn(f.at(0), Reasons::from_bits(static_cast<std::uint64_t>(to_int(f.at(1)))));
                      });
                    });
}

std::optional<Reasons> excluded_reasons(Database& db, std::int64_t batch_id, const std::string& account_id) {
  // The chunk is chosen in C++ (byte order, as the chunks were cut), not in
  // SQL, whose text collation may differ between engines.
  std::optional<std::int64_t> chunk;
  sql::for_each_row(db, "SELECT chunk, first_account FROM batch_excluded WHERE batch_id = ? ORDER BY chunk",
                    {std::to_string(batch_id)}, [&](const sql::Row& r) {
                      if (r.text(1) <= account_id) chunk = r.int64(0);
                    });
  if (!chunk) return std::nullopt;
  std::optional<Reasons> found;
  sql::for_each_row(db, "SELECT entries FROM batch_excluded WHERE batch_id = ? AND chunk = ?",
                    {std::to_string(batch_id), std::to_string(*chunk)}, [&](const sql::Row& r) {
                      for_each_line(r.text(0), [&](const std::vector<std::string>& f) {
                        if (f.at(0) == account_id) found = Reasons::from_bits(static_cast<std::uint64_t>(to_int(f.at(1))));
                      });
                    });
  return found;
}

std::optional<std::int64_t> selected_rank(Database& db, std::int64_t batch_id, const std::string& account_id) {
  // Found as text, without splitting every line: the account's escaped id
  // at the start of a line, followed by a tab.
  std::string needle;
  append_escaped(needle, account_id);
  needle.push_back('\t');
  std::optional<std::int64_t> rank;
  std::int64_t first = 1;
  sql::for_each_row(db, "SELECT accounts, entries FROM batch_selected WHERE batch_id = ? ORDER BY chunk", {std::to_string(batch_id)},
                    [&](const sql::Row& r) {
                      const std::string_view entries = r.text(1);
                      if (!rank) {
                        auto at = entries.substr(0, needle.size()) == needle ? 0 : entries.find("\n" + needle);
                        if (at != std::string_view::npos) {
                          if (at > 0) ++at;
                          rank = first + std::count(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(at), '\n');
                        }
                      }
                      first += r.int64(0);
                    });
  return rank;
}

}  // namespace cartero::selection
