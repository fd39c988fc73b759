#include "cartero/campaign/effectiveness.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>
#include <functional>
#include <map>
#include <string_view>
#include <unordered_map>

#include "cartero/core/error.hpp"
#include "cartero/letters/sent.hpp"
#include "cartero/returns/outcomes.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/payments.hpp"
#include "flat_index.hpp"

namespace cartero::campaign {

namespace {

// Gives each distinct text of a dimension a segment number.
class Segments {
 public:
  std::uint32_t id(std::string_view dimension, std::string_view value) {
    auto key = std::string(dimension) + '\x1f' + std::string(value);
    const auto [it, added] = m_ids.try_emplace(std::move(key), static_cast<std::uint32_t>(m_list.size()));
    if (added) m_list.push_back({std::string(dimension), std::string(value), {}});
    return it->second;
  }
  std::vector<Segment>& list() { return m_list; }

 private:
  std::unordered_map<std::string, std::uint32_t> m_ids;
  std::vector<Segment> m_list;
};

constexpr std::uint32_t k_none = UINT32_MAX;

// The accounts the report is about, each with its side and segments.
struct Subjects {
  FlatIndex index;
  std::vector<bool> control;
  std::vector<std::array<std::uint32_t, 3>> segments;  // use type, zone, delivery (k_none for the control)
  std::vector<std::string> letter_of;                  // mailed: its letter id
  std::uint32_t add(std::string_view account, bool is_control) {
    const auto [i, added] = index.add(account);
    if (added) {
      control.push_back(is_control);
      segments.push_back({k_none, k_none, k_none});
      letter_of.emplace_back();
    }
    return i;
  }
};

selection::BatchState dispatched_batch(Database& db, std::int64_t batch_id) {
  const std::string id = std::to_string(batch_id);
  const auto b = selection::find_batch(db, batch_id);
  if (!b) throw InputError(ErrorCode::no_such_batch, "there is no batch " + id + " (see `cartero report batches`)", {{"batch", id}});
  if (b->status != "dispatched" || b->dispatched_on.empty()) {
    throw InputError(ErrorCode::batch_never_dispatched, "batch " + id + " was never dispatched (it is " + b->status +
                     "): the report counts payments after the dispatch date; run `cartero dispatch --batch " + id +
                     "` once its letters went out", {{"batch", id}});
  }
  return *b;
}

void read_mailed(Database& db, std::int64_t batch_id, Subjects& s, Segments& seg) {
  letters::for_each_batch_letter(db, batch_id, [&](const letters::BatchLetter& l) {
    if (!l.sent) return;
    const auto i = s.add(l.account_id, false);
    s.segments[i][1] = seg.id("zone", l.zone);
    s.letter_of[i] = l.letter_id;
  });
  selection::for_each_selected(db, batch_id, [&](const selection::SelectedEntry& e) {
    const auto i = s.index.find(e.account_id);
    if (i != FlatIndex::k_missing) s.segments[i][0] = seg.id("use_type", code(e.use_type));
  });
}

void read_control(Database& db, std::int64_t batch_id, Subjects& s, Segments& seg) {
  std::vector<std::string> ids;
  selection::for_each_excluded(db, batch_id, [&](std::string_view account, selection::Reasons r) {
    if (r.has(selection::Reason::control_group)) ids.emplace_back(account);
  });
  for (const auto& id : ids) s.add(id, true);
  // The use type and zone of the snapshot in force (the control got no
  // letter that would have kept the ones of the day).
  for (const auto& a : selection::snapshot_accounts(db, ids)) {
    const auto i = s.index.find(a.account_id);
    if (i == FlatIndex::k_missing) continue;
    s.segments[i][0] = seg.id("use_type", code(a.use_type));
    s.segments[i][1] = seg.id("zone", a.zone);
  }
}

void read_outcomes(Database& db, Subjects& s, Segments& seg) {
  FlatIndex by_letter;  // letter id -> its number here; subject_of maps it to the account
  std::vector<std::uint32_t> subject_of;
  for (std::uint32_t i = 0; i < s.letter_of.size(); ++i) {
    if (!s.control[i] && by_letter.add(s.letter_of[i]).second) subject_of.push_back(i);
  }
  const auto pending = seg.id("delivery", "pending");
  for (std::uint32_t i = 0; i < s.control.size(); ++i) {
    if (!s.control[i]) s.segments[i][2] = pending;
  }
  returns::for_each_letter_outcome(db, [&](const returns::LetterOutcome& o) {
    const auto l = by_letter.find(o.letter_id);
    if (l == FlatIndex::k_missing) return;
    s.segments[subject_of[l]][2] =
        o.returned ? seg.id("delivery", "returned:" + std::string(o.cause)) : seg.id("delivery", "delivered");
  });
}

struct Cell {
  SideFigures side[2];  // mailed, control
};

std::vector<WindowFigures> figures_of(const std::vector<Cell>& cells, const std::vector<int>& windows) {
  std::vector<WindowFigures> out;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    WindowFigures f{windows[w], cells[w].side[0], std::nullopt, std::nullopt};
    if (cells[w].side[1].accounts > 0) {
      f.control = cells[w].side[1];
      if (f.mailed.accounts > 0) f.lift = lift_of(f.mailed, *f.control);
    }
    out.push_back(f);
  }
  return out;
}

void add_to(std::vector<Cell>& cells, std::size_t first, bool control, const PaymentTally& t, std::uint32_t i) {
  for (std::size_t w = 0; w < t.windows().size(); ++w) {
    SideFigures& f = cells[first + w].side[control ? 1 : 0];
    const Pesos p = t.pesos(i, w);
    ++f.accounts;
    if (p > 0) ++f.paid;
    f.pesos += p;
  }
}

}  // namespace

