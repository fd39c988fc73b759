#include "cartero/returns/scan_intake.hpp"

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "cartero/core/bounded_queue.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/scanning/letter_reader.hpp"
#include "store.hpp"

namespace fs = std::filesystem;

namespace cartero::returns {

namespace {

struct Job {
  std::size_t seq;
  std::string file;
  int page;
  scanning::LoadedPage loaded;
  // A one-page file (a JPEG or PNG) is decoded by the worker that reads it,
  // so decoding runs on every core, not only on the thread handing out pages.
  std::unique_ptr<scanning::PageReader> reader = nullptr;
};

struct Done {
  std::string file;
  int page;
  std::string load_error;
  scanning::LetterReading reading;
};

// Keeps the scanned file by content hash (never overwritten) and returns
// the hash; "" when it cannot be read.
std::string keep_file(Database& db, const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return "";
  const std::string sha = sha256_file(path);
  const fs::path stored = fs::path(db.files_dir()) / "scans" / (sha + fs::path(path).extension().string());
  fs::create_directories(stored.parent_path(), ec);
  if (!fs::exists(stored, ec)) {
    fs::copy_file(path, stored.string() + ".tmp", fs::copy_options::overwrite_existing, ec);
    fs::rename(stored.string() + ".tmp", stored, ec);
  }
  store::keep_scan_file(db, sha, fs::path(path).filename().string(), stored.string(),
                        static_cast<std::int64_t>(fs::file_size(path, ec)));
  return sha;
}

std::optional<std::string> cause_code(const scanning::LetterReading& r) {
  if (!r.cause) return std::nullopt;
  return std::string(cause_info(*r.cause).code);
}

// A JPEG or PNG: one page that any thread may decode (poppler's PDFs and
// libtiff's multi-page files are read in order on the thread that opens them).
bool is_photo(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

// Reads pages on worker threads; results come back in submission order.
class ReadPool {
 public:
  explicit ReadPool(unsigned threads) : m_jobs(threads * 2) {
    for (unsigned i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
  }
  ~ReadPool() {
    m_jobs.close();
    for (auto& w : m_workers) w.join();
  }
  void submit(Job job) { m_jobs.push(std::move(job)); }
  // The result of job `seq`, waiting for it.
  Done take(std::size_t seq) {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_done.count(seq) > 0; });
    Done d = std::move(m_done[seq]);
    m_done.erase(seq);
    return d;
  }

 private:
  void work() {
    while (auto job = m_jobs.pop()) {
      if (job->reader) job->loaded = job->reader->read(job->page);
      Done d{job->file, job->page, job->loaded.error, {}};
      if (job->loaded.image) d.reading = scanning::read_letter(*job->loaded.image);
      std::lock_guard lock(m_mutex);
      m_done.emplace(job->seq, std::move(d));
      m_ready.notify_all();
    }
  }
  BoundedQueue<Job> m_jobs;
  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::map<std::size_t, Done> m_done;
};

ScanLine line_for(const Done& d) {
  ScanLine l{d.file, d.page, "unreadable", d.reading.letter_id, d.reading.barcode, cause_code(d.reading), std::nullopt, std::nullopt, "", PageNote::none, ""};
  if (d.reading.cause) l.cause_confidence = d.reading.cause_confidence, l.cause_read_as = d.reading.cause_read_as;
  l.note = d.load_error.empty() ? d.reading.note : d.load_error;
  l.note_code = d.load_error.empty() ? d.reading.note_code : PageNote::file_unreadable;
  if (!d.load_error.empty()) return l;
  l.status = d.reading.status == scanning::Reading::complete ? "recorded"
             : d.reading.status == scanning::Reading::review ? "review"
                                                              : "unreadable";
  return l;
}

// A review note about the mark only (the letter itself is known).
bool is_mark_note(PageNote n) {
  return n == PageNote::no_mark || n == PageNote::two_causes || n == PageNote::unclear_mark ||
         n == PageNote::marks_everywhere || n == PageNote::panel_missing;
}

// Decides against the register and writes the page, in one transaction.
void record(Database& db, const Done& d, const std::string& file_sha, const ScanOptions& o, ScanLine& l) {
  if (l.status == "recorded" || l.status == "review") {
    const auto state = l.letter_id ? letter_state(db, *l.letter_id) : LetterState::unknown;
    if (state != LetterState::dispatched) {
      l.status = "review";
      l.note = state == LetterState::unknown ? "letter " + *l.letter_id + " is not a letter Cartero printed"
                                             : "letter " + *l.letter_id + " belongs to a batch never dispatched";
      l.note_code = state == LetterState::unknown ? PageNote::not_our_letter : PageNote::not_dispatched;
    }
  }
  if (o.dry_run) return;
  sql::Transaction tx(db);
  // The same page of the same file scanned again while it waits for a
  // person: one entry in the queue, not two.
  if (l.status == "review" && store::page_waits_for_review(db, file_sha, l.page)) return;
  const std::int64_t page_id =
      store::insert_page(db, {file_sha, l.page, o.user, l.status, l.letter_id.value_or(""), l.barcode.value_or(""),
                              l.cause.value_or(""), l.note, l.cause_confidence.value_or(0),
                              std::string(page_note_info(l.note_code).code)});
  const auto attached_note = [](std::int64_t return_id) {
    return "the scanned image is attached to return " + std::to_string(return_id) +
           ", registered from the courier's file without one";
  };
  if (l.status == "recorded") {
    NewReturn nr{*l.letter_id, *d.reading.cause, "", Date::today(), o.user, "scan", page_id, d.reading.cause_confidence};
    const auto reg = register_within(db, nr, o.routing);
    l.return_id = reg.return_id;
    if (reg.duplicate) {
      l.status = "duplicate";
      if (store::attach_scan_page(db, reg.return_id, page_id)) {
        l.note = attached_note(reg.return_id);
        const auto registered = store::cause_of_return(db, reg.return_id);
        if (registered && l.cause && *registered != *l.cause) {
          l.note += "; its mark reads " + *l.cause + " where the register says " + *registered;
        }
      }
    }
    store::set_page_outcome(db, page_id, l.status, reg.return_id);
  } else if (l.status == "review" && l.letter_id && is_mark_note(l.note_code)) {
    // The letter is read but not its mark, and its return is already in the
    // register from the courier's spreadsheet: the image completes that
    // return rather than waiting for a person.
    const auto existing = store::return_of_letter(db, *l.letter_id);
    if (existing && store::attach_scan_page(db, *existing, page_id)) {
      l.status = "duplicate";
      l.return_id = *existing;
      l.note = attached_note(*existing);
      l.note_code = PageNote::none;
      store::set_page_outcome(db, page_id, l.status, *existing);
    }
  }
  if (d.reading.observation_crop) {
    const fs::path dir = fs::path(db.files_dir()) / "crops";
    std::error_code ec;
    fs::create_directories(dir, ec);
    const std::string png = (dir / (std::to_string(page_id) + "-observation.png")).string();
    if (scanning::write_png(*d.reading.observation_crop, png)) store::set_observation_crop(db, page_id, png);
  }
  if (l.status == "review" && d.reading.code_crop && d.reading.panel_crop) {
    const fs::path dir = fs::path(db.files_dir()) / "crops";
    std::error_code ec;
    fs::create_directories(dir, ec);
    const std::string code = (dir / (std::to_string(page_id) + "-code.png")).string();
    const std::string panel = (dir / (std::to_string(page_id) + "-panel.png")).string();
    if (scanning::write_png(*d.reading.code_crop, code) && scanning::write_png(*d.reading.panel_crop, panel)) {
      store::set_page_crops(db, page_id, code, panel);
    }
  }
  tx.commit();
}

}  // namespace

std::string ScanLine::to_json() const {
  JsonWriter j;
  j.begin_object().key("file").value(file).key("page").value(page).key("status").value(status);
  j.key("letter_id").value(letter_id).key("barcode").value(barcode).key("cause").value(cause);
  j.key("cause_confidence").value(cause_confidence).key("return_id").value(return_id);
  if (!note.empty()) j.key("note").value(note);
  if (note_code != PageNote::none) j.key("note_code").value(page_note_info(note_code).code);
  if (!cause_read_as.empty()) j.key("cause_read_as").value(cause_read_as);
  j.end_object();
  return j.str();
}

void scan_files(Database& db, const std::vector<std::string>& files, const ScanOptions& o,
                const std::function<void(const ScanLine&)>& on_line) {
  const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  ReadPool pool(threads);
  std::size_t submitted = 0, reported = 0;
  std::map<std::size_t, std::string> sha_of;  // job -> its file's hash
  const auto report = [&](std::size_t upto) {
    for (; reported < upto; ++reported) {
      const Done d = pool.take(reported);
      ScanLine l = line_for(d);
      record(db, d, sha_of[reported], o, l);
      sha_of.erase(reported);
      on_line(l);
    }
  };
  for (const auto& file : files) {
    const std::string sha = o.dry_run ? "" : keep_file(db, file);
    auto reader = scanning::PageReader::open(file, 200);
    if (o.on_file) o.on_file(file, reader->page_count());  // counted as it is opened, for progress
    if (reader->page_count() == 1 && is_photo(file)) {
      sha_of[submitted] = sha;
      pool.submit({submitted++, file, 1, {}, std::move(reader)});
      if (submitted - reported > threads * 2) report(submitted - threads * 2);
      continue;
    }
    for (int n = 1; n <= reader->page_count(); ++n) {
      sha_of[submitted] = sha;
      pool.submit({submitted++, file, n, reader->read(n)});
      if (submitted - reported > threads * 2) report(submitted - threads * 2);
    }
  }
  report(submitted);
}

std::vector<ReviewItem> review_queue(Database& db) { return store::pages_in_review(db); }

std::int64_t confirm_review(Database& db, std::int64_t page_id, const std::string& letter_id, ReturnCause cause,
                            const std::string& user, const Routing& routing, const std::string& observation) {
  if (letter_state(db, letter_id) != LetterState::dispatched) {
    throw InputError(ErrorCode::not_a_dispatched_letter, "letter " + letter_id + " is not a dispatched letter of Cartero", {{"letter", letter_id}});
  }
  sql::Transaction tx(db);
  const auto status = store::page_status(db, page_id);
  if (!status) throw InputError(ErrorCode::no_such_page, "there is no scanned page " + std::to_string(page_id), {{"page", std::to_string(page_id)}});
  if (*status != "review") {
    throw InputError(ErrorCode::page_not_in_review, "scanned page " + std::to_string(page_id) + " is not waiting for review (" + *status + ")",
                     {{"page", std::to_string(page_id)}, {"status", *status}});
  }
  const NewReturn r{letter_id, cause, observation, Date::today(), user, "scan_review", page_id, std::nullopt};
  const auto reg = register_within(db, r, routing);
  // Other pages of the same letter waiting in the queue are settled by this one.
  store::confirm_page(db, page_id, reg.duplicate ? "duplicate" : "recorded", letter_id, std::string(cause_info(cause).code),
                      reg.return_id);
  tx.commit();
  return reg.return_id;
}

std::int64_t undo_review(Database& db, std::int64_t page_id, const std::string& user) {
  const std::string page = std::to_string(page_id);
  sql::Transaction tx(db);
  const auto status = store::page_status(db, page_id);
  if (!status) throw InputError(ErrorCode::no_such_page, "there is no scanned page " + page, {{"page", page}});
  const auto return_id = store::page_return(db, page_id);
  if (*status != "recorded" || !return_id) {
    throw InputError(ErrorCode::page_not_confirmed, "scanned page " + page + " was not confirmed in review (" + *status + ")",
                     {{"page", page}, {"status", *status}});
  }
  void_return(db, *return_id, "Confirmación de la revisión deshecha", user);
  store::page_back_to_review(db, page_id);
  tx.commit();
  return *return_id;
}

}  // namespace cartero::returns
