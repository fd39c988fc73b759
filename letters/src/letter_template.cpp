#include "cartero/letters/letter_template.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cartero/core/error.hpp"
#include "cartero/core/text.hpp"

namespace cartero::letters {

const std::vector<std::string>& LetterTemplate::known_placeholders() {
  static const std::vector<std::string> k_names = {
      "holder_name", "document_id", "account_id", "address", "neighborhood", "city", "zone",
      "balance", "days_past_due", "cutoff", "date", "letter_id", "salutation", "legal_notice",
      "company_name", "company_nit", "company_address", "company_city", "company_phone", "company_web",
      "report_from", "due_date", "notice_days", "second_notice"};
  return k_names;
}

LetterTemplate LetterTemplate::parse(std::string_view text, const std::string& source) {
  LetterTemplate t;
  const auto& known = known_placeholders();
  std::vector<std::pair<std::string, long>> sections;  // open {{#name}}s and their lines
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      t.m_parts.push_back({std::string(text.substr(pos)), Kind::text});
      break;
    }
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(open), '\n');
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) {
      throw InputError(ErrorCode::template_unclosed, source + ": line " + std::to_string(line) + ": \"{{\" is never closed with \"}}\"",
                       {{"line", std::to_string(line)}});
    }
    std::string name(trim(text.substr(open + 2, close - open - 2)));
    Kind kind = Kind::placeholder;
    if (!name.empty() && (name[0] == '#' || name[0] == '/')) {
      kind = name[0] == '#' ? Kind::open : Kind::close;
      name = std::string(trim(std::string_view(name).substr(1)));
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(ErrorCode::template_unknown_placeholder,
                       source + ": line " + std::to_string(line) + ": unknown placeholder {{" + name + "}}; the letter can use: " + list,
                       {{"line", std::to_string(line)}, {"name", name}});
    }
    if (kind == Kind::open) sections.push_back({name, line});
    if (kind == Kind::close) {
      if (sections.empty() || sections.back().first != name) {
        throw InputError(source + ": line " + std::to_string(line) + ": {{/" + name + "}} closes no {{#" + name + "}}");
      }
      sections.pop_back();
    }
    t.m_parts.push_back({std::string(text.substr(pos, open - pos)), Kind::text});
    t.m_parts.push_back({name, kind});
    pos = close + 2;
  }
  if (!sections.empty()) {
    throw InputError(source + ": line " + std::to_string(sections.back().second) + ": {{#" + sections.back().first +
                     "}} is never closed with {{/" + sections.back().first + "}}");
  }
  return t;
}

LetterTemplate LetterTemplate::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read the letter template " + path + "; check the path");
  std::stringstream text;
  text << in.rdbuf();
  if (!is_valid_utf8(text.str())) throw InputError(path + ": the letter template must be saved as UTF-8");
  return parse(text.str(), path);
}

std::string LetterTemplate::render(const std::map<std::string, std::string, std::less<>>& values) const {
  std::string out;
  int hidden = 0;  // depth inside sections whose placeholder is empty
  for (const auto& p : m_parts) {
    switch (p.kind) {
      case Kind::open:
        if (hidden || trim(values.at(p.text)).empty()) ++hidden;
        break;
      case Kind::close:
        if (hidden) --hidden;
        break;
      case Kind::placeholder:
        if (!hidden) out += values.at(p.text);
        break;
      case Kind::text:
        if (!hidden) out += p.text;
        break;
    }
  }
  return out;
}

}  // namespace cartero::letters
