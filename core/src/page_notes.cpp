#include "cartero/core/page_notes.hpp"

#include <array>

namespace cartero {

namespace {

// In the enum's order.
constexpr std::array<PageNoteInfo, 15> k_notes = {{
    {PageNote::none, "none", "", ""},
    {PageNote::no_mark, "no_mark", "no cause box is marked", "No se marcó ninguna causal"},
    {PageNote::several_marks, "several_marks", "more than one cause box is marked", "Hay más de una causal marcada"},
    {PageNote::faint_mark, "faint_mark", "the mark is faint or unclear", "La marca es tenue o dudosa"},
    {PageNote::codes_disagree, "codes_disagree", "the QR code and the Code128 name different letters",
     "Los dos códigos nombran cartas distintas"},
    {PageNote::not_aligned, "not_aligned", "the page could not be aligned to the letter", "No se pudo alinear la página"},
    {PageNote::no_code, "no_code", "no letter code of ours on the page", "La página no tiene un código de carta de Cartero"},
    {PageNote::image_error, "image_error", "the page image cannot be processed", "La imagen de la página no se puede procesar"},
    {PageNote::file_unreadable, "file_unreadable", "the file or page cannot be read",
     "El archivo o la página no se puede leer (vacío, no es una imagen, cifrado o incompleto)"},
    {PageNote::not_our_letter, "not_our_letter", "the letter is not a letter Cartero printed", "La carta no fue impresa por Cartero"},
    {PageNote::not_dispatched, "not_dispatched", "the letter belongs to a batch never dispatched",
     "La carta es de un lote no despachado"},
    {PageNote::two_causes, "two_causes", "two different cause boxes are marked", "Hay dos causales distintas marcadas"},
    {PageNote::unclear_mark, "unclear_mark", "a mark does not clearly designate one box", "Una marca no señala claramente una causal"},
    {PageNote::marks_everywhere, "marks_everywhere", "marks on many cause boxes", "Hay marcas en muchas causales"},
    {PageNote::panel_missing, "panel_missing", "the cause panel is not on the page (torn off or covered)",
     "El recuadro de causales no está en la página"},
}};

}  // namespace

std::span<const PageNoteInfo> all_page_notes() { return k_notes; }

const PageNoteInfo& page_note_info(PageNote n) {
  const auto i = static_cast<std::size_t>(n);
  return i < k_notes.size() ? k_notes[i] : k_notes[0];
}

std::optional<PageNote> parse_page_note(std::string_view code) {
  for (const auto& n : k_notes) {
    if (n.code == code) return n.note;
  }
  return std::nullopt;
}

}  // namespace cartero
