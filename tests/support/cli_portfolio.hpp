// The small portfolio the command-line tests start from: three accounts of a
// Bogotá export, imported and selected by a one-person office (no approver).
#pragma once

#include <string>

#include "run.hpp"

namespace cartero::testing {

inline const char* const k_three_accounts_csv =
    "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n"
    "1001,José Peña,residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct,1234567,90\n"
    "1002,Ana Muñoz,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z1,joint,900000,61\n"
    "1003,Luis Díaz,residential,CL 9 # 1 - 2,Kennedy,Bogotá D.C.,Z2,direct,500000,61\n";

// Imports `accounts_csv` and selects batch 1 at cutoff 2026-11-24 with approval off.
inline void import_and_select(const TempDir& tmp, const std::string& accounts_csv = k_three_accounts_csv) {
  tmp.write("a.csv", accounts_csv);
  run_cartero(tmp, "import accounts a.csv");
  tmp.write("one-person.json", R"({"require_approval": false})");  // no approver in this office
  run_cartero(tmp, "select --cutoff 2026-11-24 --config one-person.json");
}

}  // namespace cartero::testing
