// Private: proof's SQL on the table it owns (letter_admissions).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cartero/core/database.hpp"
#include "cartero/core/date.hpp"

namespace cartero::proof::store {

struct AdmissionRow {
  std::string letter_id, guia;
  Date admitted_on;
};

std::optional<AdmissionRow> admission_of_letter(Database& db, const std::string& letter_id);
// The letter a guía was given to, if any.
std::optional<std::string> letter_of_guia(Database& db, const std::string& guia);
void insert_admission(Database& db, const AdmissionRow& a, const std::string& recorded_at, const std::string& user);
// Every admission (views valid during the call).
void for_each_admission(Database& db, const std::function<void(std::string_view letter_id, std::string_view guia,
                                                                Date admitted_on)>& fn);

}  // namespace cartero::proof::store
