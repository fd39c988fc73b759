// A database with a generated (and optionally dispatched) batch of letters.
#pragma once

#include "cartero/core/database.hpp"
#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "temp_dir.hpp"

namespace cartero::testing {

struct LettersFixture {
  TempDir tmp;
  std::string db_path = tmp.path("c.db");
  std::unique_ptr<Database> db = Database::open(db_path);
  std::vector<std::string> ids;
  std::string pdf;

  explicit LettersFixture(int count = 3, bool dispatch = true) {
    std::string csv = "account_id,holder_name,use_type,address,neighborhood,city,zone,billing_type,balance,days_past_due\n";
    for (int i = 0; i < count; ++i) {
      csv += "A" + std::to_string(100 + i) + ",José Peña " + std::to_string(i) +
             ",residential,CL 45 SUR # 12 - 34,Kennedy,Bogotá D.C.,Z1,direct," + std::to_string(900000 - i * 1000) + ",90\n";
    }
    selection::import_file(*db, selection::ImportKind::accounts, tmp.write("a.csv", csv));
    selection::SelectOptions s;
    s.cutoff = *Date::parse_iso("2026-11-24");
    const auto batch = selection::create_batch(*db, s).batch_id;
    letters::GenerateOptions o;
    o.batch_id = batch;
    o.out_dir = tmp.path("out");
    o.issued_on = s.cutoff;
    letters::generate_letters(*db, o);
    if (dispatch) letters::dispatch_batch(*db, batch, s.cutoff, "test");
    sql::for_each_row(*db, "SELECT letter_id FROM letters ORDER BY rank", {}, [&](const sql::Row& r) { ids.emplace_back(r.text(0)); });
    pdf = tmp.path("out/letters-001.pdf");
  }
};

}  // namespace cartero::testing
