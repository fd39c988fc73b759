// The effectiveness report as JSON and CSV.
#include <cstdio>

#include "cartero/campaign/effectiveness.hpp"
#include "cartero/core/people_export.hpp"
#include "cartero/core/json.hpp"

namespace cartero::campaign {

namespace {

void side(JsonWriter& j, const SideFigures& f) {
  j.begin_object().key("accounts").value(f.accounts).key("paid").value(f.paid).key("share").value(f.share());
  j.key("pesos").value(f.pesos).end_object();
}

void windows(JsonWriter& j, const std::vector<WindowFigures>& ws, const std::optional<Pesos>& tariff) {
  j.begin_array();
  for (const auto& w : ws) {
    j.begin_object().key("days").value(w.days).key("mailed");
    side(j, w.mailed);
    j.key("control");
    if (w.control) side(j, *w.control);
    else j.null();
    j.key("lift");
    if (w.lift) {
      j.begin_object().key("share").value(w.lift->share).key("ci95").begin_array();
      j.value(w.lift->ci95.low).value(w.lift->ci95.high).end_array();
      j.key("pesos_beyond_control").value(w.lift->pesos_beyond_control).key("per_peso_of_postage");
      if (tariff && *tariff > 0 && w.mailed.accounts > 0) {
        j.value(w.lift->pesos_beyond_control / (static_cast<double>(*tariff) * static_cast<double>(w.mailed.accounts)));
      } else {
        j.null();
      }
      j.end_object();
    } else {
      j.null();
    }
    j.end_object();
  }
  j.end_array();
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string to_json(const EffectivenessReport& r) {
  JsonWriter j;
  j.begin_object().key("batch").value(r.batch).key("dispatched_on").value(r.dispatched_on);
  j.key("ci_method").value("newcombe_wilson").key("letter_tariff").value(r.letter_tariff);
  j.key("payments_until");
  if (r.payments_until.empty()) j.null();
  else j.value(r.payments_until);
  j.key("note");
  if (r.note.empty()) j.null();
  else j.value(r.note);
  j.key("windows");
  windows(j, r.windows, r.letter_tariff);
  j.key("segments").begin_array();
  for (const auto& s : r.segments) {
    j.begin_object().key("dimension").value(s.dimension).key("value").value(s.value).key("windows");
    windows(j, s.windows, r.letter_tariff);
    j.end_object();
  }
  j.end_array().end_object();
  return j.str();
}

void write_csv(const std::string& path, const EffectivenessReport& r, ExportFormat format) {
  const CellKind n = CellKind::number, t = CellKind::text;
  auto w = open_export(path, format, "Efectividad",
                       {{"dimension", "Dimensión", t}, {"value", "Valor", t}, {"days", "Días", n},
                        {"mailed_accounts", "Cuentas con carta", n}, {"mailed_paid", "Pagaron (carta)", n},
                        {"mailed_share", "Proporción (carta)", t}, {"mailed_pesos", "Pesos (carta)", n},
                        {"control_accounts", "Cuentas de control", n}, {"control_paid", "Pagaron (control)", n},
                        {"control_share", "Proporción (control)", t}, {"control_pesos", "Pesos (control)", n},
                        {"lift_share", "Diferencia en proporción", t}, {"lift_ci95_low", "IC 95 % inferior", t},
                        {"lift_ci95_high", "IC 95 % superior", t}, {"pesos_beyond_control", "Pesos sobre el control", t}});
  const auto rows = [&](const std::string& dim, const std::string& value, const std::vector<WindowFigures>& ws) {
    for (const auto& f : ws) {
      std::vector<std::string> cells = {dim, value, std::to_string(f.days), std::to_string(f.mailed.accounts),
                                        std::to_string(f.mailed.paid), number(f.mailed.share()),
                                        std::to_string(f.mailed.pesos)};
      if (f.control) {
        for (const auto& c : {std::to_string(f.control->accounts), std::to_string(f.control->paid),
                              number(f.control->share()), std::to_string(f.control->pesos)}) {
          cells.push_back(c);
        }
      } else {
        cells.insert(cells.end(), 4, "");
      }
      if (f.lift) {
        for (const double v : {f.lift->share, f.lift->ci95.low, f.lift->ci95.high, f.lift->pesos_beyond_control}) {
          cells.push_back(number(v));
        }
      } else {
        cells.insert(cells.end(), 4, "");
      }
      w->row(cells);
    }
  };
  rows("all", "", r.windows);
  for (const auto& s : r.segments) rows(s.dimension, s.value, s.windows);
  w->close();
}

}  // namespace cartero::campaign
