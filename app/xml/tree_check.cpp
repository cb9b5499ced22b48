// The checks over the parsed tree: the depth, attribute and text limits, and Namespaces in XML 1.0,
// which pugixml knows nothing of: every prefix declared, every namespace name a URI reference, no
// reserved prefix or URI misused, no prefix undeclared with xmlns:p="", and no attribute twice (by
// name, or by namespace and local name). Each element's namespace is resolved here, once, with the declarations in
// scope kept in a table, so that neither a long chain of ancestors nor many declarations make a lookup slow.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "xml/characters.hpp"
#include "xml/uri.hpp"
#include "xml/xml_source.hpp"

namespace tenderscore::xml {

namespace {

constexpr const char* xmlNamespace = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view xmlnsNamespace = "http://www.w3.org/2000/xmlns/";
constexpr std::string_view xmlnsPrefix = "xmlns:";
constexpr std::size_t fewAttributes = 8;  // compared pair by pair; more are sorted first

/// The namespace declarations in scope while the tree is walked. Each binding remembers the one it
/// hides, so that leaving an element restores its parent's scope.
class Scope {
public:
    void enter() { _marks.push_back(_bindings.size()); }

    void leave() {
        while (_bindings.size() > _marks.back()) {
            const Binding& binding = _bindings.back();
            _innermost[binding.prefix] = binding.hidden;
            _bindings.pop_back();
        }
        _marks.pop_back();
    }

    void declare(std::string_view prefix, const char* uri) {
        const auto [entry, added] = _innermost.try_emplace(prefix, none);
        _bindings.push_back({prefix, uri, entry->second});
        entry->second = _bindings.size() - 1;
    }

    /// The URI a prefix is bound to ("" for the default namespace when none is declared), or
    /// nullptr when the prefix is not declared.
    [[nodiscard]] const char* lookup(std::string_view prefix) const {
        if (prefix == "xml") {
            return xmlNamespace;
        }
        const auto found = _innermost.find(prefix);
        if (found == _innermost.end() || found->second == none) {
            return prefix.empty() ? "" : nullptr;
        }
        return _bindings[found->second].uri;
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    struct Binding {
        std::string_view prefix;
        const char* uri;
        std::size_t hidden;  // the binding of the same prefix this one hides, or none
    };
    std::vector<Binding> _bindings;
    std::unordered_map<std::string_view, std::size_t> _innermost;
    std::vector<std::size_t> _marks;  // the size of _bindings when each open element was entered
};

/// An attribute, with its name as Namespaces in XML compares them: a namespace (none for an
/// unprefixed attribute) and a local name.
struct ExpandedName {
    std::string_view uri;
    std::string_view local;
    pugi::xml_attribute attribute;
    std::string_view name;
    const char* value = "";

