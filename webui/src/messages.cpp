#include "messages.hpp"

#include <map>
#include <regex>
#include <vector>

namespace cartero::webui {

namespace {

struct Entry {
  std::regex english;    // anchored at the start; groups are the detail
  int status;
  const char* spanish;  // $N: group N as is; @N: group N as a file name
};

Entry entry(const char* pattern, int status, const char* spanish) {
  return {std::regex(std::string("^") + pattern), status, spanish};
}

// Ordered: the first match wins, so longer forms come before their prefixes.
const std::vector<Entry>& table() {
  static const std::vector<Entry> k_table = {
      // Batches, letters and dispatch.
      entry(R"~(there is no batch (\d+))~", 404, "No existe el lote $1."),
      entry(R"~(batch (\d+) was already dispatched on ([^;]+);)~", 409,
            "El lote $1 ya fue despachado el $2: un lote despachado no se despacha de nuevo."),
      entry(R"~(batch (\d+) cannot be printed: (\d+) of its accounts already got a letter after its cutoff (\S+) \((\d+) by batch (\d+) dispatched on ([^)]+)\);)~", 409,
            "El lote $1 no se puede imprimir: $2 de sus cuentas ya recibieron carta del lote $5 (despachado el $6) después de su fecha de corte $3. Descártelo y seleccione de nuevo."),
      entry(R"~(batch (\d+) cannot be dispatched: (\d+) of its accounts already got a letter after its cutoff (\S+) \((\d+) by batch (\d+) dispatched on ([^)]+)\);)~", 409,
            "El lote $1 no se puede despachar: $2 de sus cuentas ya recibieron carta del lote $5 (despachado el $6) después de su fecha de corte $3. Descártelo y seleccione de nuevo."),
      entry(R"~(batch (\d+) cannot be (?:printed|dispatched): (\d+) of its accounts already got a letter after its cutoff (\S+))~", 409,
            "El lote $1 no se puede imprimir ni despachar: $2 de sus cuentas ya recibieron carta de otros lotes después de su fecha de corte $3. Descártelo y seleccione de nuevo."),
      entry(R"~(batch (\d+) was selected on (\S+), (\d+) days ago, more than draft_max_age_days \((\d+)\))~", 409,
            "El lote $1 se seleccionó el $2, hace $3 días (más de $4): la cartera cambió desde entonces; seleccione de nuevo."),
      entry(R"~(batch (\d+) was discarded on (\S+) and cannot be)~", 409, "El lote $1 fue descartado el $2: ya no se imprime ni se despacha."),
      entry(R"~(batch (\d+) was already discarded on (\S+))~", 409, "El lote $1 ya fue descartado el $2."),
      entry(R"~(batch (\d+) was dispatched: its letters were mailed)~", 409,
            "El lote $1 ya fue despachado: sus cartas se enviaron y queda en el historial; no se puede descartar."),
      entry(R"~(batch (\d+) is being printed by another `cartero letters` run)~", 409,
            "El lote $1 se está imprimiendo en otra sesión: espere a que termine."),
      entry(R"~(batch (\d+) was printed with another (letter template|sender block))~", 409,
            "El lote $1 se imprimió con otra plantilla o remitente: la reimpresión usa los textos con que se enviaron las cartas."),
      entry(R"~(batch (\d+) has no letters yet)~", 409, "El lote $1 aún no tiene cartas: genérelas e imprímalas antes de despacharlo."),
      entry(R"~(batch (\d+) selected no account)~", 409, "El lote $1 no seleccionó ninguna cuenta: no hay cartas que imprimir."),
      entry(R"~(there is no portfolio to select from)~", 409, "No hay cartera para seleccionar: importe primero el archivo de cuentas."),
      entry(R"~(the text of letter (\S+) does not fit on the page)~", 400,
            "El texto de la carta $1 no cabe en la página: acorte la plantilla de la carta."),
      entry(R"~(.+: line (\d+): unknown placeholder \{\{(.*?)\}\})~", 400, "Plantilla de la carta, línea $1: marcador desconocido {{$2}}."),
      entry(R"~(.+: line (\d+): "\{\{" is never closed)~", 400, "Plantilla de la carta, línea $1: «{{» no se cierra con «}}»."),
      // Returns, review and cases.
      entry(R"~(letter (\S+) is not a letter Cartero printed)~", 400, "La carta $1 no fue impresa por Cartero."),
      entry(R"~(letter (\S+) belongs to a batch that was never dispatched)~", 409, "La carta $1 es de un lote que nunca se despachó."),
      entry(R"~(letter (\S+) is not a dispatched letter of Cartero)~", 400, "La carta $1 no es una carta despachada por Cartero."),
      entry(R"~(letter (\S+) already has its own return)~", 409, "La carta $1 ya tiene su propia devolución registrada."),
      entry(R"~(a correction needs its reason)~", 400, "Una corrección necesita su motivo."),
      entry(R"~(there is no return (\S+) in the register)~", 404, "No existe la devolución $1 en el registro."),
      entry(R"~(there is no scanned page (\d+))~", 404, "No existe la página escaneada $1."),
      entry(R"~(scanned page (\d+) is not waiting for review \((\w+)\))~", 409, "La página escaneada $1 ya no espera revisión (estado: $2)."),
      entry(R"~(there is no case (\d+))~", 404, "No existe el caso $1."),
      entry(R"~(case (\d+) is already closed)~", 409, "El caso $1 ya está cerrado."),
      entry(R"~(case (\d+) is not a field check)~", 409, "El caso $1 no es una verificación de terreno."),
      entry(R"~(case (\d+) is a field check, not a billing case)~", 409, "El caso $1 es una verificación de terreno, no un caso de facturación."),
      entry(R"~(address_corrected needs the new address)~", 400, "Para «dirección corregida» escriba la nueva dirección."),
      entry(R"~(a rejection needs its reason)~", 400, "Un rechazo necesita su motivo."),
      entry(R"~(a clean-up case is confirmed or rejected)~", 400, "Un caso de depuración se confirma o se rechaza."),
      entry(R"~(an address update is done with the corrected address)~", 400,
            "Una actualización de dirección se cierra con la dirección corregida, o se rechaza."),
      entry(R"~(account (\S+) is not in the portfolio and has no history)~", 404, "La cuenta $1 no está en la cartera y no tiene historial."),
      // Users.
      entry(R"~(user (.+) already exists)~", 400, "El usuario $1 ya existe."),
      entry(R"~(there is no user (.+))~", 404, "No existe el usuario $1."),
      entry(R"~(the password must have at least 8 characters)~", 400, "La contraseña debe tener al menos 8 caracteres."),
      entry(R"~(a user needs a name)~", 400, "El usuario necesita un nombre."),
      // Imported files (the path first: the file's name is kept).
      entry(R"~(import: unknown kind '(.*)')~", 400, "Tipo de importación desconocido «$1» (accounts, payments o letters)."),
      entry(R"~((.+): required column '(.+)' is missing from the header \(found: (.*)\))~", 400,
            "@1: falta la columna obligatoria «$2» en el encabezado (se encontró: $3)."),
      entry(R"~((.+): required column '(.+)' is missing)~", 400, "@1: falta la columna obligatoria «$2»."),
      entry(R"~((.+): needs a 'barcode' or a 'letter_id' column)~", 400, "@1: necesita una columna «barcode» o «letter_id»."),
      entry(R"~((.+): the file is empty)~", 400, "@1: el archivo está vacío; expórtelo de nuevo con su fila de encabezado."),
      entry(R"~((.+): not a text file)~", 400, "@1: no es un archivo de texto (tiene datos binarios); exporte la hoja como CSV."),
      entry(R"~((.+): no header row)~", 400, "@1: no tiene fila de encabezado."),
      entry(R"~((.+): it has no data rows)~", 400, "@1: no tiene filas de datos. La cartera quedó como estaba."),
      entry(R"~((.+): no row could be read; (.*)\. The portfolio was left as it was\.)~", 400,
            "@1: no se pudo leer ninguna fila ($2). La cartera quedó como estaba."),
      // Imports that would make things worse, workbooks, the import profile.
      entry(R"~((.+?): (\d+) of (\d+) rows would be rejected \((.+) %, more than the (\d+) % allowed\); nothing was imported.*the dates look like (\S+):)~", 400,
            "@1: se rechazarían $2 de $3 filas ($4 %, más del $5 % permitido); no se importó nada. Las fechas parecen $6: ajuste el formato de fecha del perfil de importación, o impórtelo aceptando las filas rechazadas."),
      entry(R"~((.+?): (\d+) of (\d+) rows would be rejected \((.+) %, more than the (\d+) % allowed\); nothing was imported)~", 400,
            "@1: se rechazarían $2 de $3 filas ($4 %, más del $5 % permitido); no se importó nada. Corrija el archivo o el perfil de importación, o impórtelo aceptando las filas rechazadas."),
      entry(R"~((.+?): column '(.+)' fails on (\d+) of (\d+) rows.*the dates look like (\S+):)~", 400,
            "@1: la columna «$2» falla en $3 de $4 filas; no se importó nada. Las fechas parecen $5: ajuste el formato de fecha del perfil de importación."),
      entry(R"~((.+?): column '(.+)' fails on (\d+) of (\d+) rows)~", 400,
            "@1: la columna «$2» falla en $3 de $4 filas; no se importó nada. Corrija el archivo o el perfil de importación."),
      entry(R"~((.+): no row could be read; (.*)\. The (payment|letter) history was left as it was\.)~", 400,
            "@1: no se pudo leer ninguna fila ($2). El historial quedó como estaba."),
      entry(R"~((.+): not an Excel workbook)~", 400, "@1: no es un libro de Excel (.xlsx es un archivo zip); guárdelo como .xlsx o expórtelo como CSV."),
      entry(R"~((.+): not a readable \.xlsx)~", 400, "@1: el .xlsx está dañado; guárdelo de nuevo desde Excel."),
      entry(R"~((.+): refused as a zip bomb)~", 400, "@1: rechazado: se expande demasiado (más de 1 GB o más de 100 veces su tamaño)."),
      entry(R"~((.+), sheet '(.+)': the sheet is hidden)~", 400, "@1: la hoja «$2» está oculta; muéstrela en Excel o indique la hoja que se debe leer."),
      entry(R"~((.+): there is no sheet '(.+)')~", 400, "@1: no existe la hoja «$2»."),
      entry(R"~((.+), sheet '(.+)', row (\d+): the header has merged cells)~", 400,
            "@1: la hoja «$2» tiene celdas combinadas en el encabezado (fila $3); sepárelas para que cada columna tenga su nombre."),
      entry(R"~((.+?), (?:sheet '.+', )?(?:row|line) (\d+): the header row appears again)~", 400,
            "@1: la fila de encabezado aparece de nuevo en la fila $2; bórrela e importe otra vez."),
      entry(R"~((.+?), (?:sheet '.+', )?row (\d+): row \d+ is Excel's last row)~", 400,
            "@1: la hoja llega a la última fila de Excel ($2): la exportación quedó cortada; expórtela por partes o como CSV."),
      entry(R"~((.+?)(?:, sheet '.+')?: the import profile (?:names|keeps) column '(.+?)')~", 400,
            "@1: el perfil de importación nombra la columna «$2», que el archivo no tiene."),
      entry(R"~(import undo: there is no previous (\w+) import to put back)~", 409, "No hay una importación anterior ($1) para restaurar."),
      // The database (while the server runs, the server's problem, not the user's).
      entry(R"~(cannot connect to PostgreSQL at )~", 503,
            "No hay conexión con la base de datos: inténtelo de nuevo en unos minutos o avise al administrador."),
      entry(R"~(cannot (open|use) database )~", 503, "No se puede usar la base de datos: avise al administrador."),
      // Settings (selection and returns).
      entry(R"~((.+): not valid JSON \((.*)\))~", 400, "$1: no es JSON válido ($2)."),
      entry(R"~((.+): the settings must be a JSON object)~", 400, "$1: los ajustes deben ser un objeto JSON."),
      entry(R"~(.+: unknown setting "(.+)")~", 400, "Ajuste desconocido «$1»."),
      entry(R"~(.+: "(.+)" must be a whole number of days)~", 400, "El ajuste «$1» debe ser un número entero de días."),
      entry(R"~(.+: "(.+)" must be a whole number)~", 400, "El ajuste «$1» debe ser un número entero."),
      entry(R"~(.+: "(.+)" must not be negative)~", 400, "El ajuste «$1» no puede ser negativo."),
      entry(R"~(.+: "(.+)" must be true or false)~", 400, "El ajuste «$1» debe ser true o false."),
      entry(R"~(.+: "thresholds" must be an object)~", 400, "El ajuste «thresholds» debe ser un objeto, por ejemplo {\"residential\": 100000}."),
      entry(R"~(.+: unknown use type "(.+)" in thresholds)~", 400,
            "Tipo de uso desconocido «$1» en thresholds (residential, commercial, industrial, official)."),
      entry(R"~(.+: unknown cause "(.+)")~", 400, "Causal desconocida «$1»."),
      entry(R"~(.+: unknown route "(.+)")~", 400, "Destino desconocido «$1» (field, billing o none)."),
  };
  return k_table;
}

std::string file_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string fill(const char* spanish, const std::smatch& m) {
  std::string out;
  for (const char* p = spanish; *p; ++p) {
    const bool marker = (*p == '$' || *p == '@') && p[1] >= '1' && p[1] <= '9';
    if (!marker) {
      out.push_back(*p);
      continue;
    }
    const std::string group = m[static_cast<std::size_t>(p[1] - '0')].str();
    out += *p == '@' ? file_name(group) : group;
    ++p;
  }
  return out;
}

}  // namespace

std::string spanish_row_reason(const std::string& english) {
  static const std::vector<Entry> k_rows = {
      entry(R"~(no account_id)~", 400, "falta el número de cuenta (account_id)"),
      entry(R"~((.*) is not a use type)~", 400, "$1 no es un tipo de uso (residencial, comercial, industrial, oficial)"),
      entry(R"~((.*) is not a billing type)~", 400, "$1 no es un tipo de facturación (directa, conjunta)"),
      entry(R"~((.*) is not an amount in whole pesos)~", 400, "$1 no es un valor en pesos enteros (1234567, 1.234.567 o $ 1.234.567)"),
      entry(R"~((.*) is not a whole number of days)~", 400, "$1 no es un número entero de días"),
      entry(R"~((.*) is not yes/no)~", 400, "$1 no es sí/no (1/0, true/false, si/no)"),
      entry(R"~((.*) is not a sanitation flag)~", 400,
            "$1 no es una marca de saneamiento (demolido, lote, doble_facturacion o vacío)"),
      entry(R"~((.*) is not a date)~", 400, "$1 no es una fecha (AAAA-MM-DD)"),
      entry(R"~(account (.*) appears on an earlier row)~", 400, "la cuenta $1 ya aparece en una fila anterior del archivo"),
      entry(R"~(the row has (\d+) fields; column '(.*)' is missing)~", 400, "la fila tiene $1 campos: le falta la columna «$2»"),
  };
  std::smatch m;
  for (const auto& e : k_rows) {
    if (std::regex_search(english, m, e.english, std::regex_constants::match_continuous)) return fill(e.spanish, m);
  }
  return english;
}

SpanishError spanish_error(const std::string& english) {
  std::smatch m;
  for (const auto& e : table()) {
    if (std::regex_search(english, m, e.english, std::regex_constants::match_continuous)) return {e.status, fill(e.spanish, m)};
  }
  return {400, "No se pudo completar la operación: " + english};
}

std::string field_label(const std::string& key) {
  static const std::map<std::string, std::string> k_labels = {
      {"username", "usuario"}, {"password", "contraseña"}, {"name", "nombre"},
      {"role", "rol"}, {"zones", "zonas"}, {"cutoff", "fecha de corte"},
      {"settings", "ajustes"}, {"max", "máximo de cartas"}, {"date", "fecha"},
      {"letter_id", "número de carta"}, {"cause", "causal"}, {"outcome", "resultado"},
      {"address", "dirección"}, {"decision", "decisión"}, {"reason", "motivo"},
      {"observation", "observación"},
  };
  const auto it = k_labels.find(key);
  return it == k_labels.end() ? "\"" + key + "\"" : it->second + " (" + key + ")";
}

}  // namespace cartero::webui
