#include "analysis/folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "util/strings.h"

namespace spro::analysis {
namespace {

// Accent-stripped replacements of the code points below 0x250 (Latin-1 and
// Latin Extended-A/B cover every letter used in French and its neighbours),
// computed once from ICU's canonical decompositions.
constexpr UChar32 kTableSize = 0x250;

const std::array<std::string, kTableSize>& fold_table() {
  static const std::array<std::string, kTableSize> table = [] {
    std::array<std::string, kTableSize> t;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (UChar32 c = 0; c < kTableSize; ++c) {
      icu::UnicodeString decomposed;
      if (U_SUCCESS(status) && nfd->getDecomposition(c, decomposed)) {
        icu::UnicodeString base;
        for (int32_t i = 0; i < decomposed.length();) {
          UChar32 d = decomposed.char32At(i);
          if (u_charType(d) != U_NON_SPACING_MARK) base.append(d);
          i += U16_LENGTH(d);
        }
        base.toUTF8String(t[c]);
      } else {
        icu::UnicodeString(c).toUTF8String(t[c]);
      }
    }
    t[0xE6] = "ae";  // æ
    t[0xC6] = "ae";
    t[0x153] = "oe";  // œ
    t[0x152] = "oe";
    t[0xDF] = "ss";  // ß
    return t;
  }();
  return table;
}

}  // namespace

std::string lower(std::string_view utf8) {
  // Most French words are plain ASCII: no ICU round trip for them (this is
  // called for every word indexed, queried and shown in a snippet).
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(utf8);
    for (char& c : out) c = util::ascii_lower(c);
    return out;
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  s.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status) && !nfc->isNormalized(s, status)) {
    status = U_ZERO_ERROR;
    icu::UnicodeString n = nfc->normalize(s, status);
    if (U_SUCCESS(status)) s = n;
  }
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string strip_accents(std::string_view text) {
  const auto& table = fold_table();
  std::string out;
  out.reserve(text.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    if (bytes[i] < 0x80) {
      out.push_back(static_cast<char>(bytes[i++]));
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid sequence
    } else if (c < kTableSize) {
      out += table[c];
    } else if (u_charType(c) == U_NON_SPACING_MARK) {
      // A combining accent left over from decomposed input: drop it.
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

bool has_accents(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return strip_accents(text) != text;
  }
  return false;
}

}  // namespace spro::analysis