    friend bool operator<(const ExpandedName& a, const ExpandedName& b) {
        return a.uri != b.uri ? a.uri < b.uri : a.local < b.local;
    }
    [[nodiscard]] bool sameAs(const ExpandedName& other) const { return uri == other.uri && local == other.local; }
};

std::string_view prefixOf(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

std::string_view localOf(std::string_view name) {
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

bool XmlSource::uniformNamespace(const char* uri) {
    if (std::strcmp(uri, xmlNamespace) == 0 || uri == xmlnsNamespace || !isUriReference(uri)) {
        return false;
    }
    _uniformNamespace = uri;
    return true;
}

bool XmlSource::checkTree(const ReadLimits& limits, std::size_t elements, Diagnostics& errors) {
    bool fatal = false;
    _namespaces.reserve(elements);
    const auto attributeAt = [&](pugi::xml_attribute attribute) { return atOffset(offsetOf(attribute.name())); };
    const auto refuse = [&](SourceRef where, const char* rule, std::string message) {
        report(errors, {std::move(where), rule, std::move(message)});
        fatal = true;
    };
    const auto textLength = [&](pugi::xml_node element, const char* text) {
        if (std::strlen(text) > limits.maxTextBytes) {
            refuse(at(element), "text-length",
                   "the text of <" + std::string(element.name()) + "> is longer than " +
                       std::to_string(limits.maxTextBytes) + " bytes");
        }
    };
    Scope scope;
    std::vector<ExpandedName> names;
    const auto declare = [&](const ExpandedName& attribute, std::string_view prefix) {
        const char* uri = attribute.value;
        const std::string name(attribute.name);
        if (prefix == "xmlns") {
            refuse(attributeAt(attribute.attribute), "namespace", "the prefix xmlns cannot be declared");
        } else if (prefix == "xml") {
            if (std::strcmp(uri, xmlNamespace) != 0) {
                refuse(attributeAt(attribute.attribute), "namespace",
                       std::string("the prefix xml can only be bound to ") + xmlNamespace);
            }
        } else if (std::strcmp(uri, xmlNamespace) == 0 || uri == xmlnsNamespace) {
            refuse(attributeAt(attribute.attribute), "namespace",
                   name + " binds a reserved namespace name (" + uri + ")");
        } else if (!prefix.empty() && *uri == '\0') {
            refuse(attributeAt(attribute.attribute), "namespace",
                   name + "=\"\" is not allowed: XML 1.0 cannot undeclare a prefix");
        } else {
            if (!isUriReference(uri)) {
                // Refused, but declared all the same: the names that use the prefix are not its fault.
                refuse(attributeAt(attribute.attribute), "namespace",
                       name + ": a namespace name must be a URI reference (RFC 3986); '" + excerpt(uri) + "' is not");
            }
            scope.declare(prefix, uri);
        }
    };
    // One element: its declarations first (they apply to its own name and attributes), then its
    // name, then its attributes. pugixml's attribute list is walked once.
    const auto visit = [&](pugi::xml_node element) {
        names.clear();
        bool qualified = false;  // a declaration or a prefixed attribute
        for (const pugi::xml_attribute attribute : element.attributes()) {
            const std::string_view name = attribute.name();
            names.push_back({{}, name, attribute, name, attribute.value()});
            qualified = qualified || name.find(':') != std::string_view::npos || name == "xmlns";
        }
        for (const ExpandedName& attribute : names) {
            if (std::strlen(attribute.value) > limits.maxAttributeBytes) {
                refuse(at(element), "attribute-length",
                       "attribute '" + std::string(attribute.name) + "' is longer than " +
                           std::to_string(limits.maxAttributeBytes) + " bytes");
            }
            if (qualified && attribute.name == "xmlns") {
                declare(attribute, "");
            } else if (qualified && attribute.name.substr(0, xmlnsPrefix.size()) == xmlnsPrefix) {
                declare(attribute, attribute.name.substr(xmlnsPrefix.size()));
            }
        }
        const std::string_view prefix = prefixOf(element.name());
        const char* uri = prefix == "xmlns" ? nullptr : scope.lookup(prefix);
        if (uri == nullptr) {
            refuse(at(element), "namespace",
                   "the prefix of <" + std::string(element.name()) + "> is not declared" +
                       (prefix == "xmlns" ? " (and cannot be: xmlns is reserved)" : ""));
        }
        _namespaces.push_back({static_cast<std::size_t>(offsetOf(element.name())), uri == nullptr ? "" : uri});
        const bool ours = uri != nullptr && std::strcmp(uri, _ns) == 0;
        for (std::size_t k = 0; qualified && k < names.size(); ++k) {
            ExpandedName& attribute = names[k];
            const std::string_view attributePrefix = prefixOf(attribute.name);
            if (attribute.name == "xmlns" || attributePrefix == "xmlns") {
                attribute.uri = xmlnsNamespace;
                attribute.local = localOf(attribute.name);
                continue;
            }
            if (attributePrefix.empty()) {
                continue;
            }
            const char* attributeUri = scope.lookup(attributePrefix);
            if (attributeUri == nullptr) {
                refuse(attributeAt(attribute.attribute), "namespace",
                       "the prefix of attribute '" + std::string(attribute.name) + "' is not declared");
                attributeUri = "";  // compared as if in no namespace
            }
            if (ours && std::strcmp(attributeUri, _ns) == 0) {
                // Our attributes are unqualified: one in our namespace is unknown, but the file can be read.
                report(errors, {at(element), "unknown-attribute",
                                "<" + std::string(localName(element)) + "> has no attribute '" +
                                    std::string(attribute.name) + "'"});
            }
            attribute.uri = attributeUri;
            attribute.local = localOf(attribute.name);
        }
        if (names.size() > fewAttributes) {
            std::sort(names.begin(), names.end());
        }
        for (std::size_t j = 1; j < names.size(); ++j) {
            const std::size_t first = names.size() > fewAttributes ? j - 1 : 0;
            for (std::size_t i = first; i < j; ++i) {
                if (!names[i].sameAs(names[j])) {
                    continue;
                }
                const std::string a(names[i].name);
                const std::string b(names[j].name);
                if (a == b) {
                    refuse(attributeAt(names[j].attribute), "xml", "attribute '" + a + "' appears more than once");
                } else {
                    std::string message = "attributes '";
                    message.append(a).append("' and '").append(b).append("' are the same attribute (");
                    message.append(names[j].uri).append(" ").append(names[j].local).append(")");
                    refuse(attributeAt(names[j].attribute), "namespace", message);
                }
                break;
            }
        }
    };

    std::size_t depth = 0;
    pugi::xml_node node = _document->first_child();
    while (node) {
        bool entered = false;
        if (node.type() == pugi::node_element) {
            if (depth + 1 > limits.maxDepth) {
                report(errors, {at(node), "depth",
                                "elements are nested more than " + std::to_string(limits.maxDepth) + " deep"});
                return false;  // one report is enough; nothing deeper is looked at
            }
            textLength(node, node.value());
            scope.enter();
            visit(node);
            entered = true;
        } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            textLength(node.parent(), node.value());
        }
        if (entered && node.first_child()) {
            node = node.first_child();
            ++depth;
            continue;
        }
        if (entered) {
            scope.leave();
        }
        while (node && !node.next_sibling()) {
            node = node.parent();
            if (node.type() == pugi::node_document) {
                node = pugi::xml_node();
                break;
            }
            --depth;
            scope.leave();
        }
        node = node.next_sibling();
    }
    // Names lie in the buffer in document order, so the table is sorted; make sure of it.
    if (!std::is_sorted(_namespaces.begin(), _namespaces.end(),
                        [](const ElementNamespace& a, const ElementNamespace& b) { return a.offset < b.offset; })) {
        std::sort(_namespaces.begin(), _namespaces.end(),
                  [](const ElementNamespace& a, const ElementNamespace& b) { return a.offset < b.offset; });
    }
    return !fatal;
}

}  // namespace tenderscore::xml
