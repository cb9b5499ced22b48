#include "xml/xml_source.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "xml/well_formed.hpp"

namespace tenderscore::xml {

namespace {

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

}  // namespace

void report(Diagnostics& errors, Diagnostic problem) {
    if (errors.size() < maxProblemsPerFile) {
        errors.push_back(std::move(problem));
    } else if (errors.size() == maxProblemsPerFile) {
        problem.rule = "xml";
        problem.message =
            "further problems in this file are not listed (the first " + std::to_string(maxProblemsPerFile) + " are)";
        errors.push_back(std::move(problem));
    }
}

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
    source._lines = std::make_shared<const LineIndex>(buffer);
    if (buffer.find_first_not_of(" \t\r\n") == std::string::npos) {
        fileError(errors, displayName, 1, "xml",
                  "the file is empty; expected a <" + std::string(rootName) + "> document");
        return std::nullopt;
    }
    // What pugixml does not check, and the node limit, before pugixml allocates anything.
    const ByteCheck checked = checkBytes(buffer, limits);
    for (const ByteProblem& problem : checked.problems) {
        errors.push_back({source.atOffset(static_cast<std::ptrdiff_t>(problem.offset)), problem.rule, problem.message});
    }
    if (!checked.problems.empty()) {
        return std::nullopt;
    }
    source._document = std::make_shared<pugi::xml_document>();
    // Text is kept in its element (parse_embed_pcdata) rather than in a node of its own: a node
    // less for every mark, rationale and answer of a large pack. The XML declaration was checked
    // with the bytes, and there is no DOCTYPE.
    const unsigned options = pugi::parse_default | pugi::parse_embed_pcdata;
    const pugi::xml_parse_result parsed =
        source._document->load_buffer_inplace(buffer.data(), buffer.size(), options, pugi::encoding_utf8);
    if (!parsed) {
        errors.push_back({source.atOffset(parsed.offset), "xml",
                          std::string("the file is not well-formed XML: ") + parsed.description()});
        return std::nullopt;
    }
    // Most documents declare one namespace, on the document element, and use no prefix: then
    // every element is in it, and the lengths as written are within the limits, so the tree needs
    // no walk. Otherwise the tree is checked (tree_check.cpp).
    const bool simple = checked.simpleNamespaces && checked.longestValue <= limits.maxAttributeBytes &&
                        checked.longestText <= limits.maxTextBytes &&
                        source.uniformNamespace(source._document->document_element().attribute("xmlns").value());
    bool fatal = !simple && !source.checkTree(limits, checked.elements, errors);
    int roots = 0;
    for (const pugi::xml_node node : source._document->children()) {
        if (node.type() == pugi::node_element && ++roots == 2) {
            errors.push_back({source.at(node), "xml",
                              "a second root element <" + std::string(node.name()) + "> follows the document element"});
            fatal = true;
        }
    }
    if (fatal) {
        return std::nullopt;
    }
    const pugi::xml_node root = source.root();
    const std::string_view rootNs = source.namespaceOf(root);
    if (std::strcmp(localName(root), rootName) != 0) {
        errors.push_back({source.at(root), "root",
                          "the document element is <" + std::string(root.name()) + ">; expected <" + rootName +
                              "> in namespace " + ns});
        return std::nullopt;
    }
    if (rootNs != ns) {
        errors.push_back({source.at(root), "namespace",
                          "<" + std::string(root.name()) + "> must be in namespace " + ns + "; it is in " +
                              (rootNs.empty() ? std::string("no namespace") : std::string(rootNs))});
        return std::nullopt;
    }
    return source;
}

SourceRef XmlSource::atOffset(std::ptrdiff_t offset) const {
    if (offset < 0 || static_cast<std::size_t>(offset) > _bytes->size()) {
        return {_file, 0, 0};
    }
    const LineIndex::Position position = _lines->at(static_cast<std::size_t>(offset));
    return {_file, static_cast<int>(position.line), static_cast<int>(position.column)};
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
    SourceRef where = atOffset(offsetOf(element.value()));
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

std::string_view XmlSource::namespaceOf(pugi::xml_node element) const {
    if (_uniformNamespace != nullptr) {
        return _uniformNamespace;
    }
    const auto offset = static_cast<std::size_t>(offsetOf(element.name()));
    const auto found = std::lower_bound(_namespaces.begin(), _namespaces.end(), offset,
                                        [](const ElementNamespace& e, std::size_t o) { return e.offset < o; });
    if (found == _namespaces.end() || found->offset != offset) {
        throw std::logic_error("the namespace of <" + std::string(element.name()) + "> was not resolved");
    }
    return found->uri;
}

void XmlSource::release(pugi::xml_node element) const {
    (void)element.parent().remove_child(element);
}

bool XmlSource::isOurs(pugi::xml_node element) const {
    return element.type() == pugi::node_element && namespaceOf(element) == _ns;
}

}  // namespace tenderscore::xml
