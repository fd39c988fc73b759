// What the letters recovered: for a dispatched batch, the accounts mailed
// and the control group held out of it (selection/control_group.hpp), what
// each paid in windows after the dispatch date, the lift in share paid with
// its 95 % interval, broken down by use type, zone and delivery outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cartero/campaign/stats.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/people_export.hpp"

namespace cartero::campaign {

struct WindowFigures {
  int days = 0;
  SideFigures mailed;
  std::optional<SideFigures> control;  // nullopt: no control accounts here
  std::optional<Lift> lift;            // with a control side only
};

// One segment: dimension "use_type" (value: its code), "zone" (the zone,
// "" for none) or "delivery" ("delivered", "returned:<cause>", "pending";
// mailed side only).
struct Segment {
  std::string dimension, value;
  std::vector<WindowFigures> windows;
};

struct EffectivenessReport {
  std::int64_t batch = 0;
  std::string dispatched_on;          // ISO
  std::optional<Pesos> letter_tariff; // the batch's setting
  std::string payments_until;         // the latest payment dated after the dispatch, "" for none
  std::string note;                   // why the report is empty or one-sided; "" otherwise
  std::vector<WindowFigures> windows;
  std::vector<Segment> segments;
};

// The default windows: 30, 60 and 90 days.
std::vector<int> default_windows();
// "30,60,90" as windows; InputError for anything but distinct whole
// numbers of days from 1 to 3,650.
std::vector<int> parse_windows(const std::string& text);

// Reads the batch, its letters, its control group and the payments dated
// after its dispatch. Mailed: accounts of the batch's letters that went out
// (a letter held back at dispatch is not mailed). InputError for an unknown
// batch or one never dispatched. Writes nothing.
EffectivenessReport effectiveness_report(Database& db, std::int64_t batch_id, const std::vector<int>& windows);

// {"batch", "dispatched_on", "ci_method", "letter_tariff", "payments_until",
//  "note", "windows": [{"days", "mailed": {"accounts", "paid", "share",
//  "pesos"}, "control": {…} | null, "lift": {"share", "ci95": [low, high],
//  "pesos_beyond_control", "per_peso_of_postage"} | null}], "segments":
//  [{"dimension", "value", "windows": […]}]}
std::string to_json(const EffectivenessReport& r);
// One row per (segment, window), the whole batch first: dimension, value,
// days, mailed_accounts, mailed_paid, mailed_share, mailed_pesos,
// control_accounts, control_paid, control_share, control_pesos,
// lift_share, lift_ci95_low, lift_ci95_high, pesos_beyond_control.
// `format`: machine CSV (--csv) or an Excel workbook (--xlsx, Spanish headers).
void write_csv(const std::string& path, const EffectivenessReport& r, ExportFormat format = ExportFormat::csv_machine);

}  // namespace cartero::campaign
