#include "cartero/letters/generate.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <utility>

#include "cartero/core/bounded_queue.hpp"
#include "cartero/core/digest.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/date.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/progress.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/geometry.hpp"
#include "defaults.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/batch.hpp"
#include "numbering.hpp"
#include "pdf_writer.hpp"
#include "store_letters.hpp"

namespace fs = std::filesystem;

namespace cartero::letters {

namespace {

struct Part {
  int number = 0;  // from 1
  std::vector<LetterContent> letters;
};

std::string part_file(int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "letters-%03d.pdf", number);
  return buf;
}


void prepare_out_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw InputError(dir + " exists and is not a folder; choose another --out");
    if (!fs::is_empty(dir, ec)) {
      throw InputError("the output folder " + dir + " already has files; choose a new or empty folder for --out");
    }
  }
  fs::create_directories(dir, ec);
  if (ec) throw InputError("cannot create the output folder " + dir + " (" + ec.message() + ")");
}

selection::BatchState find_batch(Database& db, std::int64_t batch_id) {
  auto batch = selection::find_batch(db, batch_id);
  if (!batch) throw InputError(ErrorCode::no_such_batch, "there is no batch " + std::to_string(batch_id) + " (see the ids `cartero select` printed)",
                              {{"batch", std::to_string(batch_id)}});
  return *batch;
}

// Renders parts handed over by the reading thread, on every core.
class PartPool {
 public:
  PartPool(const Sender& sender, const LetterTemplate& text, std::string font_dir, std::string dir, unsigned threads)
      : m_sender(sender), m_text(text), m_font_dir(std::move(font_dir)), m_dir(std::move(dir)), m_queue(threads) {
    for (unsigned i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
  }
  ~PartPool() { finish_quietly(); }

  void add(Part part) {
    if (!m_queue.push(std::move(part))) rethrow();
  }
  // Waits for every part; rethrows the first failure.
  std::vector<PartInfo> finish() {
    finish_quietly();
    rethrow();
    std::sort(m_done.begin(), m_done.end(), [](const PartInfo& a, const PartInfo& b) { return a.file < b.file; });
    return m_done;
  }

 private:
  void work() {
    while (auto part = m_queue.pop()) {
      try {
        LetterPdf pdf(m_sender, m_text, m_font_dir);
        for (const auto& l : part->letters) pdf.add(l);
        const std::string file = part_file(part->number), tmp = m_dir + "/" + file + ".tmp";
        pdf.save(tmp);
        PartInfo info{file, static_cast<std::int64_t>(part->letters.size()), sha256_file(tmp)};
        fs::rename(tmp, m_dir + "/" + file);
        std::lock_guard lock(m_mutex);
        m_done.push_back(std::move(info));
      } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = std::current_exception();
        m_queue.abandon();
      }
    }
  }
  void finish_quietly() {
    m_queue.close();
    for (auto& w : m_workers) {
      if (w.joinable()) w.join();
    }
  }
  void rethrow() {
    std::lock_guard lock(m_mutex);
    if (m_error) std::rethrow_exception(m_error);
  }

  const Sender& m_sender;
  const LetterTemplate& m_text;
  std::string m_font_dir, m_dir;
  BoundedQueue<Part> m_queue;
  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::vector<PartInfo> m_done;
  std::exception_ptr m_error;
};

void write_manifest_row(CsvWriter& m, const LetterContent& l, int part, int page) {
  const std::string balance = std::to_string(l.balance), file = part_file(part), p = std::to_string(page);
  m.row({l.letter_id, l.payload, l.account_id, l.holder_name, l.address, l.neighborhood, l.city, l.zone, balance, file, p});
}

// Streams the letters in rank order into parts and the manifest.
GenerateResult render(Database& db, const GenerateOptions& o, Date cutoff, PartPool& pool) {
  GenerateResult result;
  result.batch_id = o.batch_id;
  CsvWriter manifest(o.out_dir + "/manifest.csv");
  manifest.row({"letter_id", "barcode", "account_id", "holder_name", "address", "neighborhood", "city", "zone",
                "balance", "file", "page"});
  Part part{1, {}};
  Progress progress("letters");
  const double total = static_cast<double>(std::max<std::int64_t>(1, count_letters(db, o.batch_id)));
  store::for_each_content(db, o.batch_id, cutoff, [&](LetterContent&& content) {
    part.letters.push_back(std::move(content));
    const auto& l = part.letters.back();
    write_manifest_row(manifest, l, part.number, static_cast<int>(part.letters.size()));
    if (result.letters++ == 0) result.first_letter = l.letter_id;
    result.last_letter = l.letter_id;
    if (static_cast<int>(part.letters.size()) == o.part_size) {
      const int next = part.number + 1;
      pool.add(std::exchange(part, Part{next, {}}));
      progress.update(result.letters / total, std::to_string(result.letters) + " letters");
    }
  });
  if (!part.letters.empty()) pool.add(std::move(part));
  result.parts = pool.finish();
  manifest.close();
  return result;
}

void write_layout(const std::string& dir) {
  const std::string tmp = dir + "/layout.json.tmp";
  {
    std::ofstream out(tmp);
    out << layout_json(letter_geometry()) << "\n";
    if (!out) throw InternalError("cannot write " + tmp + ": is the disk full?");
  }
  fs::rename(tmp, dir + "/layout.json");
}


void record_parts(Database& db, const GenerateOptions& o, const std::vector<PartInfo>& parts) {
  sql::Transaction tx(db);
  store::record_parts(db, o.batch_id, o.part_size, parts);
  selection::mark_generated(db, o.batch_id, o.part_size);
  tx.commit();
}

void remove_outputs(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove(entry.path(), ec);
}

}  // namespace

GenerateResult generate_letters(Database& db, const GenerateOptions& o) {
  if (o.part_size < 1) throw InputError("--part-size must be at least 1");
  const auto text = o.template_path ? LetterTemplate::load(*o.template_path)
                                    : LetterTemplate::parse(k_default_template, "the default letter template");
  const Sender sender = o.sender_path ? load_sender(*o.sender_path) : default_sender();
  const std::string font_dir = o.font_dir.empty() ? k_default_font_dir : o.font_dir;
  LetterPdf check_fonts(sender, text, font_dir);  // a missing font fails here, before anything is written
  const auto batch = find_batch(db, o.batch_id);
  prepare_out_dir(o.out_dir);
  const bool numbered = number_letters(db, o.batch_id, o.issued_on);
  try {
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    PartPool pool(sender, text, font_dir, o.out_dir, threads);
    GenerateResult result = render(db, o, batch.cutoff, pool);
    write_layout(o.out_dir);
    record_parts(db, o, result.parts);
    result.numbered_now = numbered;
    return result;
  } catch (...) {
    remove_outputs(o.out_dir);
    throw;
  }
}

}  // namespace cartero::letters
