#include <cstdio>
#include <cstdlib>

#include "cartero/access/audit.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/json.hpp"
#include "cartero/returns/register.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/snapshots.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

std::optional<ReturnCause> cause_option(Args& args) {
  const auto text = args.option("--cause");
  if (!text) return std::nullopt;
  const auto cause = parse_cause_code(*text);
  if (!cause) {
    std::string list;
    for (const auto& c : all_causes()) list += (list.empty() ? "" : ", ") + std::string(c.code);
    throw InputError("return: unknown cause '" + *text + "' (" + list + ")");
  }
  return cause;
}

std::string letter_of(const std::string& typed) {
  const auto id = returns::letter_id_from_typed(typed);
  if (!id) throw InputError("return: '" + typed + "' is not a letter id (2026-000123) or a letter's barcode");
  return *id;
}

}  // namespace

// `cartero return add LETTER --cause C [--observation O] [--date D]` (by
// hand: the letter id or barcode typed, the cause picked) and `cartero
// return correct RETURN_ID [--cause C] [--letter L] [--observation O]
// --reason R` (the observation typed from the courier's handwriting).
int run_return(const Context& ctx, Args& args) {
  const std::string user = user_of(ctx, args);
  const auto cause = cause_option(args);
  const auto typed_observation = args.option("--observation");
  const auto observation = typed_observation.value_or("");
  const auto date = args.option("--date");
  const auto letter = args.option("--letter");
  const auto reason = args.option("--reason").value_or("");
  const auto config = args.option("--config");
  const auto pos = args.positionals();
  if (pos.size() != 2 || (pos[0] != "add" && pos[0] != "correct" && pos[0] != "void")) {
    throw InputError("usage: cartero return add LETTER_ID|BARCODE --cause C [--observation O] [--date D] [--user U]\n"
                     "       cartero return correct RETURN_ID [--cause C] [--letter LETTER_ID] [--observation O] --reason R [--user U]\n"
                     "       cartero return void RETURN_ID --reason R [--user U]");
  }
  auto db = Database::open(ctx.db_uri);
  const auto settings = returns::return_settings_for(*db, config);
  if (pos[0] == "add") {
    if (!cause) throw InputError("return add: --cause is required");
    const auto on = date ? Date::parse_iso(*date) : std::optional<Date>(Date::today());
    if (!on) throw InputError("return add: --date '" + *date + "' is not a date (YYYY-MM-DD)");
    const std::string letter_id = letter_of(pos[1]);
    returns::Registered r;
    access::audited(*db, user, "return.add", letter_id, [&] {
      r = returns::register_return(*db, {letter_id, *cause, observation, *on, user, "hand", std::nullopt, std::nullopt},
                                   settings.routing);
      return access::Change{r.duplicate ? returns::return_snapshot(*db, r.return_id) : "null", returns::return_snapshot(*db, r.return_id)};
    });
    std::printf("{\"return_id\":%lld,\"duplicate\":%s}\n", static_cast<long long>(r.return_id), r.duplicate ? "true" : "false");
    return 0;
  }
  const std::int64_t return_id = std::stoll(pos[1]);
  if (pos[0] == "void") {
    returns::Voided voided;
    access::audited(*db, user, "return.void", pos[1], [&] {
      access::Change change{returns::return_snapshot(*db, return_id), ""};
      voided = returns::void_return(*db, return_id, reason, user);
      change.after_json = returns::return_snapshot(*db, return_id);
      return change;
    });
    std::string closed;
    for (const auto c : voided.cases_closed) closed += (closed.empty() ? "" : ",") + std::to_string(c);
    std::printf("{\"return_id\":%s,\"voided\":true,\"cases_closed\":[%s]}\n", pos[1].c_str(), closed.c_str());
    return 0;
  }
  const auto new_letter = letter ? std::optional<std::string>(letter_of(*letter)) : std::nullopt;
  if (!cause && !new_letter && !typed_observation) throw InputError("return correct: give --cause, --letter or --observation");
  access::audited(*db, user, "return.correct", pos[1], [&] {
    access::Change change{returns::return_snapshot(*db, return_id), ""};
    returns::correct_return(*db, return_id, cause, new_letter, reason, user, settings.routing, typed_observation);
    change.after_json = returns::return_snapshot(*db, return_id);
    change.after_json.insert(change.after_json.size() - 1, ",\"reason\":" + json_quote(reason));
    return change;
  });
  std::printf("{\"return_id\":%s,\"corrected\":true}\n", pos[1].c_str());
  return 0;
}

}  // namespace cartero::app
