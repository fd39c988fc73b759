// The address normaliser: bytes -> folded upper-case text -> tokens -> the
// parts of DIAN/IGAC nomenclature -> verdict and canonical form. One pass
// each; no allocation beyond the result's strings.
#include "cartero/core/address.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "cartero/core/json.hpp"

namespace cartero {

namespace {

constexpr std::size_t k_max_bytes = 200;  // no address is longer; longer text is not one address
constexpr std::size_t k_max_tokens = 64;
constexpr char k_degree = '\x02';  // ° º ª in the folded text

// Folds `in` into `out`: ASCII letters upper-cased, Spanish accents removed
// (Ñ kept), punctuation that only separates turned into blanks, dashes into
// '-', degree signs into k_degree. False for a byte sequence no address has:
// invalid UTF-8, emoji and other symbols, and Windows-1252 text decoded
// twice ("Ã‘", "Ã©"), which is where 'Ã' and 'Â' come from.
bool fold(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 32));
      else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#' || c == '-' || c == '/') out.push_back(static_cast<char>(c));
      else if (c == ' ' || c == '\t' || c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '\'' ||
               c == '"' || c == '_') out.push_back(' ');
      else return false;  // control characters, @ < > ? * & …
      continue;
    }
    const auto next = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0u;
    if (c == 0xC3) {
      static constexpr char k_folded[64] = {
          'A', 'A', 0, 0, 0, 0, 0, 0, 'E', 'E', 0, 0, 'I', 'I', 0, 0,    // C3 80..8F: À Á (Â Ã…) È É Ì Í
          0, 1, 'O', 'O', 0, 0, 0, 0, 0, 'U', 'U', 0, 'U', 0, 0, 0,      // C3 90..9F: Ñ Ò Ó Ù Ú Ü
          'A', 'A', 0, 0, 0, 0, 0, 0, 'E', 'E', 0, 0, 'I', 'I', 0, 0,    // C3 A0..AF
          0, 1, 'O', 'O', 0, 0, 0, 0, 0, 'U', 'U', 0, 'U', 0, 0, 0};     // C3 B0..BF
      if (next < 0x80 || next > 0xBF) return false;
      const char f = k_folded[next - 0x80];
      if (f == 0) return false;
      if (f == 1) out += "\xC3\x91";  // Ñ
      else out.push_back(f);
      ++i;
    } else if (c == 0xC2) {
      if (next == 0xB0 || next == 0xBA || next == 0xAA) out.push_back(k_degree);
      else if (next == 0xA0 || next == 0xB4) out.push_back(' ');
      else return false;
      ++i;
    } else if (c == 0xE2 && next == 0x80 && i + 2 < in.size()) {
      const auto third = static_cast<unsigned char>(in[i + 2]);
      if (third == 0x93 || third == 0x94) out.push_back('-');
      else if (third >= 0x98 && third <= 0x9D) out.push_back(' ');  // curly quotes
      else return false;
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

enum class Kind : std::uint8_t { word, number, hash, dash, degree, slash };

struct Token {
  Kind kind;
  bool glued;  // touches the token before it (no blank or punctuation between)
  std::string_view text;
  std::string_view via_type;    // the canonical via type this word spells, or ""
  std::string_view complement;  // the canonical complement it spells, or ""
};

bool letter_byte(unsigned char c) { return (c >= 'A' && c <= 'Z') || c == 0xC3 || c == 0x91; }
bool digit_byte(unsigned char c) { return c >= '0' && c <= '9'; }

void classify(Token& t);

// False when there are too many tokens for one address.
bool tokenize(std::string_view s, std::array<Token, k_max_tokens>& t, std::size_t& n) {
  n = 0;
  bool glued = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ') {
      glued = false;
      ++i;
      continue;
    }
    if (n == k_max_tokens) return false;
    std::size_t j = i + 1;
    Kind kind;
    if (letter_byte(c)) {
      while (j < s.size() && letter_byte(static_cast<unsigned char>(s[j]))) ++j;
      kind = Kind::word;
    } else if (digit_byte(c)) {
      while (j < s.size() && digit_byte(static_cast<unsigned char>(s[j]))) ++j;
      kind = Kind::number;
    } else {
      kind = c == '#' ? Kind::hash : c == '-' ? Kind::dash : c == '/' ? Kind::slash : Kind::degree;
    }
    t[n] = {kind, glued, s.substr(i, j - i), {}, {}};
    if (kind == Kind::word) classify(t[n]);
    ++n;
    glued = true;
    i = j;
  }
  return true;
}

struct Alias {
  std::string_view word, canonical;
};

