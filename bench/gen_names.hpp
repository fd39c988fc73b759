// The parts of a synthetic account: Spanish names, Colombian addresses,
// and how each field is written in a raw or a clean export.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "cartero/core/account.hpp"

namespace cartero::gen {

enum class Field {
  account_id, holder_name, document_id, use_type, address, neighborhood, city, zone,
  billing_type, balance, days_past_due, legal_collection, sanitation
};

const char* column_name(Field f);
// DESIGN order when clean; a fixed shuffle of it otherwise.
std::vector<Field> account_columns(bool clean, std::mt19937_64& rng);
Account make_account(std::mt19937_64& rng, std::string id);
// The field as text; `bad` may spoil one value (for import tests).
std::string render(const Account& a, Field f, bool clean, std::mt19937_64& rng, bool bad);

}  // namespace cartero::gen
