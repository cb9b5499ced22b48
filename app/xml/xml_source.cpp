#include "xml/xml_source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>

namespace tenderscore::xml {

namespace {

constexpr std::string_view xmlnsPrefix = "xmlns:";
constexpr std::uint64_t asciiMask = 0x8080808080808080ULL;

/// The namespace `prefix` ("" for the default namespace) is bound to on `element` or its nearest
/// ancestor declaring it; nothing when it is not declared. Read in place, without allocating.
std::optional<std::string_view> boundNamespace(pugi::xml_node element, std::string_view prefix) {
    for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
        for (const pugi::xml_attribute attribute : node.attributes()) {
            const std::string_view name = attribute.name();
            const bool declares = prefix.empty() ? name == "xmlns"
                                                 : name.size() == xmlnsPrefix.size() + prefix.size() &&
                                                       name.substr(0, xmlnsPrefix.size()) == xmlnsPrefix &&
                                                       name.substr(xmlnsPrefix.size()) == prefix;
            if (declares) {
                return std::string_view(attribute.value());
            }
        }
    }
    return std::nullopt;
}

/// Offset of the first byte that does not start a well-formed UTF-8 sequence (no overlongs, no
/// surrogates, nothing above U+10FFFF), or npos when all is well.
std::size_t firstInvalidUtf8(std::string_view bytes) {
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    while (i < n) {
        // Eight ASCII bytes at a time: almost every byte of a tender pack.
        std::uint64_t word = 0;
        while (i + sizeof word <= n && (std::memcpy(&word, bytes.data() + i, sizeof word), (word & asciiMask) == 0)) {
            i += sizeof word;
        }
        if (i == n) {
            break;
        }
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > n) {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            const unsigned char min = k == 1 ? low : 0x80;
            const unsigned char max = k == 1 ? high : 0xBF;
            if (next < min || next > max) {
                return i;
            }
        }
        i += length;
    }
    return std::string_view::npos;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

/// A problem with the file as a whole or at a fixed place (line 0 when the file has no lines to name).
void fileError(Diagnostics& errors, const std::string& file, int line, const char* rule, std::string message) {
    Diagnostic diagnostic;
    diagnostic.at.file = file;
    diagnostic.at.line = line;
    diagnostic.at.column = line > 0 ? 1 : 0;
    diagnostic.rule = rule;
    diagnostic.message = std::move(message);
    errors.push_back(std::move(diagnostic));
}

std::string quoted(const char* value) {
    return "'" + std::string(value) + "'";
}

}  // namespace

std::optional<std::string> readFileBytes(const std::filesystem::path& path, const std::string& displayName,
                                         const ReadLimits& limits, Diagnostics& errors) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) {
        fileError(errors, displayName, 0, "read", "cannot read the file: " + ec.message());
        return std::nullopt;
    }
    if (size > limits.maxFileBytes) {
        fileError(errors, displayName, 0, "file-size",
                  "the file is " + std::to_string(size) + " bytes, over the limit of " +
                      std::to_string(limits.maxFileBytes) + " bytes");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        fileError(errors, displayName, 0, "read", "cannot read the file");
        return std::nullopt;
    }
    return bytes;
}

