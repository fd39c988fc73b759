#include <cstdio>

#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/proof/certificate.hpp"
#include "commands.hpp"

namespace cartero::app {

// `cartero certificate LETTER_ID | --account ID --out FILE.pdf` writes the
// "Constancia de envío y notificación"; `certificate verify FILE.pdf` tells
// whether a file is one Cartero issued, unaltered, and whether its facts
// still hold.
int run_certificate(const Context& ctx, Args& args) {
  const auto account = args.option("--account");
  const auto out = args.option("--out");
  const auto user = args.option("--user");
  const auto pos = args.positionals();
  auto db = Database::open(ctx.db_uri);
  if (pos.size() == 2 && pos[0] == "verify") {
    const auto v = proof::verify_certificate(*db, pos[1], proof::current_bureau_settings(*db));
    std::printf("%s\n", proof::to_json(v).c_str());
    return v.issued ? 0 : 1;
  }
  if (!out || (pos.size() == 1) == static_cast<bool>(account) || pos.size() > 1) {
    throw InputError("usage: cartero certificate LETTER_ID --out FILE.pdf | certificate --account ID --out FILE.pdf | "
                     "certificate verify FILE.pdf");
  }
  const std::string letter = account ? proof::latest_dispatched_letter(*db, *account) : pos[0];
  const auto r = proof::write_certificate(*db, letter, *out, user.value_or(ctx.user), proof::current_bureau_settings(*db));
  std::printf("%s\n", proof::to_json(r).c_str());
  return 0;
}

}  // namespace cartero::app
