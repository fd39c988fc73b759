// Money in whole Colombian pesos. No cents: the portfolio, the letters and
// the rules all work in whole pesos.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cartero {

using Pesos = std::int64_t;

// "$ 1.234.567"; negative amounts as "-$ 1.234.567".
std::string format_pesos(Pesos amount);

// Accepts "1234567", "1.234.567", "$ 1.234.567", "$1.234.567", "-1.234.567",
// surrounding blanks, and a zero decimal part ("1234567,00" or "1234567.00",
// as spreadsheets write it). Returns nullopt for anything else, including
// empty text, fractions of a peso and values beyond 10^15.
std::optional<Pesos> parse_pesos(std::string_view text);

// The whole part of an amount: digits, optionally grouped in threes by one
// separator taken from `separators` ("1234567", "1.234.567", "1,234,567").
// Returns nullopt for a separator first or out of place, a mix of two
// separators, anything else that is not a digit, and values beyond 10^15.
// parse_pesos and parse_amount (values.hpp) both read their digits here.
std::optional<std::int64_t> parse_grouped_digits(std::string_view digits, std::string_view separators);

}  // namespace cartero