std::optional<XmlSource> XmlSource::parse(std::string bytes, const std::string& displayName, const char* rootName,
                                          const char* ns, Diagnostics& errors, const ReadLimits& limits) {
    XmlSource source;
    source._file = displayName;
    source._ns = ns;
    // pugixml parses in place, so the tree points into this buffer: it lives as long as the tree.
    source._bytes = std::make_shared<std::string>(std::move(bytes));
    std::string& buffer = *source._bytes;
    const std::string_view text = buffer;
    source._lineStarts.push_back(0);
    for (const char *p = text.data(), *end = p + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr;) {
        ++p;
        source._lineStarts.push_back(static_cast<std::size_t>(p - text.data()));
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        fileError(errors, displayName, 1, "xml",
                  "the file is empty; expected a <" + std::string(rootName) + "> document");
        return std::nullopt;
    }
    if (const std::size_t bad = firstInvalidUtf8(text); bad != std::string_view::npos) {
        errors.push_back({source.atOffset(static_cast<std::ptrdiff_t>(bad)), "encoding",
                          "the file is not valid UTF-8 (byte " + std::to_string(bad) + ")"});
        return std::nullopt;
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        errors.push_back(
            {source.atOffset(static_cast<std::ptrdiff_t>(nul)), "xml", "the file contains a NUL character"});
        return std::nullopt;
    }
    // Where each DOCTYPE starts, found before parsing changes the buffer.
    std::vector<std::size_t> doctypes;
    for (std::size_t at = text.find("<!DOCTYPE"); at != std::string_view::npos; at = text.find("<!DOCTYPE", at + 1)) {
        doctypes.push_back(at);
    }
    source._document = std::make_shared<pugi::xml_document>();
    // Text is kept in its element (parse_embed_pcdata) rather than in a node of its own: a node
    // less for every mark, rationale and answer of a large pack.
    const unsigned options =
        pugi::parse_default | pugi::parse_doctype | pugi::parse_declaration | pugi::parse_embed_pcdata;
    const pugi::xml_parse_result parsed =
        source._document->load_buffer_inplace(buffer.data(), buffer.size(), options, pugi::encoding_utf8);
    if (!parsed) {
        errors.push_back({source.atOffset(parsed.offset), "xml",
                          std::string("the file is not well-formed XML: ") + parsed.description()});
        return std::nullopt;
    }
    if (!source.withinLimits(limits, errors)) {
        return std::nullopt;
    }
    bool fatal = false;
    int roots = 0;
    for (const pugi::xml_node node : source._document->children()) {
        if (node.type() == pugi::node_doctype) {
            // pugixml points into the declaration; name the line and column where it starts.
            const auto inside = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, node.offset_debug()));
            const auto start = std::upper_bound(doctypes.begin(), doctypes.end(), inside);
            const std::ptrdiff_t offset =
                start == doctypes.begin() ? node.offset_debug() : static_cast<std::ptrdiff_t>(*std::prev(start));
            errors.push_back({source.atOffset(offset), "doctype",
                              "a DOCTYPE is not allowed (entities are never expanded, external files never read)"});
            fatal = true;
        } else if (node.type() == pugi::node_declaration) {
            const char* encoding = node.attribute("encoding").value();
            if (*encoding != '\0' && !equalsIgnoringCase(encoding, "UTF-8")) {
                errors.push_back({source.at(node), "encoding",
                                  std::string("the declared encoding is '") + encoding + "'; only UTF-8 is accepted"});
                fatal = true;
            }
        } else if (node.type() == pugi::node_element && ++roots == 2) {
            errors.push_back({source.at(node), "xml",
                              "a second root element <" + std::string(node.name()) + "> follows the document element"});
            fatal = true;
        } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            errors.push_back({source.at(node), "xml", "text outside the document element"});
            fatal = true;
        }
    }
    const pugi::xml_node root = source.root();
    bool unbound = false;
    const std::string_view rootNs = source.namespaceOf(root, &unbound);
    if (std::strcmp(localName(root), rootName) != 0) {
        errors.push_back({source.at(root), "root",
                          "the document element is <" + std::string(root.name()) + ">; expected <" + rootName +
                              "> in namespace " + ns});
        fatal = true;
    } else if (unbound || rootNs != ns) {
        errors.push_back({source.at(root), "namespace",
                          "<" + std::string(root.name()) + "> must be in namespace " + ns + "; it is in " +
                              (unbound          ? std::string("an undeclared prefix")
                               : rootNs.empty() ? std::string("no namespace")
                                                : std::string(rootNs))});
        fatal = true;
    }
    if (fatal) {
        return std::nullopt;
    }
    return source;
}

