// A server over a dispatched batch of three letters with a user per role:
// letter 1 returned as a bad address (field case 1, zone Z1), letter 2 as
// demolished (billing case 2), and the printed PDF scanned unmarked before
// (three pages in review).
#pragma once

#include "../support/letters_fixture.hpp"
#include "cartero/returns/courier_import.hpp"
#include "cartero/returns/scan_intake.hpp"
#include "cartero/webui/server.hpp"
#include "cartero/access/users.hpp"

namespace cartero::testing {

struct ReturnsServerFixture : LettersFixture {
  std::unique_ptr<webui::Server> server;

  explicit ReturnsServerFixture(std::int64_t max_upload_bytes = 512LL * 1024 * 1024) : LettersFixture(3) {
    using access::Role;
    access::add_user(*db, {"olga", Role::office, {}}, "clave-oficina");
    access::add_user(*db, {"luis", Role::field, {"Z1"}}, "clave-terreno");
    access::add_user(*db, {"tere", Role::field, {"Z9"}}, "clave-terreno");
    access::add_user(*db, {"fabio", Role::billing, {}}, "clave-factura");
    access::add_user(*db, {"ana", Role::analyst, {}}, "clave-analista");
    // Scanned before the courier's file came (a page of a letter already in
    // the register from it would be attached to its return, not reviewed).
    returns::scan_files(*db, {pdf}, {"olga", false, 1, {}}, [](const returns::ScanLine&) {});  // unmarked pages: review
    returns::import_returns(*db, tmp.write("r.csv", "letter_id,cause,returned_on\n" + ids[0] + ",dir inexistente,2026-12-01\n" + ids[1] +
                                                        ",demolido,2026-12-01\n"),
                            returns::CourierCauses::defaults(), "olga");
    webui::ServerOptions o{db_path, 0, tmp.path("."), 2, false};
    o.max_upload_bytes = max_upload_bytes;
    server = std::make_unique<webui::Server>(o);
    server->start();
  }
  int port() const { return server->port(); }
  std::string uploads() const { return db_path + ".files/uploads"; }
};

}  // namespace cartero::testing
