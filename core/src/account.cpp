#include "cartero/core/account.hpp"

#include <array>
#include <cctype>

#include "cartero/core/text.hpp"

namespace cartero {

std::string_view code(UseType v) {
  switch (v) {
    case UseType::residential: return "residential";
    case UseType::commercial: return "commercial";
    case UseType::industrial: return "industrial";
    case UseType::official: return "official";
  }
  return "";
}

std::string_view code(BillingType v) { return v == BillingType::direct ? "direct" : "joint"; }

std::string_view code(Sanitation v) {
  switch (v) {
    case Sanitation::none: return "";
    case Sanitation::demolished: return "demolished";
    case Sanitation::vacant_lot: return "vacant_lot";
    case Sanitation::double_billing: return "double_billing";
  }
  return "";
}

std::optional<UseType> parse_use_type(std::string_view text) {
  // Canonical codes (what the database holds) first, without folding.
  for (auto v : {UseType::residential, UseType::commercial, UseType::industrial, UseType::official}) {
    if (text == code(v)) return v;
  }
  const std::string s = fold_code(text);
  if (s == "residential" || s == "residencial") return UseType::residential;
  if (s == "commercial" || s == "comercial") return UseType::commercial;
  if (s == "industrial") return UseType::industrial;
  if (s == "official" || s == "oficial") return UseType::official;
  return std::nullopt;
}

std::optional<BillingType> parse_billing_type(std::string_view text) {
  if (text == "direct") return BillingType::direct;
  if (text == "joint") return BillingType::joint;
  const std::string s = fold_code(text);
  if (s == "direct" || s == "directa") return BillingType::direct;
  if (s == "joint" || s == "conjunta") return BillingType::joint;
  return std::nullopt;
}

std::optional<Sanitation> parse_sanitation(std::string_view text) {
  if (text.empty()) return Sanitation::none;
  for (auto v : {Sanitation::demolished, Sanitation::vacant_lot, Sanitation::double_billing}) {
    if (text == code(v)) return v;
  }
  const std::string s = fold_code(text);
  if (s.empty() || s == "none" || s == "ninguno" || s == "ninguna") return Sanitation::none;
  if (s == "demolished" || s == "demolido") return Sanitation::demolished;
  if (s == "vacant_lot" || s == "lote") return Sanitation::vacant_lot;
  if (s == "double_billing" || s == "doble_facturacion") return Sanitation::double_billing;
  return std::nullopt;
}

std::optional<bool> parse_flag(std::string_view text) {
  const std::string s = fold_code(text);
  if (s.empty() || s == "0" || s == "false" || s == "no" || s == "n") return false;
  if (s == "1" || s == "true" || s == "yes" || s == "si" || s == "s" || s == "y") return true;
  return std::nullopt;
}

namespace {

struct DocumentType {
  std::string_view code, label;
  std::array<std::string_view, 7> names;  // folded by document_key; "" unused
};

// Folded as document_key leaves them: lower-case letters and digits, the
// words "de", "del", "la", "el" left out.
constexpr std::array<DocumentType, 12> k_document_types = {{
    {"CC", "Cédula de ciudadanía", {"cc", "cedula", "cedulaciudadania", "ced", "cedulaciudadano", "13", ""}},
    {"CE", "Cédula de extranjería", {"ce", "cedulaextranjeria", "extranjeria", "22", "", "", ""}},
    {"TI", "Tarjeta de identidad", {"ti", "tarjetaidentidad", "12", "", "", "", ""}},
    {"RC", "Registro civil", {"rc", "registrocivil", "registrocivilnacimiento", "11", "", "", ""}},
    {"TE", "Tarjeta de extranjería", {"te", "tarjetaextranjeria", "21", "", "", "", ""}},
    {"PP", "Pasaporte", {"pp", "pasaporte", "pa", "pas", "41", "", ""}},
    {"PEP", "Permiso especial de permanencia", {"pep", "permisoespecialpermanencia", "pe", "47", "", "", ""}},
    {"PPT", "Permiso por protección temporal", {"ppt", "permisoporprotecciontemporal", "permisoprotecciontemporal", "pt", "48", "", ""}},
    {"DIE", "Documento de identificación extranjero", {"die", "documentoidentificacionextranjero", "42", "", "", "", ""}},
    {"CD", "Carné diplomático", {"cd", "carnediplomatico", "carnetdiplomatico", "", "", "", ""}},
    {"NUIP", "Número único de identificación personal", {"nuip", "numerounicoidentificacionpersonal", "91", "", "", "", ""}},
    // The RUT is the tax registry; its number is the NIT. "50": the DIAN's
    // "NIT de otro país".
    {"NIT", "NIT", {"nit", "numeroidentificaciontributaria", "rut", "registrounicotributario", "31", "nitotropais", "50"}},
}};

std::string document_key(std::string_view text) {
  std::string out, word;
  const auto flush = [&] {
    if (word != "de" && word != "del" && word != "la" && word != "el") out += word;
    word.clear();
  };
  for (const char c : fold_code(text)) {
    if (std::isalnum(static_cast<unsigned char>(c))) word += c;
    else flush();
  }
  flush();
  return out;
}

// 9 digits starting with 8 or 9 before the check digit ("900.123.456-7",
// "900123456-7", "900123456"), or "NIT" written in it.
bool nit_shaped(std::string_view document_id) {
  std::string upper;
  for (const char c : document_id) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("NIT") != std::string::npos) return true;
  const auto dash = document_id.find('-');
  std::string digits;
  for (const char c : document_id.substr(0, dash)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '.' && c != ' ') {
      return false;
    }
  }
  return digits.size() == 9 && (digits[0] == '8' || digits[0] == '9');
}

}  // namespace

std::optional<std::string_view> parse_document_type(std::string_view text) {
  const std::string key = document_key(text);
  if (key.empty()) return std::nullopt;
  for (const auto& t : k_document_types) {
    for (const auto name : t.names) {
      if (!name.empty() && name == key) return t.code;
    }
  }
  return std::nullopt;
}

std::string_view document_type_label(std::string_view type) {
  for (const auto& t : k_document_types) {
    if (t.code == type) return t.label;
  }
  return type;
}

bool holder_is_business(std::string_view document_type, std::string_view document_id) {
  if (const auto type = parse_document_type(document_type)) return *type == "NIT";
  return nit_shaped(document_id);
}

}  // namespace cartero
