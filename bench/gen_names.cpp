#include "gen_names.hpp"

#include <algorithm>
#include <cmath>

namespace cartero::gen {

namespace {

const std::vector<std::string> k_given = {
    "José", "María", "Luis", "Ana", "Carlos", "Luz Marina", "Jorge", "Sofía", "Andrés", "Martha",
    "Juan Pablo", "Ángela", "Héctor", "Nubia", "Óscar", "Yolanda", "Camilo", "Diana", "Hernán", "Gloria",
    "Sebastián", "Mónica", "Iván", "Rocío", "Germán", "Inés", "Raúl", "Beatriz", "Julián", "Dora"};
const std::vector<std::string> k_surnames = {
    "Peña", "Muñoz", "Rodríguez", "Gómez", "González", "Martínez", "Fernández", "Núñez", "Ramírez", "Díaz",
    "Pérez", "Sánchez", "López", "Castañeda", "Ibáñez", "Londoño", "Ordóñez", "Álvarez", "Suárez", "Cañón",
    "Vásquez", "Jiménez", "Hernández", "Acuña", "Patiño", "Cárdenas", "Montaño", "Quiñónez", "Mejía", "Ruiz"};
const std::vector<std::string> k_companies = {
    "Panadería La Espiga", "Droguería San Jorge", "Ferretería El Tornillo", "Restaurante Doña Inés",
    "Papelería Ñapa", "Tienda Don José", "Cafetería La Única", "Miscelánea El Ángel", "Taller Los Cañones"};
const std::vector<std::string> k_street_types = {"CL", "KR", "AV", "DG", "TV", "AK", "AC"};
const std::vector<std::string> k_suffixes = {"", "", "", "", "A", "B", "C", "BIS", "A BIS"};
const std::vector<std::string> k_units = {"", "", "", " AP 201", " AP 302", " CASA 4", " LC 2", " INT 3", " TO 2 AP 1104"};
const std::vector<std::string> k_neighborhoods = {
    "Kennedy", "Chapinero", "Suba Rincón", "Bosa Piamonte", "Engativá", "Fontibón", "Usaquén",
    "La Candelaria", "San Cristóbal", "Teusaquillo", "Ciudad Bolívar", "Tunjuelito", "Los Mártires",
    "Barrios Unidos", "Puente Aranda", "Santa Fe", "Usme", "Rafael Uribe", "Antonio Nariño", "La Perseverancia"};

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

double uniform(std::mt19937_64& rng) { return std::uniform_real_distribution<double>(0, 1)(rng); }
long long between(std::mt19937_64& rng, long long lo, long long hi) {
  return std::uniform_int_distribution<long long>(lo, hi)(rng);
}

std::string address(std::mt19937_64& rng) {
  const bool south = uniform(rng) < 0.25;
  return pick(rng, k_street_types) + " " + std::to_string(between(rng, 1, 180)) + pick(rng, k_suffixes) +
         (south ? " SUR" : "") + " # " + std::to_string(between(rng, 1, 120)) + pick(rng, k_suffixes) + " - " +
         std::to_string(between(rng, 1, 99)) + pick(rng, k_units);
}

std::string upper_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string mixed_case(std::mt19937_64& rng, std::string s) {
  const double u = uniform(rng);
  if (u < 0.2) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }
  return u < 0.6 ? upper_first(s) : s;
}

}  // namespace

const char* column_name(Field f) {
  static const char* k_names[] = {"account_id", "holder_name", "document_id", "use_type", "address",
                                  "neighborhood", "city", "zone", "billing_type", "balance",
                                  "days_past_due", "legal_collection", "sanitation"};
  return k_names[static_cast<int>(f)];
}

std::vector<Field> account_columns(bool clean, std::mt19937_64& rng) {
  std::vector<Field> order;
  for (int i = 0; i <= static_cast<int>(Field::sanitation); ++i) order.push_back(static_cast<Field>(i));
  if (!clean) std::shuffle(order.begin(), order.end(), rng);
  return order;
}

Account make_account(std::mt19937_64& rng, std::string id) {
  Account a;
  a.account_id = std::move(id);
  const double u = uniform(rng);
  a.use_type = u < 0.78 ? UseType::residential : u < 0.95 ? UseType::commercial : u < 0.98 ? UseType::industrial : UseType::official;
  a.holder_name = a.use_type == UseType::commercial && uniform(rng) < 0.5
                      ? pick(rng, k_companies)
                      : pick(rng, k_given) + " " + pick(rng, k_surnames) + " " + pick(rng, k_surnames);
  a.document_id = std::to_string(between(rng, 10'000'000, 1'099'999'999));
  a.address = uniform(rng) < 0.01 ? "" : address(rng);
  a.neighborhood = pick(rng, k_neighborhoods);
  a.city = "Bogotá D.C.";
  const int z = static_cast<int>(between(rng, 1, 12));
  a.zone = std::string("Z") + (z < 10 ? "0" : "") + std::to_string(z);
  a.billing_type = uniform(rng) < 0.7 ? BillingType::direct : BillingType::joint;
  // A long tail: most debts are small, a few are very large.
  a.balance = static_cast<Pesos>(std::round(20000 * std::exp(uniform(rng) * 4.2) / 100.0)) * 100 + between(rng, 0, 99);
  a.days_past_due = static_cast<int>(std::min<long long>(1500, static_cast<long long>(std::pow(uniform(rng), 1.5) * 400)));
  a.legal_collection = uniform(rng) < 0.03;
  const double s = uniform(rng);
  a.sanitation = s < 0.01 ? Sanitation::demolished : s < 0.02 ? Sanitation::vacant_lot : s < 0.025 ? Sanitation::double_billing : Sanitation::none;
  return a;
}

std::string render(const Account& a, Field f, bool clean, std::mt19937_64& rng, bool bad) {
  switch (f) {
    case Field::account_id: return a.account_id;
    case Field::holder_name: return a.holder_name;
    case Field::document_id: return a.document_id;
    case Field::use_type: {
      if (bad) return "rural";
      if (clean) return std::string(code(a.use_type));
      static const char* k_es[] = {"residencial", "comercial", "industrial", "oficial"};
      return mixed_case(rng, uniform(rng) < 0.7 ? k_es[static_cast<int>(a.use_type)] : std::string(code(a.use_type)));
    }
    case Field::address: return a.address;
    case Field::neighborhood: return a.neighborhood;
    case Field::city: return a.city;
    case Field::zone: return a.zone;
    case Field::billing_type:
      if (clean) return std::string(code(a.billing_type));
      return mixed_case(rng, a.billing_type == BillingType::direct ? "directa" : "conjunta");
    case Field::balance: {
      if (clean) return std::to_string(a.balance);
      const double u = uniform(rng);
      const std::string f = format_pesos(a.balance);
      return u < 0.4 ? std::to_string(a.balance) : u < 0.7 ? f : f.substr(2);
    }
    case Field::days_past_due: return std::to_string(a.days_past_due);
    case Field::legal_collection: {
      if (clean) return a.legal_collection ? "1" : "0";
      static const std::vector<std::string> k_yes = {"si", "Sí", "SI", "1", "yes"}, k_no = {"no", "No", "0", "", ""};
      return pick(rng, a.legal_collection ? k_yes : k_no);
    }
    case Field::sanitation: {
      if (clean || a.sanitation == Sanitation::none) return std::string(code(a.sanitation));
      static const char* k_es[] = {"", "demolido", "lote", "doble_facturacion"};
      return mixed_case(rng, k_es[static_cast<int>(a.sanitation)]);
    }
  }
  return "";
}

}  // namespace cartero::gen