constexpr Alias k_via_types[] = {
    {"CALLE", "CL"}, {"CL", "CL"}, {"CLL", "CL"}, {"CLLE", "CL"}, {"CALL", "CL"}, {"CLE", "CL"},
    {"CARRERA", "KR"}, {"KR", "KR"}, {"KRA", "KR"}, {"CRA", "KR"}, {"CR", "KR"}, {"CRR", "KR"}, {"CARR", "KR"},
    {"KRR", "KR"}, {"K", "KR"}, {"KARRERA", "KR"}, {"CARERA", "KR"},
    {"DIAGONAL", "DG"}, {"DG", "DG"}, {"DIAG", "DG"}, {"DGNL", "DG"},
    {"TRANSVERSAL", "TV"}, {"TV", "TV"}, {"TRANSV", "TV"}, {"TRANS", "TV"}, {"TR", "TV"}, {"TRV", "TV"},
    {"TRANSVER", "TV"}, {"TRASVERSAL", "TV"},
    {"AVENIDA", "AV"}, {"AV", "AV"}, {"AVE", "AV"}, {"AVDA", "AV"}, {"AVD", "AV"},
    {"AC", "AC"}, {"AK", "AK"},
    {"CIRCULAR", "CQ"}, {"CQ", "CQ"}, {"CIR", "CQ"}, {"CIRC", "CQ"},
    {"AUTOPISTA", "AU"}, {"AU", "AU"}, {"AUT", "AU"}, {"AUTOP", "AU"},
    {"CARRETERA", "CRT"}, {"CRT", "CRT"}, {"CTRA", "CRT"}, {"CARRET", "CRT"},
};

// Complements; the rural words VDA, KM and FINCA are complements too.
constexpr Alias k_complements[] = {
    {"APARTAMENTO", "AP"}, {"APTO", "AP"}, {"APT", "AP"}, {"AP", "AP"}, {"APART", "AP"},
    {"TORRE", "TO"}, {"TO", "TO"}, {"TORR", "TO"},
    {"INTERIOR", "INT"}, {"INT", "INT"}, {"IN", "INT"},
    {"CASA", "CA"}, {"CA", "CA"},
    {"MANZANA", "MZ"}, {"MZ", "MZ"}, {"MZA", "MZ"}, {"MANZ", "MZ"},
    {"LOTE", "LT"}, {"LT", "LT"}, {"LTE", "LT"},
    {"BLOQUE", "BL"}, {"BL", "BL"}, {"BLQ", "BL"}, {"BLOQ", "BL"},
    {"ETAPA", "ET"}, {"ET", "ET"},
    {"PISO", "PISO"},
    {"OFICINA", "OF"}, {"OF", "OF"}, {"OFI", "OF"}, {"OFIC", "OF"}, {"OFC", "OF"},
    {"LOCAL", "LC"}, {"LC", "LC"}, {"LOC", "LC"}, {"LCL", "LC"},
    {"CONJUNTO", "CONJ"}, {"CONJ", "CONJ"}, {"CJ", "CONJ"},
    {"URBANIZACION", "URB"}, {"URB", "URB"},
    {"BARRIO", "BRR"}, {"BRR", "BRR"}, {"BR", "BRR"}, {"BARR", "BRR"},
    {"EDIFICIO", "ED"}, {"ED", "ED"}, {"EDIF", "ED"}, {"EDF", "ED"},
    {"VEREDA", "VDA"}, {"VDA", "VDA"}, {"VRD", "VDA"},
    {"KILOMETRO", "KM"}, {"KM", "KM"}, {"KMS", "KM"},
    {"FINCA", "FINCA"}, {"FCA", "FINCA"},
};

// Every keyword once, hashed: a word is looked up once, when it is read.
struct Keyword {
  std::string_view via_type, complement;
};
const std::unordered_map<std::string_view, Keyword>& keywords() {
  static const auto k_map = [] {
    std::unordered_map<std::string_view, Keyword> m;
    for (const auto& a : k_via_types) m[a.word].via_type = a.canonical;
    for (const auto& a : k_complements) m[a.word].complement = a.canonical;
    return m;
  }();
  return k_map;
}

void classify(Token& t) {
  if (t.text.size() > 12) return;  // longer than any keyword
  const auto& m = keywords();
  const auto it = m.find(t.text);
  if (it == m.end()) return;
  t.via_type = it->second.via_type;
  t.complement = it->second.complement;
}

