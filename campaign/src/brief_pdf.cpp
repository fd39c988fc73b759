// The brief as a PDF people read before approving (Spanish), from the
// brief's JSON (Poco::JSON is this file's adapter), through letters' writer.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "cartero/campaign/brief.hpp"
#include "cartero/letters/document.hpp"

namespace cartero::campaign {

namespace {

using Obj = Poco::JSON::Object::Ptr;

std::string text_of(const Obj& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return "—";
  return o->get(key).convert<std::string>();
}

// 1234567 -> "$ 1.234.567"
std::string pesos(const std::string& digits) {
  std::string out;
  const bool negative = !digits.empty() && digits[0] == '-';
  const std::string d = negative ? digits.substr(1) : digits;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return std::string("$ ") + (negative ? "-" : "") + out;
}

void breakdown(std::vector<letters::DocumentLine>& out, const std::string& title, const Poco::JSON::Array::Ptr& rows) {
  out.push_back({title, true, 10});
  for (std::size_t i = 0; rows && i < rows->size(); ++i) {
    const auto r = rows->getObject(static_cast<unsigned>(i));
    const std::string value = text_of(r, "value");
    out.push_back({"   " + (value.empty() ? std::string("(sin dato)") : value) + ": " + text_of(r, "accounts") +
                       " cartas, " + pesos(text_of(r, "pesos")),
                   false, 9.5});
  }
}

}  // namespace

void write_brief_pdf(const Brief& b, const std::string& path) {
  const auto o = Poco::JSON::Parser().parse(b.json).extract<Obj>();
  std::vector<letters::DocumentLine> out;
  out.push_back({"Brief de campaña de cartas certificadas (F559) — lote " + text_of(o, "batch"), true, 14});
  out.push_back({"SHA-256 de este brief: " + b.sha256, false, 8});
  out.push_back({"Propósito: " + text_of(o, "purpose")});
  out.push_back({"Fecha de corte: " + text_of(o, "cutoff") + " · Estado: " + text_of(o, "status") +
                 " · Seleccionado por: " + text_of(o, "created_by")});
  out.push_back({"Impresión planeada: " + text_of(o, "print_on") + " · Despacho planeado: " + text_of(o, "dispatch_on")});
  const auto sel = o->getObject("selected");
  out.push_back({"Cartas: " + text_of(sel, "accounts") + " · Saldo total: " + pesos(text_of(sel, "pesos")), true, 11});
  out.push_back({"Tarifa por carta: " + (o->isNull("letter_tariff") ? std::string("sin definir") : pesos(text_of(o, "letter_tariff"))) +
                 " · Costo estimado: " + (o->isNull("estimated_cost") ? std::string("—") : pesos(text_of(o, "estimated_cost")))});
  breakdown(out, "Por tipo de uso", sel->getArray("by_use_type"));
  breakdown(out, "Por tipo de facturación", sel->getArray("by_billing_type"));
  breakdown(out, "Por zona", sel->getArray("by_zone"));
  out.push_back({"Embudo de selección", true, 11});
  if (const auto f = o->getObject("funnel")) {
    out.push_back({"   Cuentas en la cartera: " + text_of(f, "total"), false, 9.5});
    const auto steps = f->getArray("steps");
    for (std::size_t i = 0; steps && i < steps->size(); ++i) {
      const auto s = steps->getObject(static_cast<unsigned>(i));
      if (text_of(s, "excluded") == "0") continue;
      out.push_back({"   - " + text_of(s, "label") + ": " + text_of(s, "excluded") + " (quedan " + text_of(s, "remaining") + ")",
                     false, 9.5});
    }
    out.push_back({"   Seleccionadas: " + text_of(f, "selected"), false, 9.5});
  }
  const auto cg = o->getObject("control_group");
  if (cg && !cg->isNull("note")) out.push_back({text_of(cg, "note"), true, 10});
  out.push_back({"Reglas en vigor (las del lote)", true, 11});
  const auto rules = o->getObject("rules");
  for (const auto& key : rules->getNames()) {
    std::ostringstream v;
    Poco::JSON::Stringifier::stringify(rules->get(key), v);
    out.push_back({"   " + key + ": " + v.str(), false, 9});
  }
  const auto differ = o->getArray("rules_differ_from_saved");
  std::string keys;
  for (std::size_t i = 0; differ && i < differ->size(); ++i) keys += (keys.empty() ? "" : ", ") + differ->getElement<std::string>(static_cast<unsigned>(i));
  out.push_back({"Difieren de las guardadas: " + (keys.empty() ? std::string("ninguna") : keys)});
  out.push_back({"Plantilla (SHA-256): " + text_of(o, "template_sha256"), false, 8});
  out.push_back({"Remitente (SHA-256): " + text_of(o, "sender_sha256"), false, 8});
  out.push_back({"Aprobaciones", true, 11});
  const auto approvals = o->getArray("approvals");
  if (!approvals || approvals->size() == 0) out.push_back({"   Sin aprobar: la impresión espera la aprobación de un supervisor."});
  for (std::size_t i = 0; approvals && i < approvals->size(); ++i) {
    const auto a = approvals->getObject(static_cast<unsigned>(i));
    out.push_back({"   " + text_of(a, "approved_by") + ", " + text_of(a, "approved_at") +
                   (text_of(a, "valid") == "true" ? " (vigente)" : " (sin efecto: cambiaron reglas, plantilla o remitente)")});
  }
  letters::write_document_pdf(out, path);
}

}  // namespace cartero::campaign