bool XmlSource::withinLimits(const ReadLimits& limits, Diagnostics& errors) const {
    const std::size_t before = errors.size();
    std::size_t depth = 0;
    pugi::xml_node node = _document->first_child();
    while (node) {
        bool descend = true;
        if (node.type() == pugi::node_element) {
            if (depth + 1 > limits.maxDepth) {
                errors.push_back(
                    {at(node), "depth", "elements are nested more than " + std::to_string(limits.maxDepth) + " deep"});
                return false;  // one report is enough; nothing deeper is looked at
            }
            if (std::strlen(node.value()) > limits.maxTextBytes) {
                errors.push_back({at(node), "text-length",
                                  "the text of <" + std::string(node.name()) + "> is longer than " +
                                      std::to_string(limits.maxTextBytes) + " bytes"});
            }
            for (const pugi::xml_attribute attribute : node.attributes()) {
                if (std::strlen(attribute.value()) > limits.maxAttributeBytes) {
                    errors.push_back({at(node), "attribute-length",
                                      "attribute '" + std::string(attribute.name()) + "' is longer than " +
                                          std::to_string(limits.maxAttributeBytes) + " bytes"});
                }
            }
        } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            if (std::strlen(node.value()) > limits.maxTextBytes) {
                errors.push_back({at(node.parent()), "text-length",
                                  "the text of <" + std::string(node.parent().name()) + "> is longer than " +
                                      std::to_string(limits.maxTextBytes) + " bytes"});
            }
            descend = false;
        } else {
            descend = false;
        }
        if (descend && node.first_child()) {
            node = node.first_child();
            ++depth;
            continue;
        }
        while (node && !node.next_sibling()) {
            node = node.parent();
            if (node.type() == pugi::node_document) {
                return errors.size() == before;
            }
            --depth;
        }
        node = node.next_sibling();
    }
    return errors.size() == before;
}

SourceRef XmlSource::atOffset(std::ptrdiff_t offset) const {
    if (offset < 0) {
        return {_file, 0, 0};
    }
    const auto position = static_cast<std::size_t>(offset);
    const auto next = std::upper_bound(_lineStarts.begin(), _lineStarts.end(), position);
    const auto line = static_cast<std::size_t>(std::distance(_lineStarts.begin(), next));
    const std::size_t column = position - _lineStarts[line - 1] + 1;
    return {_file, static_cast<int>(line), static_cast<int>(column)};
}

SourceRef XmlSource::at(pugi::xml_node node) const {
    // pugixml gives the offset of the name; step back over '<' so the column is the tag's.
    std::ptrdiff_t offset = node.offset_debug();
    if (node.type() == pugi::node_element && offset > 0) {
        --offset;
    }
    return atOffset(offset);
}

SourceRef XmlSource::atText(pugi::xml_node element) const {
    // The first character that is not white space. The text was rewritten in place (line ends
    // normalised), so the white space is walked as lines and columns, not as bytes of the file.
    SourceRef where = atOffset(element.value() - _bytes->data());
    for (const char* c = element.value(); *c == ' ' || *c == '\t' || *c == '\n'; ++c) {
        if (*c == '\n') {
            ++where.line;
            where.column = 1;
        } else {
            ++where.column;
        }
    }
    return where;
}

const char* XmlSource::localName(pugi::xml_node element) {
    const char* name = element.name();
    const char* colon = std::strchr(name, ':');
    return colon == nullptr ? name : colon + 1;
}

std::string_view XmlSource::namespaceOf(pugi::xml_node element, bool* unbound) const {
    const std::string_view name = element.name();
    const auto colon = name.find(':');
    if (const auto bound = boundNamespace(element, colon == std::string_view::npos ? "" : name.substr(0, colon))) {
        return *bound;
    }
    if (unbound != nullptr) {
        *unbound = colon != std::string_view::npos;
    }
    return {};
}

void XmlSource::release(pugi::xml_node element) const {
    (void)element.parent().remove_child(element);
}