// Complements whose value is a name of several words.
bool named(std::string_view type) {
  return type == "CONJ" || type == "URB" || type == "BRR" || type == "ED" || type == "VDA" || type == "FINCA";
}
bool rural(std::string_view type) { return type == "VDA" || type == "KM" || type == "FINCA"; }
bool cardinal(std::string_view w) { return w == "SUR" || w == "ESTE" || w == "NORTE" || w == "OESTE"; }
// A via's letter: "A", or a doubled one as Medellín writes "33AA".
bool letter(std::string_view w) { return w.size() == 1 || (w.size() == 2 && w[0] == w[1]); }

class Parser {
 public:
  Parser(const std::array<Token, k_max_tokens>& t, std::size_t n, ParsedAddress& out) : m_t(t), m_n(n), m_out(out) {}

  void run() {
    while (m_i < m_n && !m_two) step();
  }
  bool two_addresses() const { return m_two; }
  bool has_generator_number() const { return !m_out.generator.empty(); }
  bool understood_something() const { return m_structure; }

 private:
  const Token* at(std::size_t k) const { return k < m_n ? &m_t[k] : nullptr; }
  bool is(std::size_t k, Kind kind) const { return k < m_n && m_t[k].kind == kind; }
  bool word(std::size_t k, std::string_view w) const { return is(k, Kind::word) && m_t[k].text == w; }

  // A two-word via type: AV CALLE -> AC, AV CARRERA -> AK.
  std::string_view via_type_at(std::size_t k, std::size_t& used) const {
    const auto t = m_t[k].via_type;
    used = 1;
    if (t == "AV" && is(k + 1, Kind::word)) {
      const auto second = m_t[k + 1].via_type;
      if (second == "CL" || second == "KR") {
        used = 2;
        return second == "CL" ? "AC" : "AK";
      }
    }
    return t;
  }

  // '#', No, Nro, Num, Número, N° — and a bare N or No before a number.
  bool generator_marker(std::size_t k, bool after_via) const {
    if (is(k, Kind::hash)) return true;
    if (!is(k, Kind::word)) return false;
    const auto w = m_t[k].text;
    const bool before_number = is(k + 1, Kind::number) || is(k + 1, Kind::degree);
    if (w == "NRO" || w == "NUM" || w == "NUMERO") return after_via || before_number;
    if (w == "NO") return after_via || before_number;
    if (w == "N") return before_number && !m_t[k].glued;
    return false;
  }

  void step() {
    const Token& t = m_t[m_i];
    if (t.kind == Kind::word) {
      std::size_t used = 0;
      const auto type = via_type_at(m_i, used);
      if (!type.empty() && is(m_i + used, Kind::number) && m_via_seen) {
        m_two = true;  // "CL 45 # 12-34 / KR 7 # 80-15"
        return;
      }
      if (!type.empty() && !m_via_seen && !m_generator_seen) {
        m_i += used;
        via(type);
        return;
      }
      if (generator_marker(m_i, false) && is_generator_ahead()) {
        if (m_generator_seen) {
          m_two = true;
          return;
        }
        generator();
        return;
      }
      if (const auto c = t.complement; !c.empty()) {
        ++m_i;
        complement(c);
        return;
      }
      // "Dirección: CL 45 # 12-34": the label is not part of the address.
      if (!(m_i == 0 && (t.text == "DIRECCION" || t.text == "DIR"))) extra(t.text);
      ++m_i;
      return;
    }
    if (t.kind == Kind::hash) {
      if (m_generator_seen && is_generator_ahead()) {
        m_two = true;
        return;
      }
      if (!m_generator_seen) {
        generator();
        return;
      }
    }
    if (t.kind == Kind::number) extra(t.text);
    ++m_i;  // dashes, slashes, degree signs between parts
  }

  bool is_generator_ahead() const {
    std::size_t k = m_i + 1;
    while (is(k, Kind::degree)) ++k;
    return is(k, Kind::number);
  }

  void via(std::string_view type) {
    m_via_seen = true;
    m_structure = true;
    m_out.via_type = type;
    if (is(m_i, Kind::number)) {
      m_out.via = m_t[m_i++].text;
      suffixes(m_out.via_letter, m_out.via_bis, m_out.via_bis_letter, m_out.via_cardinal, true);
    } else {
      via_name();
    }
    if (generator_marker(m_i, true)) {
      generator();
    } else if (is(m_i, Kind::number) && !m_out.via.empty()) {
      generator_parts();  // "CL 45 12 34": DIAN writes it without '#'
    }
  }

  void via_name() {
    std::string name;
    while (is(m_i, Kind::word) && !generator_marker(m_i, true) && m_t[m_i].complement.empty()) {
      if (!name.empty()) name.push_back(' ');
      name += m_t[m_i++].text;
    }
    m_out.via = std::move(name);
  }

