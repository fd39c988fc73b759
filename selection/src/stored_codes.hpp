// Private: an account's codes as the stores read them back. The import
// writes only known codes (core/account.hpp's code()); a value it did not
// write (a database edited by hand, a code of a later version) is read as
// the most restrictive one, so that no rule is loosened by it: official use,
// joint billing, no sanitation.
#pragma once

#include <string_view>

#include "cartero/core/account.hpp"

namespace cartero::selection {

inline UseType stored_use_type(std::string_view code) { return parse_use_type(code).value_or(UseType::official); }
inline BillingType stored_billing_type(std::string_view code) { return parse_billing_type(code).value_or(BillingType::joint); }
inline Sanitation stored_sanitation(std::string_view code) { return parse_sanitation(code).value_or(Sanitation::none); }

}  // namespace cartero::selection
