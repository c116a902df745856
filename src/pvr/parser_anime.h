// Anime release layouts that put every field in brackets (internal to the parser).
#pragma once

#include <string>
#include <string_view>

namespace nzbd::pvr::detail {

// The name after the leading [SubGroup]. Chinese fansub layouts
// "[中文][English Title][2019][第1008話][1080P]" become "English Title - 1008 [1080P]" so the
// ordinary "Title - NN" rule reads them; "[F-B]_Title_Ep04" loses the second group tag.
// Returns the name unchanged when it is not such a layout.
std::string normalize_anime_brackets(std::string_view rest);

// Fullwidth digits (U+FF10..U+FF19) as ASCII: "１５８" -> "158".
std::string ascii_digits(std::string_view s);

}  // namespace nzbd::pvr::detail