  // The letter, BIS and its letter, and the cardinal after a number.
  void suffixes(std::string& let, bool& bis, std::string& bis_letter, std::string& card, bool via_position) {
    const auto is_letter_here = [&](std::size_t k) {
      if (!is(k, Kind::word) || !letter(m_t[k].text)) return false;
      return !(via_position && generator_marker(k, true));  // "CL 73 SUR N 14": N is the generator's mark
    };
    if (is_letter_here(m_i)) let = m_t[m_i++].text;
    if (word(m_i, "BIS")) {
      bis = true;
      ++m_i;
      if (is_letter_here(m_i)) bis_letter = m_t[m_i++].text;
    }
    if (is(m_i, Kind::word) && cardinal(m_t[m_i].text)) card = m_t[m_i++].text;
  }

  void generator() {
    m_generator_seen = true;
    m_structure = true;
    ++m_i;  // the mark
    while (is(m_i, Kind::degree)) ++m_i;
    if (is(m_i, Kind::number)) generator_parts();
  }

  void generator_parts() {
    m_generator_seen = true;
    m_out.generator = m_t[m_i++].text;
    suffixes(m_out.generator_letter, m_out.generator_bis, m_out.generator_bis_letter, m_out.generator_cardinal, false);
    if (is(m_i, Kind::dash)) ++m_i;
    if (is(m_i, Kind::number)) {
      m_out.plate = m_t[m_i++].text;
      if (is(m_i, Kind::word) && cardinal(m_t[m_i].text)) m_out.cardinal = m_t[m_i++].text;
    }
  }

  void complement(std::string_view type) {
    m_structure = true;
    AddressComplement c;
    c.type = type;
    if (named(type)) {
      while (m_i < m_n && (is(m_i, Kind::word) || is(m_i, Kind::number))) {
        const auto w = m_t[m_i].text;
        if (is(m_i, Kind::word)) {
          std::size_t used = 0;
          if (!m_t[m_i].complement.empty() || generator_marker(m_i, false)) break;
          if (!via_type_at(m_i, used).empty() && is(m_i + used, Kind::number)) break;
        }
        if (!c.value.empty()) c.value.push_back(' ');
        c.value += w;
        ++m_i;
      }
    } else if (is(m_i, Kind::number)) {
      c.value = m_t[m_i++].text;
      if (is(m_i, Kind::word) && m_t[m_i].glued && letter(m_t[m_i].text)) c.value += m_t[m_i++].text;  // AP 5A
    } else if (is(m_i, Kind::word) && letter(m_t[m_i].text)) {
      c.value = m_t[m_i++].text;  // TO B, MZ C
    }
    m_out.complements.push_back(std::move(c));
  }

  void extra(std::string_view w) {
    if (!m_out.complements.empty() && m_out.complements.back().type.empty()) {
      auto& v = m_out.complements.back().value;
      v.push_back(' ');
      v += w;
    } else {
      m_out.complements.push_back({"", std::string(w)});
    }
  }

  const std::array<Token, k_max_tokens>& m_t;
  std::size_t m_n;
  std::size_t m_i = 0;
  ParsedAddress& m_out;
  bool m_via_seen = false, m_generator_seen = false, m_two = false, m_structure = false;
};

const AddressComplement* find(const ParsedAddress& a, std::string_view type) {
  for (const auto& c : a.complements) {
    if (c.type == type && !c.value.empty()) return &c;
  }
  return nullptr;
}

void decide(ParsedAddress& a, const Parser& p) {
  if (p.two_addresses()) {
    a.verdict = AddressVerdict::unreadable;
    a.note = "two addresses";
    return;
  }
  if (!a.via_type.empty()) {
    a.verdict = a.via.empty() || a.generator.empty() || a.plate.empty() ? AddressVerdict::incomplete : AddressVerdict::complete;
    a.note = a.via.empty() ? "no via number" : a.generator.empty() ? "no generator number" : a.plate.empty() ? "no plate" : "";
    return;
  }
  if (find(a, "MZ") && (find(a, "CA") || find(a, "LT"))) {
    a.verdict = AddressVerdict::complete;
    return;
  }
  bool any_rural = false, any_known = false;
  for (const auto& c : a.complements) {
    any_rural = any_rural || rural(c.type);
    any_known = any_known || !c.type.empty();
  }
  if (any_rural) {
    a.verdict = AddressVerdict::rural;
  } else if (any_known || p.has_generator_number()) {
    a.verdict = AddressVerdict::incomplete;
    a.note = "no via";
  } else {
    a.verdict = AddressVerdict::unreadable;
    a.note = "no address word";
  }
}