bool XmlSource::isOurs(pugi::xml_node element) const {
    return element.type() == pugi::node_element && namespaceOf(element) == _ns;
}

ElementReader::ElementReader(const XmlSource& source, pugi::xml_node element, Diagnostics& errors,
                             std::initializer_list<const char*> attributes)
    : _source(source), _element(element), _errors(errors) {
    std::vector<std::string_view> seen;
    for (const pugi::xml_attribute attribute : element.attributes()) {
        const std::string_view name = attribute.name();
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            error("xml", "attribute '" + std::string(name) + "' appears more than once");
            continue;
        }
        seen.push_back(name);
        if (name == "xmlns" || name.substr(0, xmlnsPrefix.size()) == xmlnsPrefix || name.substr(0, 4) == "xml:") {
            continue;
        }
        if (const auto colon = name.find(':'); colon != std::string_view::npos) {
            // A qualified attribute: ignored unless its prefix is bound to our namespace.
            if (boundNamespace(element, name.substr(0, colon)).value_or("") != source.ns()) {
                continue;
            }
        }
        const bool known = std::any_of(attributes.begin(), attributes.end(), [&](const char* a) { return name == a; });
        if (!known) {
            error("unknown-attribute",
                  "<" + std::string(XmlSource::localName(element)) + "> has no attribute '" + std::string(name) + "'");
        }
    }
}

void ElementReader::error(const std::string& rule, const std::string& message) {
    _errors.push_back({at(), rule, message});
}

const char* ElementReader::raw(const char* name, bool required) {
    const pugi::xml_attribute attribute = _element.attribute(name);
    if (!attribute) {
        if (required) {
            error("required-attribute",
                  "<" + std::string(XmlSource::localName(_element)) + "> needs the attribute '" + name + "'");
        }
        return nullptr;
    }
    return attribute.value();
}

void ElementReader::invalid(const char* name, const char* rule, const char* expected, const char* value) {
    error(rule, "attribute '" + std::string(name) + "' must be " + expected + "; got " + quoted(value));
}

std::optional<std::string> ElementReader::id(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!isId(value)) {
        invalid(name, "id", "an id (1-64 characters from A-Z a-z 0-9 . _ -)", value);
        return std::nullopt;
    }
    return std::string(value);
}

std::optional<std::string> ElementReader::text(const char* name, bool required) {
    const char* value = raw(name, required);
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

std::optional<Pence> ElementReader::money(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    const auto pence = parseMoney(value);
    if (!pence) {
        invalid(name, "money",
                "money (pounds as digits with at most two decimals, greater than zero; no sign, exponent, spaces "
                "or separators)",
                value);
    }
    return pence;
}

std::optional<Fraction> ElementReader::decimal(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    auto number = parseDecimal(value);
    if (!number) {
        invalid(name, "decimal", "a decimal (digits with at most 6 decimals; no sign or exponent)", value);
    }
    return number;
}

std::optional<int> ElementReader::integer(const char* name, bool required, int min, int max) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    const auto number = parseInt(value);
    if (!number) {
        invalid(name, "int", "a whole number (digits only)", value);
        return std::nullopt;
    }
    if (*number < min || *number > max) {
        const std::string range = "from " + std::to_string(min) + " to " + std::to_string(max);
        error("range", "attribute '" + std::string(name) + "' must be " + range + "; got " + quoted(value));
        return std::nullopt;
    }
    return static_cast<int>(*number);
}

std::optional<Rating> ElementReader::rating(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    const auto result = parseRating(value);
    if (!result) {
        invalid(name, "rating", "one of Outstanding, Good, RequiresImprovement, Inadequate, NotYetInspected", value);
    }
    return result;
}

std::optional<DateTime> ElementReader::dateTime(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    auto result = parseDateTime(value);
    if (!result) {
        invalid(name, "dateTime", "an ISO 8601 date and time with a zone (2023-10-02T12:00:00Z)", value);
    }
    return result;
}

