#include <cstdio>
#include <cstdlib>

#include "cartero/access/audit.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/letters/geometry.hpp"
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
  args.finish();
  auto db = Database::open(ctx.db_uri);
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

int run_dispatch(const Context& ctx, Args& args) {
  const auto id = batch_id(args);
  const Date date = date_option(args, "--date");
  args.finish();
  auto db = Database::open(ctx.db_uri);
  letters::DispatchResult r;
  access::audited(*db, ctx.user, "batch.dispatch", std::to_string(id), [&] {
    r = letters::dispatch_batch(*db, id, date, ctx.user);
    return access::Change{"{\"status\":\"generated\"}", letters::to_json(r)};
  });
  std::printf("%s\n", letters::to_json(r).c_str());
  return 0;
}

int run_batch(const Context& ctx, Args& args) {
  const std::string user = args.option("--user").value_or(std::getenv("USER") ? std::getenv("USER") : "unknown");
  const auto rest = args.positionals();
  if (rest.size() != 2 || rest[0] != "discard") throw InputError("batch: use `cartero batch discard ID [--user NAME]`");
  const std::string id_text = rest[1];
  std::int64_t id = 0;
  try {
    id = std::stoll(id_text);
  } catch (const std::exception&) {
    throw InputError("batch discard: '" + id_text + "' is not a batch id");
  }
  auto db = Database::open(ctx.db_uri);
  letters::discard_batch(*db, id, user);
  JsonWriter j;
  j.begin_object().key("batch").value(id).key("status").value("discarded").key("by").value(user).end_object();
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

}  // namespace cartero::app
