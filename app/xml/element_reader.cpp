#include "xml/element_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace tenderscore::xml {

namespace {

std::string quoted(const char* value) {
    return "'" + std::string(value) + "'";
}

}  // namespace

ElementReader::ElementReader(const XmlSource& source, pugi::xml_node element, Diagnostics& errors,
                             std::initializer_list<const char*> attributes)
    : _source(source), _element(element), _errors(errors) {
    // Duplicate attributes and attributes qualified with our namespace were refused or reported
    // when the document was parsed; qualified attributes here are extensions.
    for (const pugi::xml_attribute attribute : element.attributes()) {
        const std::string_view name = attribute.name();
        if (name == "xmlns" || name.find(':') != std::string_view::npos) {
            continue;
        }
        const bool known = std::any_of(attributes.begin(), attributes.end(), [&](const char* a) { return name == a; });
        if (!known) {
            error("unknown-attribute",
                  "<" + std::string(XmlSource::localName(element)) + "> has no attribute '" + std::string(name) + "'");
        }
    }
}
void ElementReader::error(const std::string& rule, const std::string& message) {
    report(_errors, {at(), rule, message});
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

std::optional<Pence> ElementReader::money(const char* name, bool required, Pence max) {
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
        return std::nullopt;
    }
    if (*pence > max) {
        error("range",
              "attribute '" + std::string(name) + "' must be at most " + formatPence(max) + "; got " + quoted(value));
        return std::nullopt;
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

std::optional<Fraction> ElementReader::decimal(const char* name, bool required, const Fraction& min,
                                               const Fraction& max) {
    auto number = decimal(name, required);
    if (number && (*number < min || *number > max)) {
        error("range", "attribute '" + std::string(name) + "' must be from " + toPlainDecimal(min) + " to " +
                           toPlainDecimal(max) + "; got " + quoted(raw(name, true)));
        return std::nullopt;
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
        } else if (child.type() == pugi::node_element && !inNoNamespace(child) && _source.isOurs(child)) {
            report(_errors, {_source.at(child), "unknown-element",
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
        report(_errors, {_source.atText(_element), "unexpected-text", "<" + parent + "> holds elements, not text"});
    }
    for (const pugi::xml_node child : _element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            report(_errors, {_source.atText(child), "unexpected-text", "<" + parent + "> holds elements, not text"});
            continue;
        }
        if (child.type() != pugi::node_element) {
            continue;
        }
        if (inNoNamespace(child) || !_source.isOurs(child)) {
            continue;  // reported, or an extension in another namespace
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
            report(_errors, {_source.at(child), "unknown-element",
                             "<" + parent + "> cannot contain <" + std::string(name) + ">"});
            continue;
        }
        if (index < position) {
            // Reported, and still read: dropping it would make every later rule that needs it
            // report a problem that is not there (an evaluator "not declared", a bid not rejected).
            report(_errors, {_source.at(child), "element-order",
                             "<" + std::string(name) + "> is out of order inside <" + parent + ">"});
        } else {
            position = index;
        }
        const Part& part = *(model.begin() + static_cast<std::ptrdiff_t>(index));
        if (++counts[index] > part.max) {
            report(_errors, {_source.at(child), "too-many",
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

bool ElementReader::inNoNamespace(pugi::xml_node child) {
    if (!_source.namespaceOf(child).empty()) {
        return false;
    }
    report(_errors, {_source.at(child), "namespace",
                     "<" + std::string(child.name()) + "> is in no namespace (an xmlns=\"\" on it or around it?); " +
                         "inside <" + XmlSource::localName(_element) + "> an element must be in " + _source.ns() +
                         ", or in another namespace as an extension"});
    return true;
}

}  // namespace tenderscore::xml
