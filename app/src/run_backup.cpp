#include <cstdio>
#include <string>

#include "cartero/core/backup.hpp"
#include "cartero/core/database.hpp"
#include "cartero/core/error.hpp"
#include "cartero/core/progress.hpp"
#include "commands.hpp"

namespace cartero::app {

namespace {

BackupProgress shown(Progress& bar) {
  return [&bar](double f, const std::string& what) { bar.update(f, what); };
}

}  // namespace

// `cartero backup --out DIR` (while the server runs), `cartero backup
// verify DIR`. Prints the manifest's summary or the check as JSON; a
// backup that fails its check exits 1.
int run_backup(const Context& ctx, Args& args) {
  const auto out = args.option("--out");
  const auto pos = args.positionals();
  if (pos.size() == 2 && pos[0] == "verify" && !out) {
    Progress bar("Verificando copia");
    const auto check = verify_backup(pos[1], shown(bar));
    std::printf("%s\n", to_json(check).c_str());
    return check.ok ? 0 : 1;
  }
  if (!out || !pos.empty()) throw InputError("usage: cartero backup --out DIR | backup verify DIR");
  auto db = Database::open(ctx.db_uri);
  Progress bar("Copia de seguridad");
  const auto m = write_backup(*db, *out, shown(bar));
  std::printf("%s\n", to_json(m, false).c_str());
  return 0;
}

// `cartero restore DIR --db TARGET`: a new SQLite file or an empty
// PostgreSQL database; refused with nothing written when the backup fails
// its check or the target holds data.
int run_restore(const Context& ctx, Args& args) {
  const auto target = args.option("--db").value_or(ctx.db_uri);
  const auto pos = args.positionals();
  if (pos.size() != 1) throw InputError("usage: cartero restore DIR --db TARGET (a new SQLite file or an empty PostgreSQL database)");
  Progress bar("Restaurando");
  const auto check = restore_backup(pos[0], target, shown(bar));
  std::printf("%s\n", to_json(check).c_str());
  return check.ok ? 0 : 1;
}

}  // namespace cartero::app
