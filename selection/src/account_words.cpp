#include "cartero/selection/account_words.hpp"

#include <exception>
#include <iostream>

#include "cartero/core/database.hpp"
#include "cartero/selection/accounts.hpp"

namespace cartero::selection {

AccountWordsWriter::AccountWordsWriter(std::string db_uri) : m_db_uri(std::move(db_uri)) {
  m_worker = std::thread([this] { work(); });
}

AccountWordsWriter::~AccountWordsWriter() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wanted_changed.notify_all();
  m_worker.join();
}

void AccountWordsWriter::accounts_changed() {
  {
    std::lock_guard lock(m_mutex);
    m_wanted = true;
  }
  m_wanted_changed.notify_all();
}

void AccountWordsWriter::words_missing() {
  {
    std::lock_guard lock(m_mutex);
    if (m_running) return;
    m_wanted = true;
  }
  m_wanted_changed.notify_all();
}

bool AccountWordsWriter::busy() const {
  std::lock_guard lock(m_mutex);
  return m_running || m_wanted;
}

void AccountWordsWriter::work() {
  bool first = true;  // at start: only when the words are missing
  for (;;) {
    try {
      auto db = Database::open(m_db_uri);
      if (!first || account_words_missing(*db)) write_account_words(*db);
    } catch (const std::exception& e) {
      // Searches go on without the words; the next import or search asks again.
      std::cerr << "account words not written: " << e.what() << "\n";
    }
    first = false;
    std::unique_lock lock(m_mutex);
    m_running = false;
    m_wanted_changed.notify_all();
    m_wanted_changed.wait(lock, [&] { return m_stopping || m_wanted; });
    if (m_stopping) return;
    m_wanted = false;
    m_running = true;
  }
}

}  // namespace cartero::selection
