// Shared by the letters tests: a portfolio of three accounts (one of them a
// business), a draft batch cut on 2026-11-24, and printing it.
#pragma once

#include <memory>
#include <string>

#include "cartero/core/sql.hpp"
#include "cartero/letters/generate.hpp"
#include "cartero/selection/batch.hpp"
#include "cartero/selection/import.hpp"
#include "../support/run.hpp"

namespace cartero::letters::testing {

inline const Date k_cutoff = *Date::parse_iso("2026-11-24");

// An 8 x 4 RGB PNG without transparency.
inline const std::string k_logo_png(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x08\x00\x00\x00\x04\x08\x02\x00\x00"
    "\x00\x3c\xaf\xe9\xa7\x00\x00\x00\x6f\x49\x44\x41\x54\x78\x9c\x01\x64\x00\x9b\xff\x00\x00\x07\x0e\x15\x1c\x23\x2a"
    "\x31\x38\x3f\x46\x4d\x54\x5b\x62\x69\x70\x77\x7e\x85\x8c\x93\x9a\xa1\x00\x0d\x14\x1b\x22\x29\x30\x37\x3e\x45\x4c"
    "\x53\x5a\x61\x68\x6f\x76\x7d\x84\x8b\x92\x99\xa0\xa7\xae\x00\x1a\x21\x28\x2f\x36\x3d\x44\x4b\x52\x59\x60\x67\x6e"
    "\x75\x7c\x83\x8a\x91\x98\x9f\xa6\xad\xb4\xbb\x00\x27\x2e\x35\x3c\x43\x4a\x51\x58\x5f\x66\x6d\x74\x7b\x82\x89\x90"
    "\x97\x9e\xa5\xac\xb3\xba\xc1\xc8\x3d\x9e\x25\x81\xbf\xa4\x2a\xe1\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    168);

struct LettersFixture {
  cartero::testing::TempDir tmp;
  std::unique_ptr<Database> db = Database::open(tmp.path("c.db"));
  std::int64_t batch = 0;

  LettersFixture() {
    import_portfolio();
    batch = select();
  }
  void import_portfolio() {
    selection::import_file(
        *db, selection::ImportKind::accounts,
        tmp.write("a.csv",
                  "account_id,holder_name,document_id,use_type,address,neighborhood,city,zone,billing_type,balance,"
                  "days_past_due\n"
                  "A1,José Peña Muñoz,79.456.123,residential,CL 45 SUR # 12 - 34 AP 201,Kennedy,Bogotá D.C.,Z01,direct,"
                  "1234567,90\n"
                  "A2,Panadería La Espiga S.A.S.,900.123.456-7,commercial,KR 7 # 80 - 15,Chapinero,Bogotá D.C.,Z02,"
                  "joint,2500000,120\n"
                  "A3,Ñoño Ibáñez,1020304050,residential,DG 12B BIS # 3 - 45,Suba,Bogotá D.C.,Z03,direct,150000,61\n"));
  }
  std::int64_t select(Date cutoff = k_cutoff) {
    selection::SelectOptions o;
    o.cutoff = cutoff;
    return selection::create_batch(*db, o).batch_id;
  }
  GenerateOptions options(const std::string& dir, int part_size = 5000) const {
    GenerateOptions o;
    o.batch_id = batch;
    o.out_dir = tmp.path(dir);
    o.part_size = part_size;
    o.issued_on = k_cutoff;
    return o;
  }
  GenerateResult generate(const std::string& dir, int part_size = 5000) {
    return generate_letters(*db, options(dir, part_size));
  }
  std::string value(const std::string& q) { return sql::scalar(*db, q).value_or("NULL"); }
};

// The message of the InputError `fn` throws ("" and a test error when none).
template <class Fn>
std::string input_error(Fn&& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  BOOST_ERROR("no InputError");
  return "";
}

}  // namespace cartero::letters::testing
