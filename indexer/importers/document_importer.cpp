// Documents, one resource per file: HTML pages (title, meta description,
// main text without navigation), PDF brochures (title and text, with
// poppler), Markdown and plain text (title from the first heading or line).
// The id is "<partner or 'doc'>:<file name without extension>"; the kind
// is the source's (default `document`).
#include <libxml/HTMLparser.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "importers/registry.h"
#include "text_reader.h"
#include "text_util.h"
#include "xml_stream.h"

namespace spro::indexer {
namespace {

namespace fs = std::filesystem;

class SingleRecordImporter : public Importer {
 public:
  explicit SingleRecordImporter(ImportedRecord r) : record_(std::move(r)) {}
  bool next(ImportedRecord& out) override {
    if (done_) return false;
    out = std::move(record_);
    done_ = true;
    return true;
  }
  Status status() const override { return Status(); }

 private:
  ImportedRecord record_;
  bool done_ = false;
};

ImportedRecord new_document(const SourceOptions& options, const std::string& path) {
  ImportedRecord rec;
  rec.location = path;
  Resource r;
  r.id = (options.partner.empty() ? std::string("doc") : options.partner) + ":" + fs::path(path).stem().string();
  r.kind = options.kind.empty() ? "document" : options.kind;
  rec.resource = std::move(r);
  return rec;
}

// Text of an HTML subtree, leaving out what is not content.
void collect_text(xmlNode* node, std::string& out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE && n->content) {
      out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      std::string_view name = reinterpret_cast<const char*>(n->name);
      if (name == "script" || name == "style" || name == "nav" || name == "header" || name == "footer" ||
          name == "aside" || name == "noscript" || name == "form" || name == "template") {
        continue;
      }
      bool block = name == "p" || name == "div" || name == "li" || name == "br" || name == "section" ||
                   name == "h1" || name == "h2" || name == "h3" || name == "h4" || name == "tr" || name == "article";
      collect_text(n->children, out);
      if (block) out += "\n";
    }
  }
}

std::string squeeze_lines(const std::string& s) {
  std::string out, line;
  std::istringstream in(s);
  while (std::getline(in, line)) {
    std::string l = squeeze_spaces(line);
    if (!l.empty()) out += (out.empty() ? "" : "\n") + l;
  }
  return out;
}

xmlNode* find_element(xmlNode* node, std::string_view name) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(n->name)) return n;
    if (xmlNode* d = find_element(n->children, name)) return d;
  }
  return nullptr;
}

xmlNode* find_meta(xmlNode* node, std::string_view attr, std::string_view value) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && std::string_view(reinterpret_cast<const char*>(n->name)) == "meta" &&
        attribute(n, std::string(attr).c_str()) == value) {
      return n;
    }
    if (xmlNode* d = find_meta(n->children, attr, value)) return d;
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<Importer> single_record(ImportedRecord record) {
  return std::make_unique<SingleRecordImporter>(std::move(record));
}

Result<std::unique_ptr<Importer>> open_html(const SourceOptions& options, const std::string& path) {
  // libxml2's HTML parser copes with real-world HTML and honours the
  // page's declared charset, unless the source names one (--encoding).
  const char* encoding = options.encoding == "auto" ? nullptr : options.encoding.c_str();
  htmlDocPtr doc = htmlReadFile(path.c_str(), encoding, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
  if (!doc) return Status::invalid_argument(path + ": not readable as HTML");
  ImportedRecord rec = new_document(options, path);
  Resource& r = *rec.resource;
  xmlNode* root = xmlDocGetRootElement(doc);
  r.title = text(find_element(root, "title"));
  if (r.title.empty()) r.title = text(find_element(root, "h1"));
  r.summary = attribute(find_meta(root, "name", "description"), "content");
  xmlNode* main = find_element(root, "main");
  if (!main) main = find_element(root, "article");
  if (!main) main = find_element(root, "body");
  std::string body;
  if (main) collect_text(main->children, body);
  r.body = squeeze_lines(body);
  if (r.title.empty()) rec.errors.push_back({"title", "no <title> or <h1> in the page"});
  xmlFreeDoc(doc);
  return single_record(std::move(rec));
}

Result<std::unique_ptr<Importer>> open_pdf(const SourceOptions& options, const std::string& path) {
  // Poppler prints its complaints on stderr; ours name the file instead.
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return Status::invalid_argument(path + ": not a readable PDF");
  ImportedRecord rec = new_document(options, path);
  Resource& r = *rec.resource;
  if (doc->is_locked()) {
    rec.errors.push_back({"", "the PDF is encrypted"});
    return single_record(std::move(rec));
  }
  poppler::byte_array title = doc->info_key("Title").to_utf8();
  r.title = squeeze_spaces(std::string(title.begin(), title.end()));
  std::string text_all;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    poppler::byte_array t = page->text().to_utf8();
    text_all.append(t.begin(), t.end());
    text_all += "\n";
  }
  r.body = squeeze_lines(text_all);
  // Without a Title in its metadata, a brochure's first line is its title.
  if (r.title.empty()) r.title = r.body.substr(0, std::min(r.body.find('\n'), size_t{200}));
  if (r.title.empty()) rec.errors.push_back({"title", "no title and no text in the PDF"});
  return single_record(std::move(rec));
}

Result<std::unique_ptr<Importer>> open_text(const SourceOptions& options, const std::string& path) {
  auto in = TextReader::open(path, options.encoding);
  if (!in.ok()) return in.status();
  ImportedRecord rec = new_document(options, path);
  Resource& r = *rec.resource;
  std::string line, body;
  while ((*in)->next_line(line)) {
    std::string content = line;
    // Markdown: "# Title" headings and emphasis marks are not text.
    size_t hashes = content.find_first_not_of('#');
    bool heading = hashes != std::string::npos && hashes > 0 && content[hashes] == ' ';
    if (heading) content = content.substr(hashes + 1);
    if (r.title.empty() && content.find_first_not_of(" \t") != std::string::npos) {
      r.title = squeeze_spaces(content);
      continue;
    }
    body += content + "\n";
  }
  r.body = squeeze_lines(body);
  if (r.title.empty()) rec.errors.push_back({"title", "empty file"});
  if (!(*in)->status().ok()) return (*in)->status();
  return single_record(std::move(rec));
}

}  // namespace spro::indexer

namespace spro::indexer {

// "%PDF-" within the first 1024 bytes (ISO 32000 lets junk precede it).
bool recognises_pdf(const FileSample& s) {
  size_t at = s.head.find("%PDF-");
  return at != std::string::npos && at < 1024;
}

bool recognises_html(const FileSample& s) {
  if (has_extension(s, {".html", ".htm", ".xhtml"})) return true;
  std::string start = s.text.substr(0, 1024);
  std::transform(start.begin(), start.end(), start.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t first = start.find_first_not_of(" \t\r\n");
  return first != std::string::npos && start[first] == '<' &&
         (start.find("<!doctype html") != std::string::npos || start.find("<html") != std::string::npos);
}

bool recognises_text(const FileSample& s) { return has_extension(s, {".md", ".markdown", ".txt"}); }

}  // namespace spro::indexer