void append(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out += part;
}

std::string canonical(const ParsedAddress& a) {
  std::string s;
  append(s, a.via_type);
  std::string via = a.via + a.via_letter;
  append(s, via);
  if (a.via_bis) append(s, "BIS");
  append(s, a.via_bis_letter);
  append(s, a.via_cardinal);
  if (!a.generator.empty()) {
    append(s, "#");
    append(s, a.generator + a.generator_letter);
    if (a.generator_bis) append(s, "BIS");
    append(s, a.generator_bis_letter);
    append(s, a.generator_cardinal);
    if (!a.plate.empty()) {
      append(s, "-");
      append(s, a.plate);
      append(s, a.cardinal);
    }
  }
  for (const auto& c : a.complements) {
    if (c.value.empty() && !c.type.empty()) continue;  // "MZ 4 CASA": a casa without its number says nothing
    append(s, c.type);
    append(s, c.value);
  }
  return s;
}

ParsedAddress parse(std::string_view text, bool build) {
  ParsedAddress a;
  if (text.size() > k_max_bytes) {
    a.note = "too long for one address";
    return a;
  }
  thread_local std::string folded;
  if (!fold(text, folded)) {
    a.note = "characters no address has";
    return a;
  }
  std::array<Token, k_max_tokens> tokens;
  std::size_t n = 0;
  if (!tokenize(folded, tokens, n)) {
    a.note = "too many words for one address";
    return a;
  }
  Parser p(tokens, n, a);
  p.run();
  decide(a, p);
  if (a.verdict == AddressVerdict::unreadable) {
    ParsedAddress bare;
    bare.note = a.note;
    return bare;
  }
  if (build) a.canonical = canonical(a);
  return a;
}

std::string padded(std::string_view digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", digits.empty() ? 0 : std::atoi(std::string(digits.substr(0, 6)).c_str()));
  return buf;
}

}  // namespace

std::string_view code(AddressVerdict v) {
  switch (v) {
    case AddressVerdict::complete: return "complete";
    case AddressVerdict::incomplete: return "incomplete";
    case AddressVerdict::rural: return "rural";
    case AddressVerdict::unreadable: return "unreadable";
  }
  return "";
}

std::string_view label(AddressVerdict v) {
  switch (v) {
    case AddressVerdict::complete: return "Dirección completa";
    case AddressVerdict::incomplete: return "Dirección incompleta";
    case AddressVerdict::rural: return "Dirección rural";
    case AddressVerdict::unreadable: return "Dirección ilegible";
  }
  return "";
}

ParsedAddress parse_address(std::string_view text) { return parse(text, true); }

AddressVerdict address_verdict(std::string_view text) { return parse(text, false).verdict; }

std::string address_json(std::string_view input, const ParsedAddress& a) {
  JsonWriter j;
  j.begin_object().key("input").value(input).key("canonical").value(a.canonical).key("verdict").value(code(a.verdict));
  j.key("parts").begin_object();
  j.key("via_type").value(a.via_type).key("via").value(a.via).key("via_letter").value(a.via_letter);
  j.key("via_bis").value(a.via_bis).key("via_bis_letter").value(a.via_bis_letter).key("via_cardinal").value(a.via_cardinal);
  j.key("generator").value(a.generator).key("generator_letter").value(a.generator_letter);
  j.key("generator_bis").value(a.generator_bis).key("generator_bis_letter").value(a.generator_bis_letter);
  j.key("generator_cardinal").value(a.generator_cardinal).key("plate").value(a.plate).key("cardinal").value(a.cardinal);
  j.key("complements").begin_array();
  for (const auto& c : a.complements) j.begin_object().key("type").value(c.type).key("value").value(c.value).end_object();
  j.end_array().end_object();
  if (!a.note.empty()) j.key("note").value(a.note);
  j.end_object();
  return j.str();
}

std::string walking_key(const ParsedAddress& a) {
  if (a.via_type.empty() || a.via.empty()) return "~" + a.canonical;
  std::string k = a.via_type;
  k.push_back('|');
  const bool numbered = a.via[0] >= '0' && a.via[0] <= '9';
  k += numbered ? padded(a.via) : a.via;
  k += a.via_letter;
  k += a.via_bis ? "+" : " ";
  k += a.via_bis_letter;
  k.push_back('|');
  k += a.via_cardinal;
  k.push_back('|');
  k += padded(a.generator);
  k += a.generator_letter;
  k.push_back('|');
  k += padded(a.plate);
  return k;
}

}  // namespace cartero
