#include <cstdio>
#include <cstdlib>

#include "cartero/access/audit.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/snapshots.hpp"
#include "commands.hpp"

namespace cartero::app {

// `cartero review` lists the pages kept for review; `cartero review PAGE_ID
// --letter L --cause C` confirms one.
int run_review(const Context& ctx, Args& args) {
  const std::string user = user_of(ctx, args);
  const auto letter = args.option("--letter");
  const auto cause_text = args.option("--cause");
  const auto observation = args.option("--observation");
  const auto config = args.option("--config");
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.empty()) {
    for (const auto& item : returns::review_queue(*db)) {
      JsonWriter j;
      j.begin_object().key("page_id").value(item.page_id).key("file_sha256").value(item.file_sha256).key("page").value(item.page);
      j.key("scanned_at").value(item.scanned_at).key("scanned_by").value(item.scanned_by).key("note").value(item.note);
      j.key("letter_id").value(item.letter_id).key("cause").value(item.cause);
      j.key("code_crop").value(item.code_crop).key("panel_crop").value(item.panel_crop).end_object();
      std::printf("%s\n", j.str().c_str());
    }
    return 0;
  }
  if (pos.size() != 1 || !letter || !cause_text) {
    throw InputError("usage: cartero review  (the queue)  |  cartero review PAGE_ID --letter LETTER_ID --cause C [--observation TEXT]");
  }
  const auto cause = parse_cause_code(*cause_text);
  if (!cause) throw InputError("review: unknown cause '" + *cause_text + "'");
  const auto id = returns::letter_id_from_typed(*letter);
  if (!id) throw InputError("review: '" + *letter + "' is not a letter id or a letter's barcode");
  const auto settings = returns::return_settings_for(*db, config);
  const std::int64_t page = std::stoll(pos[0]);
  std::int64_t return_id = 0;
  access::audited(*db, user, "review.confirm", pos[0], [&] {
    access::Change change{returns::scan_page_snapshot(*db, page), ""};
    return_id = returns::confirm_review(*db, page, *id, *cause, user, settings.routing, observation.value_or(""));
    change.after_json = returns::return_snapshot(*db, return_id);
    return change;
  });
  std::printf("{\"page_id\":%s,\"return_id\":%lld}\n", pos[0].c_str(), static_cast<long long>(return_id));
  return 0;
}

}  // namespace cartero::app
