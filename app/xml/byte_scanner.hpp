// The scan behind checkBytes (well_formed.hpp), one pass over a document's bytes. Text, references
// and names are read in well_formed.cpp; tags, comments, CDATA sections, processing instructions
// and the XML declaration in markup_scanner.cpp. Problems with a character or a reference are
// listed and the scan goes on; after a problem with the structure (an unclosed comment, a broken
// tag) nothing further can be read reliably, so the scan stops there.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xml/characters.hpp"
#include "xml/well_formed.hpp"

namespace tenderscore::xml {

class ByteScanner {
public:
    ByteScanner(std::string_view bytes, const ReadLimits& limits) : _s(bytes), _limits(limits) {}

    [[nodiscard]] ByteCheck run();

private:
    [[nodiscard]] unsigned char byte(std::size_t i) const {
        return i < _s.size() ? static_cast<unsigned char>(_s[i]) : 0;
    }
    [[nodiscard]] bool startsWith(std::string_view prefix) const { return _s.substr(_i, prefix.size()) == prefix; }

    /// A problem after which the scan goes on, and one after which nothing more is read.
    void problem(std::size_t offset, std::string message, const char* rule = "xml");
    void stop(std::size_t offset, std::string message, const char* rule = "xml");
    void countNode(std::size_t offset);

    bool skipSpaces();
    /// Steps over every byte that is not special: the loop almost all bytes go through.
    void skipPlain(const SpecialBytes& special);
    void checkedByte();
    void scanTo(unsigned char end);
    std::string_view name(bool inTag);
    bool qualifiedName(std::string_view qname, std::size_t offset);
    void reference();
    void content();
    void outside();

    void markup();
    void startTag();
    bool attribute(std::string_view element);
    /// Reports an attribute named twice in the tag just read.
    void duplicateAttributes();
    void endTag();
    /// Steps to just past `terminator`, checking every character on the way (and, in a comment,
    /// that no "--" comes before "-->"); when the file ends first, stops, saying `what` is not closed.
    bool closeAt(std::string_view terminator, std::size_t open, const char* what);
    void comment();
    void cdata();
    void processingInstruction();
    std::optional<std::string_view> declarationValue();
    void declaration();

    std::string_view _s;
    const ReadLimits& _limits;
    std::size_t _i = 0;      // the next byte
    std::size_t _depth = 0;  // elements open
    bool _stopped = false;
    ByteCheck _result;
    std::vector<std::pair<std::string_view, std::size_t>> _attributes;  // of the tag being read, with offsets
};

}  // namespace tenderscore::xml
