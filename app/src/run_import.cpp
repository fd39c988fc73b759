#include <cstdio>

#include "cartero/access/audit.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/proof/admissions.hpp"
#include "cartero/proof/proofs.hpp"
#include "cartero/returns/courier_import.hpp"
#include "cartero/returns/settings.hpp"
#include "cartero/returns/snapshots.hpp"
#include "cartero/selection/claims.hpp"
#include "cartero/selection/import.hpp"
#include <cstdlib>
#include "commands.hpp"

namespace cartero::app {

int run_import(const Context& ctx, Args& args) {
  const std::string who = user_of(ctx, args);
  const auto config = args.option("--config");
  selection::ImportOptions options;
  options.sheet = args.option("--sheet");
  options.accept_rejected = args.flag("--accept-rejected");
  options.replace_smaller = args.flag("--replace-smaller");
  auto pos = args.positionals();
  if (pos.size() == 2 && pos[0] == "undo" && selection::is_claims_kind(pos[1])) {
    auto db = Database::open(ctx.db_uri);
    selection::UndoSummary undo;
    access::audited(*db, who, "import.undo." + pos[1], pos[1], [&] {
      access::Change change{selection::import_log_json(*db, pos[1]), ""};
      undo = selection::undo_claims_import(*db, pos[1]);
      change.after_json = selection::import_log_json(*db, pos[1]);
      return change;
    });
    std::printf("%s\n", undo.to_json().c_str());
    return 0;
  }
  if (pos.size() == 2 && pos[0] == "undo") {
    const auto kind = selection::parse_import_kind(pos[1]);
    auto db = Database::open(ctx.db_uri);
    selection::UndoSummary undo;
    access::audited(*db, who, "import.undo." + pos[1], pos[1], [&] {
      access::Change change{selection::last_import_json(*db, kind), ""};
      undo = selection::undo_import(*db, kind);
      change.after_json = selection::last_import_json(*db, kind);
      return change;
    });
    std::printf("%s\n", undo.to_json().c_str());
    return 0;
  }
  if (pos.size() >= 2 && pos[0] == "proofs") {
    auto db = Database::open(ctx.db_uri);
    std::string summary;
    access::audited(*db, who, "import.proofs", pos[1], [&] {
      summary = proof::to_json(proof::import_proofs(*db, {pos.begin() + 1, pos.end()}, who));
      return access::Change{"null", summary};
    });
    std::printf("%s\n", summary.c_str());
    return 0;
  }
  if (pos.size() != 2) {
    throw InputError("usage: cartero import accounts|payments|letters|returns|deliveries|claims|contacts|admissions FILE.csv|FILE.xlsx "
                     "[--sheet NAME] [--accept-rejected] [--replace-smaller] | import undo accounts|payments|letters|claims|contacts");
  }
  if (pos[0] == "returns" || pos[0] == "deliveries") {
    auto db = Database::open(ctx.db_uri);
    const auto settings = returns::return_settings_for(*db, config);
    std::string summary;
    access::audited(*db, who, "import." + pos[0], pos[1], [&] {
      access::Change change{returns::register_counts(*db), ""};
      summary = (pos[0] == "returns" ? returns::import_returns(*db, pos[1], settings.courier, who, settings.routing, options.sheet)
                                     : returns::import_deliveries(*db, pos[1], who, options.sheet))
                    .to_json();
      change.after_json = returns::register_counts(*db);
      return change;
    });
    std::printf("%s\n", summary.c_str());
    return 0;
  }
  if (pos[0] == "claims" || pos[0] == "contacts") {
    auto db = Database::open(ctx.db_uri);
    selection::ImportSummary s;
    std::string summary;
    access::audited(*db, who, "import." + pos[0], pos[1], [&] {
      access::Change change{selection::import_log_json(*db, pos[0]), ""};
      s = pos[0] == "claims" ? selection::import_claims(*db, pos[1], options, Date::today())
                             : selection::import_contacts(*db, pos[1], options, Date::today());
      summary = s.to_json();
      change.after_json = summary;
      return change;
    });
    std::printf("%s\n", summary.c_str());
    if (!s.rejected.empty()) {
      std::fprintf(stderr, "cartero: %zu of %lld rows of %s were not imported (see \"rejected\")\n", s.rejected.size(),
                   static_cast<long long>(s.read), pos[1].c_str());
    }
    return 0;
  }
  if (pos[0] == "admissions") {
    auto db = Database::open(ctx.db_uri);
    std::string summary;
    access::audited(*db, who, "import.admissions", pos[1], [&] {
      summary = proof::to_json(proof::import_admissions(*db, pos[1], who, Date::today()));
      return access::Change{"null", summary};
    });
    std::printf("%s\n", summary.c_str());
    return 0;
  }
  const auto kind = selection::parse_import_kind(pos[0]);
  auto db = Database::open(ctx.db_uri);
  selection::ImportSummary summary;
  access::audited(*db, who, "import." + pos[0], pos[1], [&] {
    access::Change change{selection::last_import_json(*db, kind), ""};
    summary = selection::import_file(*db, kind, pos[1], options);
    change.after_json = selection::last_import_json(*db, kind);
    return change;
  });
  std::printf("%s\n", summary.to_json().c_str());
  if (!summary.rejected.empty()) {
    std::fprintf(stderr, "cartero: %zu of %lld rows of %s were not imported (see \"rejected\")\n",
                 summary.rejected.size(), static_cast<long long>(summary.read), pos[1].c_str());
  }
  if (summary.unknown_document_types > 0) {
    std::fprintf(stderr,
                 "cartero: %lld accounts have a document type Cartero does not know (like \"%s\"): kept as written, "
                 "their letters say Señores only when the document id is a NIT; map it in the import profile "
                 "(accounts.values.document_type)\n",
                 static_cast<long long>(summary.unknown_document_types), summary.unknown_document_type.c_str());
  }
  return 0;
}

}  // namespace cartero::app