std::optional<std::string> ElementReader::date(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!isDate(value)) {
        invalid(name, "date", "a date YYYY-MM-DD", value);
        return std::nullopt;
    }
    return std::string(value);
}

std::optional<bool> ElementReader::boolean(const char* name, bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string_view text = value;
    if (text == "true" || text == "1") {
        return true;
    }
    if (text == "false" || text == "0") {
        return false;
    }
    invalid(name, "boolean", "true or false", value);
    return std::nullopt;
}

std::optional<std::string> ElementReader::choice(const char* name, std::initializer_list<const char*> words,
                                                 bool required) {
    const char* value = raw(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    for (const char* word : words) {
        if (std::strcmp(word, value) == 0) {
            return std::string(value);
        }
    }
    std::string expected = "one of";
    for (const char* word : words) {
        expected += std::string(" ") + word;
    }
    invalid(name, "enum", expected.c_str(), value);
    return std::nullopt;
}

std::string ElementReader::content() {
    std::string text = _element.value();  // the text before any child (parse_embed_pcdata)
    for (const pugi::xml_node child : _element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text += child.value();
        } else if (child.type() == pugi::node_element && _source.isOurs(child)) {
            _errors.push_back({_source.at(child), "unknown-element",
                               "<" + std::string(XmlSource::localName(_element)) + "> holds text only, not <" +
                                   XmlSource::localName(child) + ">"});
        }
    }
    return text;
}

std::vector<pugi::xml_node> ElementReader::children(std::initializer_list<Part> model) {
    std::vector<pugi::xml_node> result;
    std::vector<std::size_t> counts(model.size(), 0);
    std::size_t position = 0;
    const std::string parent = XmlSource::localName(_element);
    if (*_element.value() != '\0') {
        _errors.push_back({_source.atText(_element), "unexpected-text", "<" + parent + "> holds elements, not text"});
    }
    for (const pugi::xml_node child : _element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            _errors.push_back({_source.atText(child), "unexpected-text", "<" + parent + "> holds elements, not text"});
            continue;
        }
        if (child.type() != pugi::node_element) {
            continue;
        }
        bool unbound = false;
        const std::string_view childNs = _source.namespaceOf(child, &unbound);
        if (unbound) {
            _errors.push_back(
                {_source.at(child), "namespace", "the prefix of <" + std::string(child.name()) + "> is not declared"});
            continue;
        }
        if (childNs != _source.ns()) {
            continue;  // an extension in another namespace
        }
        const char* name = XmlSource::localName(child);
        std::size_t index = 0;
        for (const Part& part : model) {
            if (std::any_of(part.names.begin(), part.names.end(),
                            [&](const char* n) { return std::strcmp(n, name) == 0; })) {
                break;
            }
            ++index;
        }
        if (index == model.size()) {
            _errors.push_back(
                {_source.at(child), "unknown-element", "<" + parent + "> cannot contain <" + std::string(name) + ">"});
            continue;
        }
        if (index < position) {
            _errors.push_back({_source.at(child), "element-order",
                               "<" + std::string(name) + "> is out of order inside <" + parent + ">"});
            continue;
        }
        position = index;
        const Part& part = *(model.begin() + static_cast<std::ptrdiff_t>(index));
        if (++counts[index] > part.max) {
            _errors.push_back({_source.at(child), "too-many",
                               "<" + parent + "> may contain <" + std::string(name) + "> " +
                                   (part.max == 1 ? "only once" : "at most " + std::to_string(part.max) + " times")});
            continue;
        }
        result.push_back(child);
    }
    std::size_t index = 0;
    for (const Part& part : model) {
        if (counts[index] < part.min) {
            error("missing-element", "<" + parent + "> needs " + (part.max == 1 ? "a" : "at least one") + " <" +
                                         std::string(*part.names.begin()) + "> element");
        }
        ++index;
    }
    return result;
}

}  // namespace tenderscore::xml
