// The web server's writer of the account word table (migration 32): in the
// background, so that no search waits for it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace cartero::selection {

// One rebuild at a time, on its own connection, one transaction each
// (write_account_words). At start, one when accounts exist without words.
class AccountWordsWriter {
 public:
  explicit AccountWordsWriter(std::string db_uri);
  // Waits for the rebuild running, if any.
  ~AccountWordsWriter();
  AccountWordsWriter(const AccountWordsWriter&) = delete;
  AccountWordsWriter& operator=(const AccountWordsWriter&) = delete;

  // The accounts changed (an import or its undo): a rebuild starts, or,
  // when one is running, another follows it.
  void accounts_changed();
  // A search found no words: a rebuild starts unless one is running or due.
  void words_missing();
  // A rebuild is running or due.
  bool busy() const;

 private:
  void work();

  std::string m_db_uri;
  mutable std::mutex m_mutex;
  std::condition_variable m_wanted_changed;
  bool m_wanted = false, m_running = true, m_stopping = false;
  std::thread m_worker;
};

}  // namespace cartero::selection
