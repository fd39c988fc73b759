#include "commands.hpp"

#include <vector>

namespace cartero::app {

std::string user_of(const Context& ctx, Args& args) { return args.option("--user").value_or(ctx.user); }

const std::vector<Command>& all_commands() {
  static const std::vector<Command> k_commands = {
      {"import", run_import,
       "import accounts|payments|letters FILE.csv|FILE.xlsx [--sheet NAME] [--accept-rejected] [--replace-smaller]\n"
       "    import an export; prints a JSON summary\n"
       "  import undo accounts|payments|letters   put back the previous import\n"
       "  import returns|deliveries FILE.csv|FILE.xlsx [--sheet NAME] [--user NAME] [--config FILE]   the courier's spreadsheets\n"
       "  import admissions FILE.csv   the courier's admission: each letter's guía and admission date\n"
       "  import proofs FILE|DIR…   the courier's proofs of delivery, matched by guía or letter number"},
      {"select", run_select,
       "select [--cutoff YYYY-MM-DD] [--max N] [--control-group PERCENT] [--user NAME] [--config FILE] [--out selected.csv] "
       "[--explain excluded.csv]   create a draft batch"},
      {"letters", run_letters,
       "letters --batch ID --out DIR [--part-size N] [--template FILE] [--sender FILE] [--date YYYY-MM-DD]   "
       "the batch's letters as PDF parts, manifest.csv and layout.json"},
      {"manifest", run_manifest,
       "manifest --batch ID --out FILE [--part-size N]   a printed batch's manifest.csv again, with the courier's guías "
       "(a `guia` column) once `import admissions` recorded them"},
      {"dispatch", run_dispatch,
       "dispatch --batch ID [--date YYYY-MM-DD] [--held-back FILE.csv]   mark the batch's letters as sent; the letters "
       "of accounts that paid after the cutoff are held back (void, numbers kept) and listed for the print house"},
      {"batch", run_batch,
       "batch discard ID [--user NAME]   discard a draft or printed batch (kept in the history)\n"
       "  batch brief ID [--out brief.pdf] [--template FILE] [--sender FILE] [--print-on D] [--dispatch-on D]   "
       "the campaign's brief (F559) as JSON, and as PDF with --out\n"
       "  batch approve ID --user NAME [--template FILE] [--sender FILE]   approve printing, having read the brief "
       "(NAME: a supervisor or admin who did not select the batch)"},
      {"letter", run_letter,
       "letter show LETTER_ID --out page.pdf   a printed letter's page from the archive, its SHA-256 checked"},
      {"layout", run_layout, "layout   print the letter's geometry as JSON"},
      {"scan", run_scan,
       "scan [--user NAME] [--dry-run] FILE…   read returned letters (PDF, TIFF, PNG, JPEG) and register them; "
       "one JSON line per page"},
      {"return", run_return,
       "return add LETTER_ID|BARCODE --cause C [--observation O] [--date D] | return correct RETURN_ID [--cause C] "
       "[--letter L] --reason R | return void RETURN_ID --reason R   register a return by hand, correct or void one (kept as "
       "history)"},
      {"review", run_review,
       "review | review PAGE_ID --letter L --cause C   the pages kept for a person, and confirming one"},
      {"export", run_export,
       "export field-list --zone Z --out FILE.csv|pdf | export billing-list --out FILE.csv   work lists of open cases"},
      {"case", run_case,
       "case ID --outcome address_ok|address_corrected|address_wrong|demolished|vacant_lot [--address A] | "
       "case ID --decision confirmed|rejected|done [--reason R] [--address A] | case reopen ID --reason R   close a field or "
       "billing case, or reopen a closed one"},
      {"report", run_report,
       "report batches [--batch ID] [--csv FILE] | report cases | report account ID | report bureau [--as-of DATE] | "
       "report effectiveness --batch ID [--days 30,60,90] [--csv FILE] [--xlsx FILE] | report quality [--batch ID] [--csv FILE]   "
       "sent, delivered, returned and pending letters, returns by cause and zone; open cases by age; an account's history; "
       "what the letters recovered next to the control group; the portfolio's or a batch's data quality"},
      {"user", run_user,
       "user add NAME --role admin|analyst|office|field|billing [--zones Z1,Z2] | user passwd NAME | user list | "
       "user unlock NAME   "
       "(passwords on stdin)"},
      {"settings", run_settings,
       "settings show | settings set selection|returns FILE.json   the rule settings and the returns settings (routing, "
       "courier names, deadlines) every command and the web UI use; --config FILE on a command uses a file instead"},
      {"serve", run_serve,
       "serve [--port 8080] [--cert FILE.pem --key FILE.pem]   the web UI and its JSON API, over HTTPS with a certificate "
       "and its key; prints http(s)://127.0.0.1:PORT/ when it answers"},
      {"address", run_address,
       "address normalize   addresses one a line on stdin; one JSON line each: canonical form (DIAN abbreviations), "
       "verdict (complete, incomplete, rural, unreadable) and parts"},
      {"certificate", run_certificate,
       "certificate LETTER_ID --out FILE.pdf | certificate --account ID --out FILE.pdf | certificate verify FILE.pdf   "
       "the 'Constancia de envío y notificación' of a letter a lawyer can file, and checking one"},
      {"holidays", run_holidays,
       "holidays YEAR   Colombia's public holidays of the year (JSON lines); dispatch refuses them and Sundays"},
      {"backup", run_backup,
       "backup --out DIR | backup verify DIR   the database as of one instant (while the server works) with every kept "
       "file and a manifest of row counts and SHA-256; checking a backup"},
      {"restore", run_restore,
       "restore DIR --db TARGET   a backup into a new SQLite file or an empty PostgreSQL database, checked against its "
       "manifest"},
      {"decode", run_decode, "decode FILE…   every barcode on every page (format, text, position), as JSON lines"},
  };
  return k_commands;
}

}  // namespace cartero::app
