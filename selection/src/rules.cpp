#include "cartero/selection/rules.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "cartero/selection/control_group.hpp"

namespace cartero::selection {

namespace {
bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}
}  // namespace

bool is_recent_payment(Date paid_on, Pesos amount, Date cutoff, const Settings& s) {
  return amount > 0 && paid_on >= cutoff.minus_days(s.payment_window_days);
}

bool is_recent_letter(Date sent_on, Date cutoff, const Settings& s) {
  return sent_on >= cutoff.minus_days(s.letter_window_days);
}

bool is_recent_contact(Date contacted_on, Date cutoff, const Settings& s) {
  return s.recent_contact_days > 0 && contacted_on >= cutoff.minus_days(s.recent_contact_days);
}

Reasons evaluate(const Candidate& c, const Settings& s, Date cutoff) {
  Reasons r;
  if (!c.has_address) r.add(Reason::missing_address);
  if (s.address_incomplete && c.has_address && c.address_incomplete) r.add(Reason::address_incomplete);
  if (s.missing_holder_name && is_blank(c.holder_name)) r.add(Reason::missing_holder_name);
  const auto threshold = s.threshold(c.use_type);
  if (!threshold) {
    r.add(Reason::no_threshold);
  } else if (c.balance <= *threshold) {
    r.add(Reason::below_threshold);
  }
  if (c.days_past_due <= s.min_days_past_due) r.add(Reason::not_delinquent);
  if (c.legal_collection) r.add(Reason::legal_collection);
  if (c.sanitation != Sanitation::none) r.add(Reason::sanitation);
  // last_payment is the latest payment with amount > 0, so checking it alone
  // decides whether any payment falls in the window.
  if (c.last_payment && is_recent_payment(*c.last_payment, 1, cutoff, s)) r.add(Reason::recent_payment);
  if (c.last_letter && is_recent_letter(*c.last_letter, cutoff, s)) r.add(Reason::recent_letter);
  if (s.pending_address_check && c.address_check_open) r.add(Reason::pending_address_check);
  if (s.pending_billing_check && c.billing_case_open) r.add(Reason::pending_billing_check);
  if (c.open_claim && !s.claims_net_disputed) r.add(Reason::open_claim);
  if (c.payment_agreement) r.add(Reason::payment_agreement);
  if (c.deceased_holder) r.add(Reason::deceased_holder);
  if (c.insolvency) r.add(Reason::insolvency);
  if (c.last_contact && is_recent_contact(*c.last_contact, cutoff, s)) r.add(Reason::recent_contact);
  return r;
}

bool comes_before(const Candidate& a, const Candidate& b) {
  const auto key = [](const Candidate& c) {
    return std::make_tuple(c.billing_type == BillingType::direct ? 0 : 1, -c.balance,
                           -c.days_past_due);
  };
  const auto ka = key(a);
  const auto kb = key(b);
  if (ka != kb) return ka < kb;
  return a.account_id < b.account_id;
}

Outcome select(const std::vector<Candidate>& candidates, const Settings& s, Date cutoff) {
  Outcome out;
  out.total = static_cast<std::int64_t>(candidates.size());
  out.reasons.resize(candidates.size());
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    out.reasons[i] = evaluate(candidates[i], s, cutoff);
    if (out.reasons[i].empty()) out.selected.push_back(i);
  }
  std::sort(out.selected.begin(), out.selected.end(), [&](std::uint32_t a, std::uint32_t b) {
    return comes_before(candidates[a], candidates[b]);
  });
  if (s.max_letters && out.selected.size() > static_cast<std::size_t>(*s.max_letters)) {
    for (auto it = out.selected.begin() + *s.max_letters; it != out.selected.end(); ++it) {
      out.reasons[*it].add(Reason::over_capacity);
    }
    out.selected.resize(static_cast<std::size_t>(*s.max_letters));
  }
  hold_out_control_group(candidates, s, cutoff, out);
  out.funnel.resize(k_reason_count);
  for (int r = 0; r < k_reason_count; ++r) out.funnel[static_cast<std::size_t>(r)].reason = static_cast<Reason>(r);
  for (const auto& r : out.reasons) {
    if (!r.empty()) ++out.funnel[static_cast<std::size_t>(r.first())].excluded;
  }
  return out;
}

}  // namespace cartero::selection
