// Why a scanned page needs a person or could not be read: codes, like
// selection's reasons and the return causes, each with its English text (the
// command line's "note") and its Spanish label (the web's).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cartero {

enum class PageNote {
  none,             // nothing to say: the page was read
  no_mark,          // no cause box is marked
  several_marks,    // more than one cause box is marked
  faint_mark,       // the mark is faint or unclear
  codes_disagree,   // the QR and the Code128 name different letters
  not_aligned,      // the page could not be aligned to the letter
  no_code,          // no letter code of ours on the page
  image_error,      // the page image cannot be processed
  file_unreadable,  // the file or the page cannot be read (empty, not an image, encrypted, truncated)
  not_our_letter,   // the letter was not printed by Cartero
  not_dispatched,   // the letter belongs to a batch never dispatched
  two_causes,       // two different cause boxes are marked
  unclear_mark,     // a mark does not clearly designate one box
  marks_everywhere, // marks on many cause boxes
  panel_missing,    // the cause panel is not on the page (torn off or covered)
};

struct PageNoteInfo {
  PageNote note;
  std::string_view code;     // "no_mark"
  std::string_view english;  // "no cause box is marked"
  std::string_view label;    // "No se marcó ninguna causal"
};

std::span<const PageNoteInfo> all_page_notes();
const PageNoteInfo& page_note_info(PageNote n);
std::optional<PageNote> parse_page_note(std::string_view code);

}  // namespace cartero
