#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cartero/access/audit.hpp"
#include "cartero/core/csv.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/letters/geometry.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/proof/admissions.hpp"
#include "cartero/proof/notice_clock.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

std::int64_t batch_id(Args& args) {
  const auto id = args.integer("--batch");
  if (!id) throw InputError(args.command() + ": --batch ID is required (the id `cartero select` printed)");
  return *id;
}

Date date_option(Args& args, const std::string& name) {
  const auto text = args.option(name);
  if (!text) return Date::today();
  const auto d = Date::parse_iso(*text);
  if (!d) throw InputError(args.command() + ": " + name + " '" + *text + "' is not a date (YYYY-MM-DD)");
  return *d;
}

}  // namespace

int run_letters(const Context& ctx, Args& args) {
  letters::GenerateOptions o;
  o.batch_id = batch_id(args);
  o.out_dir = args.required("--out");
  if (const auto n = args.integer("--part-size")) o.part_size = static_cast<int>(*n);
  o.template_path = args.option("--template");
  o.sender_path = args.option("--sender");
  if (const auto fonts = args.option("--font-dir")) o.font_dir = *fonts;
  o.issued_on = date_option(args, "--date");
  o.check_approval = true;  // the batch's require_approval decides
  args.finish();
  auto db = Database::open(ctx.db_uri);
  o.notice_days = proof::current_bureau_settings(*db).notice_days;  // the letter's {{report_from}}
  o.guias = proof::guias_of_batch(*db, o.batch_id);                 // manifest.csv's guía column
  const auto r = letters::generate_letters(*db, o);
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch_id).key("letters").value(r.letters);
  j.key("first_letter").value(r.first_letter).key("last_letter").value(r.last_letter);
  j.key("numbered_now").value(r.numbered_now).key("out").value(o.out_dir).key("parts").begin_array();
  for (const auto& p : r.parts) {
    j.begin_object().key("file").value(p.file).key("letters").value(p.letters).key("sha256").value(p.sha256).end_object();
  }
  j.end_array().key("manifest").value("manifest.csv").key("layout").value("layout.json").end_object();
  std::printf("%s\n", j.str().c_str());
  return 0;
}

namespace {
// The letters the print house pulls before handing the batch to the courier.
void write_held_back(CsvWriter& w, const std::vector<letters::HeldBackLetter>& held) {
  w.row({"letter_id", "account_id", "file", "page", "paid_on", "amount", "reason"});
  for (const auto& h : held) {
    char file[32];
    std::snprintf(file, sizeof file, "letters-%03lld.pdf", static_cast<long long>(h.part));
    const std::string page = std::to_string(h.page), on = h.paid_on.iso(), amount = std::to_string(h.amount);
    w.row({h.letter_id, h.account_id, h.part ? file : "", page, on, amount, "paid_after_cutoff"});
  }
  w.close();
}
}  // namespace

int run_dispatch(const Context& ctx, Args& args) {
  const auto id = batch_id(args);
  const Date date = date_option(args, "--date");
  const auto held_back_csv = args.option("--held-back");
  const std::string user = user_of(ctx, args);
  args.finish();
  auto db = Database::open(ctx.db_uri);
  // Created first: a file that cannot be written stops the dispatch before it is stored.
  std::unique_ptr<CsvWriter> held_file = held_back_csv ? std::make_unique<CsvWriter>(*held_back_csv) : nullptr;
  letters::DispatchResult r;
  access::audited(*db, user, "batch.dispatch", std::to_string(id), [&] {
    r = letters::dispatch_batch(*db, id, date, user);
    return access::Change{"{\"status\":\"generated\"}", letters::to_json(r)};
  });
  if (held_file) write_held_back(*held_file, r.held_back);
  std::printf("%s\n", letters::to_json(r).c_str());
  return 0;
}

int run_batch(const Context& ctx, Args& args) {
  const std::string user = user_of(ctx, args);
  BatchCampaignOptions campaign{args.option("--out"), args.option("--template"), args.option("--sender"),
                                args.option("--print-on"), args.option("--dispatch-on")};
  const auto rest = args.positionals();
  if (!rest.empty() && (rest[0] == "brief" || rest[0] == "approve")) return run_batch_campaign(ctx, rest, user, campaign);
  if (rest.size() != 2 || rest[0] != "discard") {
    throw InputError("batch: use `cartero batch discard|brief|approve ID` (see cartero help)");
  }
  const std::string id_text = rest[1];
  std::int64_t id = 0;
  try {
    id = std::stoll(id_text);
  } catch (const std::exception&) {
    throw InputError("batch discard: '" + id_text + "' is not a batch id");
  }
  auto db = Database::open(ctx.db_uri);
  JsonWriter j;
  j.begin_object().key("batch").value(id).key("status").value("discarded").key("by").value(user).end_object();
  access::audited(*db, user, "batch.discard", id_text, [&] {
    letters::discard_batch(*db, id, user);
    return access::Change{"null", j.str()};
  });
  std::printf("%s\n", j.str().c_str());
  return 0;
}

int run_letter(const Context& ctx, Args& args) {
  const std::string out = args.required("--out");
  const auto rest = args.positionals();
  if (rest.size() != 2 || rest[0] != "show") throw InputError("letter: use `cartero letter show LETTER_ID --out page.pdf`");
  const std::string letter_id = rest[1];
  auto db = Database::open(ctx.db_uri);
  const auto r = letters::show_letter(*db, letter_id, out);
  JsonWriter j;
  j.begin_object().key("letter_id").value(r.letter_id).key("batch").value(r.batch_id).key("part").value(r.part_file);
  j.key("page").value(static_cast<std::int64_t>(r.page)).key("part_sha256").value(r.part_sha256);
  j.key("page_sha256").value(r.page_sha256).key("template_sha256").value(r.template_sha256);
  j.key("sender_sha256").value(r.sender_sha256).key("out").value(r.out).key("verified").value(true).end_object();
  std::printf("%s\n", j.str().c_str());
  return 0;
}

int run_layout(const Context&, Args& args) {
  args.finish();
  std::printf("%s\n", letters::layout_json(letters::letter_geometry()).c_str());
  return 0;
}

// `cartero manifest --batch ID --out FILE [--part-size N]`: a printed
// batch's manifest.csv again, with the courier's guías once the admissions
// came in (`import admissions`).
int run_manifest(const Context& ctx, Args& args) {
  const auto id = batch_id(args);
  const auto out = args.required("--out");
  const auto part_size = args.integer("--part-size").value_or(5000);
  args.finish();
  auto db = Database::open(ctx.db_uri);
  std::int64_t letters = 0;
  letters::for_each_batch_letter(*db, id, [&](const letters::BatchLetter&) { ++letters; });
  if (letters == 0) {
    throw InputError(ErrorCode::batch_without_letters, "manifest: batch " + std::to_string(id) + " has no printed letters: run `cartero letters --batch " +
                     std::to_string(id) + " --out DIR` first", {{"batch", std::to_string(id)}});
  }
  const auto guias = proof::guias_of_batch(*db, id);
  letters::write_batch_manifest(*db, id, static_cast<int>(part_size), guias, out);
  std::printf("{\"batch\":%lld,\"letters\":%lld,\"guias\":%zu,\"out\":%s}\n", static_cast<long long>(id), static_cast<long long>(letters),
              guias.size(), json_quote(out).c_str());
  return 0;
}

}  // namespace cartero::app
