// Every number the selection rules use, in one place, with the defaults of
// DESIGN "Selection rules". Loaded from a JSON file with `select --config`
// and stored with each batch, so a batch can be explained and reproduced.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartero/core/account.hpp"
#include "cartero/core/database.hpp"

namespace cartero::selection {

struct Settings {
  // Balance must be strictly greater than the threshold of its use type;
  // a use type without a threshold is left out (`no_threshold`).
  // Indexed by UseType.
  std::array<std::optional<Pesos>, 4> thresholds = {Pesos{100000}, Pesos{300000}, std::nullopt,
                                                    std::nullopt};
  // days_past_due must be strictly greater than this.
  int min_days_past_due = 60;
  // A payment > 0 on or after cutoff - payment_window_days leaves it out.
  int payment_window_days = 30;
  // A letter sent on or after cutoff - letter_window_days leaves it out.
  int letter_window_days = 60;
  bool pending_address_check = true;
  bool pending_billing_check = true;
  // Leave out accounts whose address in force is there but incomplete or
  // unreadable (core/address.hpp), and open a field check for them.
  bool address_incomplete = true;
  // Leave out accounts without a holder name (a letter would read
  // "Señor(a) :").
  bool missing_holder_name = true;
  // Percent (0-99; 0: none) of the selected accounts held out as a control
  // group (reason control_group): a stratified sample, the same for the
  // same cutoff and portfolio (selection/control_group.hpp).
  int control_group_percent = 0;
  // The courier's price of one letter, in pesos; nullopt: not set (the
  // brief's cost and the effectiveness report's return per peso of postage
  // are then not given).
  std::optional<Pesos> letter_tariff;
  // At dispatch, hold back (void, keeping their numbers) the letters of
  // accounts with a payment > 0 dated after the batch's cutoff in the
  // payments imported last.
  bool recheck_payments_at_dispatch = true;
  // A batch is printed (`cartero letters`, the web's print) only after a
  // user of the approving role who did not select it approved it, having
  // seen its brief (campaign/approval.hpp); off for a one-person office.
  bool require_approval = true;
  // Cap on the number of letters; nullopt means no cap.
  std::optional<std::int64_t> max_letters;
  // A draft batch selected more than this many days before it is printed or
  // dispatched must be selected again (the portfolio has moved on).
  int draft_max_age_days = 30;
  // An account with an open claim (cartero import claims) is left out
  // (`open_claim`); with claims_net_disputed the disputed amount is netted
  // out instead: the threshold applies to the undisputed part, which is the
  // balance the batch stores and the letter states.
  bool claims_net_disputed = false;
  // A contact through another channel (cartero import contacts) on or after
  // cutoff - recent_contact_days leaves the account out (`recent_contact`);
  // 0 turns the rule off.
  int recent_contact_days = 7;

  // The courier's manifest: in rank order, or by postal code and zone (the
  // order a 4-72 bulk admission distributes in).
  enum class ManifestOrder { rank, postal_code };
  ManifestOrder manifest_order = ManifestOrder::rank;
  // The company's municipalities, by the city as the export writes it
  // (compared without case, accents or punctuation): DIVIPOLA code, name
  // and the postal code used when the export has none.
  struct Municipality {
    std::string city, code, name, postal_code;
  };
  std::vector<Municipality> municipalities;

  std::optional<Pesos> threshold(UseType t) const { return thresholds[static_cast<std::size_t>(t)]; }
  // The municipality of `city`, or nullptr when the table does not have it.
  const Municipality* municipality_of(std::string_view city) const;
};

// Reads settings from JSON text, starting from the defaults. Keys:
// "thresholds" {"residential": N|null, "commercial": …, "industrial": …,
// "official": …}, "min_days_past_due", "payment_window_days",
// "letter_window_days", "pending_address_check", "pending_billing_check",
// "max_letters" (N|null), "draft_max_age_days", "address_incomplete",
// "missing_holder_name", "control_group_percent" (0-99), "letter_tariff"
// (pesos|null), "recheck_payments_at_dispatch", "require_approval",
// "claims_net_disputed", "recent_contact_days", "manifest_order"
// ("rank"|"postal_code"), "municipalities" ({"Bogotá D.C.": {"code":
// "11001", "name": "Bogotá, D.C.", "postal_code": "110111"}}). Throws InputError naming `source` and the key on an
// unknown key, a wrong type or a negative number.
Settings settings_from_json(const std::string& json, const std::string& source);
// Reads a settings file; InputError when it is missing or invalid.
Settings load_settings(const std::string& path);
// The full settings as JSON (every key), as stored with a batch.
std::string settings_to_json(const Settings& s);

// The name the selection settings are stored under (core/stored_settings.hpp).
inline constexpr const char* k_settings_name = "selection";
// The settings an admin saved, or the defaults when none were saved.
Settings current_settings(Database& db);

}  // namespace cartero::selection
