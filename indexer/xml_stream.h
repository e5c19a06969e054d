// Streams the elements of one name out of an XML file with libxml2's
// reader: each is expanded to a small tree, handed over, then freed, so a
// large export never sits in memory. The file's declared encoding
// (ISO-8859-15...) is honoured; no DTD or network is ever loaded.
//
// Safety: partner XML comes from outside. libxml2's limits stay on (no
// XML_PARSE_HUGE: a text node is capped at 10 MB, names and depth too); no
// entity is substituted but the five predefined ones; nothing is fetched
// (NONET) and no external DTD is read. A document declaring entities of
// its own in its DOCTYPE is refused outright: no partner format needs
// them, and they are how an "entity bomb" (billion laughs) expands a few
// hundred bytes into gigabytes.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spro/status.h"

namespace spro::indexer {

// The libxml2 parser options every reader of partner XML uses (see above).
inline constexpr int kSafeXmlOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;

class XmlElementStream {
 public:
  // `encoding` ("auto" or an ICU name) applies only to a file that declares
  // none (no BOM, no encoding= in its prolog); "auto" then detects it like
  // TextReader (UTF-8, else ISO-8859-15 or Windows-1252).
  static Result<std::unique_ptr<XmlElementStream>> open(const std::string& path, std::string_view element,
                                                        std::string_view encoding = "auto");
  ~XmlElementStream();

  // The next element named `element` (local name, any namespace), or
  // nullptr at the end or on a parse error (see error()). After a parse
  // error (a file cut short), the complete elements before it are still
  // returned. Valid until the next call.
  xmlNode* next();
  // Line of the element last returned.
  int line() const { return line_; }
  // The first well-formedness error, with its line; empty if none.
  const std::string& error() const { return error_; }

 private:
  XmlElementStream() = default;
  static void on_error(void* self, xmlErrorPtr error);
  // True (and error() set) when the document declares its own entities.
  bool declares_entities();
  xmlNode* returned(xmlNode* node);  // records `node` as the last returned
  xmlNode* salvage();                // after a parse error, see next()
  xmlTextReaderPtr reader_ = nullptr;
  std::string element_;
  std::string path_;
  std::string error_;
  int line_ = 0;
  bool started_ = false;
  bool salvaging_ = false;
  xmlNode* salvage_from_ = nullptr;
  xmlNode* last_ = nullptr;
};

// Helpers over an expanded element.
xmlNode* child(xmlNode* node, std::string_view name);
std::vector<xmlNode*> children(xmlNode* node, std::string_view name);
// The first descendant named `name`, depth first.
xmlNode* descendant(xmlNode* node, std::string_view name);
// The text content, white space squeezed; "" for nullptr.
std::string text(xmlNode* node);
std::string attribute(xmlNode* node, const char* name);
// Removes HTML tags and decodes the common entities from text that
// partners escape inside XML fields ("&lt;p&gt;...").
std::string strip_html(std::string_view text);

}  // namespace spro::indexer
