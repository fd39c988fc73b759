// Why an account is left out of a batch: the codes of DESIGN "Selection
// rules". Explanations list them and the funnel counts them in the order of
// its table (k_reason_order); the enum's values are the bits stored with
// batches, so a new reason takes the next value whatever its place.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cartero::selection {

enum class Reason : std::uint8_t {
  missing_address,
  no_threshold,
  below_threshold,
  not_delinquent,
  legal_collection,
  sanitation,
  recent_payment,
  recent_letter,
  pending_address_check,
  pending_billing_check,
  over_capacity,
  address_incomplete,  // stored as bit 11; listed second (k_reason_order)
  control_group,        // bit 12: held out to measure what the letters did; listed last
  missing_holder_name,  // bit 13: no name to address the letter to; listed third
  open_claim,           // a claim or appeal in process (Ley 142 de 1994, arts. 154-155)
  payment_agreement,    // holds mapped from the accounts export
  deceased_holder,
  insolvency,
  recent_contact,       // contacted through another channel within the window (Ley 2300 de 2023)
};

inline constexpr int k_reason_count = 19;
static_assert(k_reason_count <= 64, "Reasons holds 64 bits");

// The reasons in the order of DESIGN's table.
inline constexpr std::array<Reason, k_reason_count> k_reason_order = {
    Reason::missing_address,   Reason::address_incomplete, Reason::missing_holder_name, Reason::no_threshold,
    Reason::below_threshold,   Reason::not_delinquent,     Reason::legal_collection,
    Reason::sanitation,        Reason::recent_payment,     Reason::recent_letter,
    Reason::pending_address_check, Reason::pending_billing_check, Reason::open_claim,
    Reason::payment_agreement, Reason::deceased_holder, Reason::insolvency,
    Reason::recent_contact,    Reason::over_capacity,         Reason::control_group};

std::string_view code(Reason r);
// Spanish text for people ("Saldo no supera el umbral").
std::string_view label(Reason r);
std::optional<Reason> parse_reason(std::string_view code);

// A set of reasons as bits (64, so rules can be added); empty means selected.
class Reasons {
 public:
  constexpr Reasons() = default;
  static constexpr Reasons from_bits(std::uint64_t bits) {
    Reasons r;
    r.m_bits = bits;
    return r;
  }
  constexpr void add(Reason r) { m_bits |= std::uint64_t{1} << static_cast<int>(r); }
  constexpr Reasons with(Reason r) const {
    Reasons out = *this;
    out.add(r);
    return out;
  }
  constexpr bool has(Reason r) const { return (m_bits >> static_cast<int>(r)) & 1u; }
  constexpr bool empty() const { return m_bits == 0; }
  // The first reason in table order; the set must not be empty.
  Reason first() const;
  // Codes in table order joined by ';' ("below_threshold;recent_payment").
  std::string joined() const;
  constexpr std::uint64_t bits() const { return m_bits; }
  constexpr bool operator==(const Reasons&) const = default;

 private:
  std::uint64_t m_bits = 0;
};

}  // namespace cartero::selection
