// The letter's text: a template file an analyst can edit, with
// {{placeholders}} checked when it is loaded (an unknown placeholder is an
// error, never a blank). Paragraphs are separated by blank lines; a line
// starting with "- " is a bullet. Text between {{#name}} and {{/name}} is
// printed only when the placeholder `name` is not empty (", barrio
// {{neighborhood}}" for an account without a neighbourhood).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cartero::letters {

class LetterTemplate {
 public:
  // Throws InputError naming `source`, the line and the placeholder when the
  // text has an unknown placeholder, an unclosed "{{" or a {{#section}}
  // without its {{/section}}.
  static LetterTemplate parse(std::string_view text, const std::string& source);
  // Reads a template file (UTF-8); InputError when it cannot be read.
  static LetterTemplate load(const std::string& path);
  // The placeholders a template may use.
  static const std::vector<std::string>& known_placeholders();

  // The text with every placeholder replaced by values.at(name).
  std::string render(const std::map<std::string, std::string, std::less<>>& values) const;

 private:
  enum class Kind { text, placeholder, open, close };
  struct Part {
    std::string text;  // the text, or the placeholder's name
    Kind kind;
  };
  std::vector<Part> m_parts;
};

}  // namespace cartero::letters