std::vector<int> default_windows() { return {30, 60, 90}; }

std::vector<int> parse_windows(const std::string& text) {
  std::vector<int> out;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    int days = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), days);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() || days < 1 || days > 3650) {
      throw InputError("--days '" + text + "': give whole numbers of days from 1 to 3650 separated by commas, like 30,60,90");
    }
    if (std::find(out.begin(), out.end(), days) != out.end()) throw InputError("--days '" + text + "': " + std::to_string(days) + " is given twice");
    out.push_back(days);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

EffectivenessReport effectiveness_report(Database& db, std::int64_t batch_id, const std::vector<int>& windows) {
  const auto batch = dispatched_batch(db, batch_id);
  const Date dispatched = *Date::parse_iso(batch.dispatched_on);
  EffectivenessReport r;
  r.batch = batch_id;
  r.dispatched_on = batch.dispatched_on;
  if (const auto s = selection::batch_settings(db, batch_id)) r.letter_tariff = s->letter_tariff;
  Subjects s;
  Segments seg;
  read_mailed(db, batch_id, s, seg);
  read_control(db, batch_id, s, seg);
  read_outcomes(db, s, seg);
  PaymentTally tally(s.control.size(), windows);
  std::optional<Date> latest;
  selection::for_each_payment(db, dispatched.plus_days(1), [&](std::string_view account, Date paid_on, Pesos amount) {
    const auto i = s.index.find(account);
    if (i == FlatIndex::k_missing) return;
    if (!latest || paid_on > *latest) latest = paid_on;
    tally.add(i, paid_on.days() - dispatched.days(), amount);
  });
  const std::size_t nw = windows.size();
  std::vector<Cell> total(nw), cells(seg.list().size() * nw);
  for (std::uint32_t i = 0; i < s.control.size(); ++i) {
    add_to(total, 0, s.control[i], tally, i);
    for (const auto id : s.segments[i]) {
      if (id != k_none) add_to(cells, id * nw, s.control[i], tally, i);
    }
  }
  r.windows = figures_of(total, windows);
  for (std::size_t k = 0; k < seg.list().size(); ++k) {
    auto& one = seg.list()[k];
    one.windows = figures_of(std::vector<Cell>(cells.begin() + static_cast<std::ptrdiff_t>(k * nw),
                                               cells.begin() + static_cast<std::ptrdiff_t>((k + 1) * nw)),
                             windows);
  }
  r.segments = std::move(seg.list());
  std::stable_sort(r.segments.begin(), r.segments.end(), [](const Segment& a, const Segment& b) {
    return std::tie(a.dimension, a.value) < std::tie(b.dimension, b.value);
  });
  if (latest) r.payments_until = latest->iso();
  const bool control = !r.windows.empty() && r.windows.front().control.has_value();
  if (!latest) {
    r.note = "no payment of the batch's accounts is dated after the dispatch on " + r.dispatched_on +
             ": import a payments export that covers the days after it (`cartero import payments FILE.csv`)";
  } else if (!control) {
    r.note = "the batch has no control group (control_group_percent was 0): the mailed side alone is shown, and what "
             "would have been paid without the letters is not known";
  }
  return r;
}

}  // namespace cartero::campaign
