#include "xml_stream.h"

#include <cstring>

#include <libxml/hash.h>

#include "text_reader.h"
#include "text_util.h"

namespace spro::indexer {

namespace {

// The encoding to impose on a file that declares none (no byte order mark,
// no encoding= in its prolog), or nullptr to let libxml2 follow the
// declaration, or assume UTF-8 when the bytes are UTF-8. A declaration
// wins even over --encoding: it is the file's own word.
const char* undeclared_encoding(const std::string& path, std::string_view requested) {
  static thread_local std::string chosen;
  auto head = read_head(path, 64 * 1024);
  if (!head.ok()) return nullptr;
  std::string_view h = *head;
  if (h.starts_with("\xEF\xBB\xBF") || h.starts_with("\xFF\xFE") || h.starts_with("\xFE\xFF")) return nullptr;
  if (h.starts_with("<?xml")) {
    std::string_view prolog = h.substr(0, h.find("?>"));
    if (prolog.find("encoding") != std::string_view::npos) return nullptr;
  }
  chosen = requested.empty() || requested == "auto" ? detect_encoding(h) : std::string(requested);
  return chosen == "UTF-8" ? nullptr : chosen.c_str();
}

}  // namespace

Result<std::unique_ptr<XmlElementStream>> XmlElementStream::open(const std::string& path, std::string_view element,
                                                                 std::string_view encoding) {
  std::unique_ptr<XmlElementStream> s(new XmlElementStream());
  // NONET: never fetch anything; no NOENT/DTDLOAD: no external entities;
  // no HUGE: libxml2's size limits stay on.
  s->reader_ = xmlReaderForFile(path.c_str(), undeclared_encoding(path, encoding), kSafeXmlOptions);
  if (!s->reader_) return Status::not_found(path + ": cannot open");
  s->element_ = element;
  s->path_ = path;
  xmlTextReaderSetStructuredErrorHandler(s->reader_, &XmlElementStream::on_error, s.get());
  return s;
}

XmlElementStream::~XmlElementStream() {
  if (reader_) xmlFreeTextReader(reader_);
}

void XmlElementStream::on_error(void* self, xmlErrorPtr error) {
  auto* s = static_cast<XmlElementStream*>(self);
  if (!error || error->level < XML_ERR_ERROR || !s->error_.empty()) return;
  std::string message = error->message ? error->message : "XML error";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  // libxml2's reader says this too when the input stops inside an element.
  if (error->code == XML_ERR_DOCUMENT_END) message += " (or the file is cut short)";
  s->error_ = s->path_ + ":" + std::to_string(error->line) + ": " + message;
}

xmlNode* XmlElementStream::next() {
  if (salvaging_) return salvage();
  if (!error_.empty()) return nullptr;  // refused (declared entities)
  // Move past the element returned last time (freeing it), then find the
  // next one.
  int ret = started_ ? xmlTextReaderNext(reader_) : xmlTextReaderRead(reader_);
  started_ = true;
  while (ret == 1) {
    int type = xmlTextReaderNodeType(reader_);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE && declares_entities()) return nullptr;
    if (type == XML_READER_TYPE_ELEMENT) {
      const xmlChar* name = xmlTextReaderConstLocalName(reader_);
      if (name && element_ == reinterpret_cast<const char*>(name)) {
        xmlNode* node = xmlTextReaderExpand(reader_);
        if (!node) break;
        return returned(node);
      }
    }
    ret = xmlTextReaderRead(reader_);
  }
  if (ret < 0) {
    if (error_.empty()) error_ = path_ + ": XML parse error";
    // The parser reads ahead by chunks, so an error (a file cut short)
    // stops the reader before elements it has already parsed whole. They
    // are in the tree still: take the complete ones.
    salvaging_ = true;
    salvage_from_ = xmlTextReaderCurrentNode(reader_);
    return salvage();
  }
  return nullptr;
}

xmlNode* XmlElementStream::returned(xmlNode* node) {
  last_ = node;
  // The element's own line: the parser's is wherever it read ahead to.
  long line = xmlGetLineNo(node);
  line_ = line > 0 ? static_cast<int>(line) : xmlTextReaderGetParserLineNumber(reader_);
  return node;
}

xmlNode* XmlElementStream::salvage() {
  // Document order from where the reader stopped, never back into (or
  // before) the element returned last.
  auto after_subtree = [](xmlNode* n) -> xmlNode* {
    for (; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
      if (n->next) return n->next;
    }
    return nullptr;
  };
  xmlNode* n = salvage_from_;
  for (xmlNode* a = n; a; a = a->parent) {
    if (a == last_) n = after_subtree(last_);
  }
  while (n && n->type != XML_DOCUMENT_NODE) {
    if (n->type == XML_ELEMENT_NODE && n->name && element_ == reinterpret_cast<const char*>(n->name)) {
      // Complete only if the parser got past its end: something follows.
      xmlNode* following = after_subtree(n);
      if (!following) break;
      salvage_from_ = following;
      return returned(n);
    }
    n = n->children ? n->children : after_subtree(n);
  }
  salvage_from_ = nullptr;
  return nullptr;
}


bool XmlElementStream::declares_entities() {
  // The DOCTYPE node is the internal subset. (Not xmlTextReaderCurrentDoc():
  // it hands the whole document over to the caller and stops the reader
  // from freeing what it has passed.)
  xmlNode* node = xmlTextReaderCurrentNode(reader_);
  if (!node || node->type != XML_DTD_NODE) return false;
  auto* dtd = reinterpret_cast<xmlDtdPtr>(node);
  auto count = [](void* table) { return table ? xmlHashSize(static_cast<xmlHashTablePtr>(table)) : 0; };
  if (count(dtd->entities) == 0 && count(dtd->pentities) == 0) return false;
  if (error_.empty()) {
    error_ = path_ + ":" + std::to_string(xmlTextReaderGetParserLineNumber(reader_)) +
             ": the DOCTYPE declares entities of its own: refused (an entity may expand without bound; "
             "no partner format needs them)";
  }
  return true;
}

static bool named(xmlNode* n, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && n->name && name == reinterpret_cast<const char*>(n->name);
}

xmlNode* child(xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (named(c, name)) return c;
  }
  return nullptr;
}

std::vector<xmlNode*> children(xmlNode* node, std::string_view name) {
  std::vector<xmlNode*> out;
  if (!node) return out;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (named(c, name)) out.push_back(c);
  }
  return out;
}

xmlNode* descendant(xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (named(c, name)) return c;
    if (xmlNode* d = descendant(c, name)) return d;
  }
  return nullptr;
}

std::string text(xmlNode* node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  std::string raw = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return squeeze_spaces(raw);
}

std::string attribute(xmlNode* node, const char* name) {
  if (!node) return {};
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string strip_html(std::string_view in) {
  std::string out;
  bool in_tag = false;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '<') {
      in_tag = true;
      out += ' ';
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      out += c;
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
  for (const auto& [entity, value] : kEntities) {
    for (size_t p = out.find(entity); p != std::string::npos; p = out.find(entity, p + value.size())) out.replace(p, entity.size(), value);
  }
  return squeeze_spaces(out);
}

}  // namespace spro::indexer
