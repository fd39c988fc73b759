#include "cartero/letters/generate.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
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
#include "manifest.hpp"
#include "cartero/letters/printed.hpp"
#include "cartero/selection/approval.hpp"
#include "cartero/selection/batch.hpp"
#include "numbering.hpp"
#include "mailable.hpp"
#include "pdf_writer.hpp"
#include "store_evidence.hpp"
#include "store_letters.hpp"

namespace fs = std::filesystem;

namespace cartero::letters {

namespace {

struct Part {
  int number = 0;  // from 1
  std::vector<LetterContent> letters;
};



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


// Renders parts handed over by the reading thread, on every core; each
// part is written under a temporary name, renamed when complete, and a copy
// archived by its content hash.
class PartPool {
 public:
  PartPool(const Sender& sender, const LetterTemplate& text, PdfOptions pdf, std::string dir, std::string archive,
           unsigned threads)
      : m_sender(sender), m_text(text), m_pdf(std::move(pdf)), m_dir(std::move(dir)), m_archive(std::move(archive)),
        m_queue(threads) {
    for (unsigned i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
  }
  ~PartPool() { finish_quietly(); }

  void add(Part part) {
    if (!m_queue.push(std::move(part))) rethrow();
  }
  // Waits for every part; rethrows the first failure.
  std::vector<PartRecord> finish() {
    finish_quietly();
    rethrow();
    std::sort(m_done.begin(), m_done.end(), [](const PartRecord& a, const PartRecord& b) { return a.file < b.file; });
    return m_done;
  }

 private:
  void work() {
    while (auto part = m_queue.pop()) {
      try {
        // The document's dates are the letters' date (a reprint keeps it).
        PdfOptions options = m_pdf;
        if (!part->letters.empty()) options.created_on = part->letters.front().issued_on;
        LetterPdf pdf(m_sender, m_text, options);
        PartRecord info;
        info.page_sha256s.reserve(part->letters.size() * 64);
        for (const auto& l : part->letters) info.page_sha256s += pdf.add(l);
        info.file = part_file(part->number);
        const std::string tmp = m_dir + "/" + info.file + ".tmp";
        pdf.save(tmp);
        info.letters = static_cast<std::int64_t>(part->letters.size());
        info.sha256 = sha256_file(tmp);
        info.stored_path = archive(tmp, info.sha256);
        fs::rename(tmp, m_dir + "/" + info.file);
        std::lock_guard lock(m_mutex);
        m_done.push_back(std::move(info));
      } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = std::current_exception();
        m_queue.abandon();
      }
    }
  }
  // The part as printed, kept by content hash (never overwritten).
  std::string archive(const std::string& file, const std::string& sha256) {
    const std::string stored = m_archive + "/" + sha256 + ".pdf";
    std::error_code ec;
    if (fs::exists(stored, ec) && sha256_file(stored) == sha256) return stored;
    fs::create_directories(m_archive, ec);
    const std::string tmp = stored + ".tmp" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
    fs::copy_file(file, tmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(tmp, stored, ec);
    if (ec) {
      fs::remove(tmp, ec);
      throw InternalError("cannot keep a copy of " + file + " in " + m_archive + ": is the disk full?");
    }
    return stored;
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
  PdfOptions m_pdf;
  std::string m_dir, m_archive;
  BoundedQueue<Part> m_queue;
  std::vector<std::thread> m_workers;
  std::mutex m_mutex;
  std::vector<PartRecord> m_done;
  std::exception_ptr m_error;
};


// Streams the letters in rank order into parts.
GenerateResult render(Database& db, const GenerateOptions& o, Date cutoff, PartPool& pool,
                      std::vector<PartRecord>& records) {
  GenerateResult result;
  result.batch_id = o.batch_id;
  Part part{1, {}};
  Progress progress("letters");
  const double total = static_cast<double>(std::max<std::int64_t>(1, count_letters(db, o.batch_id)));
  store::for_each_content(db, o.batch_id, cutoff, [&](LetterContent&& content) {
    part.letters.push_back(std::move(content));
    const auto& l = part.letters.back();
    if (result.letters++ == 0) result.first_letter = l.letter_id;
    result.last_letter = l.letter_id;
    if (static_cast<int>(part.letters.size()) == o.part_size) {
      const int next = part.number + 1;
      pool.add(std::exchange(part, Part{next, {}}));
      progress.update(result.letters / total, std::to_string(result.letters) + " letters");
    }
  });
  if (!part.letters.empty()) pool.add(std::move(part));
  auto parts = pool.finish();
  for (const auto& p : parts) result.parts.push_back({p.file, p.letters, p.sha256});
  records = std::move(parts);
  return result;
}

void write_layout(const std::string& dir) {
  const std::string tmp = dir + "/layout.json.tmp";
  {
    std::ofstream out(tmp);
    out << layout_json(letter_geometry()) << "\n";
    out.close();  // the bytes reach the disk here: a full disk shows now, not in the destructor
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw InternalError("cannot write " + tmp + ": is the disk full?");
    }
  }
  fs::rename(tmp, dir + "/layout.json");
}


void remove_outputs(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove(entry.path(), ec);
}

// The template and sender a run prints with. A batch printed before is
// printed again with the texts kept with it, so a reprint is the same
// letter even after the template file changed; a different --template or
// --sender for it is refused.
struct Texts {
  std::string template_text, template_source, sender_json;
  Sender sender;
};

Texts choose_texts(Database& db, const GenerateOptions& o, const BatchState& batch, const std::string& archive) {
  Texts t;
  if (o.template_path) {
    std::ifstream in(*o.template_path, std::ios::binary);
    if (!in) throw InputError("cannot read the letter template " + *o.template_path + "; check the path");
    std::stringstream text;
    text << in.rdbuf();
    t.template_text = text.str();
    t.template_source = *o.template_path;
  } else {
    t.template_text = k_default_template;
    t.template_source = "the default letter template";
  }
  t.sender = o.sender_path ? load_sender(*o.sender_path) : default_sender();
  t.sender_json = sender_to_json(t.sender);
  if (batch.template_sha256.empty()) return t;
  const auto kept_template = stored_text(db, batch.template_sha256);
  const auto kept_sender = stored_text(db, batch.sender_sha256);
  if (!kept_template || !kept_sender) return t;
  const std::string id = std::to_string(batch.id);
  if (o.template_path && sha256_text(t.template_text) != batch.template_sha256) {
    throw InputError(ErrorCode::batch_texts_changed, "batch " + id + " was printed with another letter template (SHA-256 " + batch.template_sha256 +
                     "); a reprint uses the text the letters were sent with: leave out --template", {{"batch", id}});
  }
  if (o.sender_path && sha256_text(t.sender_json) != batch.sender_sha256) {
    throw InputError(ErrorCode::batch_texts_changed, "batch " + id + " was printed with another sender block (SHA-256 " + batch.sender_sha256 +
                     "); a reprint uses the one the letters were sent with: leave out --sender", {{"batch", id}});
  }
  t.template_text = *kept_template;
  t.template_source = "the template batch " + id + " was printed with";
  t.sender_json = *kept_sender;
  t.sender = sender_from_json(t.sender_json, "the sender block batch " + id + " was printed with");
  if (const auto pos = t.sender_json.find("\"logo_sha256\":\""); pos != std::string::npos) {
    const std::string sha = t.sender_json.substr(pos + 15, 64);
    std::ifstream in(archive + "/logo-" + sha + ".png", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    t.sender.logo_png = bytes.str();
    if (sha256_text(t.sender.logo_png) != sha) {
      throw InputError("the logo batch " + id + " was printed with is missing from " + archive +
                       " (logo-" + sha + ".png); restore it from a backup to reprint");
    }
  }
  return t;
}

void check_approval(Database& db, std::int64_t batch_id, const Texts& texts) {
  const auto settings = selection::batch_settings(db, batch_id);
  if (!settings || !settings->require_approval) return;
  const std::string id = std::to_string(batch_id);
  const auto approval = selection::latest_approval(db, batch_id);
  if (!approval) {
    throw InputError(ErrorCode::batch_not_approved,
                     "batch " + id + " is not approved: an admin who did not select it reads its brief "
                     "(`cartero batch brief " + id + " --out brief.pdf`) and approves it (`cartero batch approve " + id +
                     " --user NAME`) before it is printed", {{"batch", id}});
  }
  const auto covers = selection::approval_covers(db, batch_id, sha256_text(texts.template_text), sha256_text(texts.sender_json));
  if (covers != approval->covers_sha256) {
    throw InputError(ErrorCode::approval_void,
                     "the approval of batch " + id + " by " + approval->approved_by + " on " + approval->approved_at +
                     " is void: the letter template or the sender block differ from the ones approved; approve it "
                     "again with the texts it will be printed with, or print with the approved ones",
                     {{"batch", id}, {"user", approval->approved_by}, {"date", approval->approved_at.substr(0, 10)}});
  }
}

}  // namespace

PrintTexts print_texts(Database& db, const GenerateOptions& o) {
  const BatchState batch = load_batch_state(db, o.batch_id);
  const Texts texts = choose_texts(db, o, batch, db.files_dir() + "/letters");
  return {sha256_text(texts.template_text), sha256_text(texts.sender_json)};
}

void write_batch_manifest(Database& db, std::int64_t batch_id, int part_size,
                          const std::map<std::string, std::string, std::less<>>& guias, const std::string& path) {
  if (part_size < 1) throw InputError("--part-size must be at least 1");
  write_manifest(db, batch_id, part_size, selection::current_settings(db).manifest_order, path, guias);
}

GenerateResult generate_letters(Database& db, const GenerateOptions& o) {
  if (o.part_size < 1) throw InputError("--part-size must be at least 1");
  const BatchState batch = load_batch_state(db, o.batch_id);
  check_mailable(db, batch, o.issued_on, "printed");
  const std::string archive = db.files_dir() + "/letters";
  const Texts texts = choose_texts(db, o, batch, archive);
  if (o.check_approval) check_approval(db, o.batch_id, texts);
  const auto text = LetterTemplate::parse(texts.template_text, texts.template_source);
  PdfOptions pdf;
  pdf.font_dir = o.font_dir.empty() ? k_default_font_dir : o.font_dir;
  pdf.icc_profile = o.icc_profile.empty() ? k_default_icc_profile : o.icc_profile;
  pdf.notice_days = o.notice_days;
  if (const auto state = selection::find_batch(db, o.batch_id)) pdf.second_notice = state->notice == 2;
  pdf.logo_png = texts.sender.logo_png;
  pdf.created_on = o.issued_on;
  { LetterPdf check(texts.sender, text, pdf); }  // a missing font or profile fails here, before anything is written
  RunLock lock(db, o.batch_id);
  prepare_out_dir(o.out_dir);
  const auto settings = selection::current_settings(db);  // municipalities, the manifest's order
  const bool numbered = number_letters(db, o.batch_id, o.issued_on, settings);
  try {
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<PartRecord> records;
    GenerateResult result;
    {
      PartPool pool(texts.sender, text, pdf, o.out_dir, archive, threads);
      result = render(db, o, batch.cutoff, pool, records);
    }
    write_manifest(db, o.batch_id, o.part_size, settings.manifest_order, o.out_dir + "/manifest.csv", o.guias);
    write_layout(o.out_dir);
    const std::string template_sha = sha256_text(texts.template_text), sender_sha = sha256_text(texts.sender_json);
    if (!texts.sender.logo_png.empty()) {
      const std::string logo = archive + "/logo-" + sha256_text(texts.sender.logo_png) + ".png";
      std::error_code ec;
      if (!fs::exists(logo, ec)) {
        std::ofstream out(logo + ".tmp", std::ios::binary);
        out << texts.sender.logo_png;
        out.close();
        if (!out) throw InternalError("cannot keep the logo in " + archive + ": is the disk full?");
        fs::rename(logo + ".tmp", logo);
      }
    }
    record_generation(db, o.batch_id, o.part_size, records, {template_sha, texts.template_text},
                      {sender_sha, texts.sender_json});
    result.numbered_now = numbered;
    return result;
  } catch (...) {
    remove_outputs(o.out_dir);
    throw;
  }
}

}  // namespace cartero::letters
