// The body of a page's form: application/x-www-form-urlencoded, or multipart/form-data with files
// (read by Poco's HTMLForm, each file kept whole as sent).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tenderscore::server {

struct UploadedFile {
    std::string field;
    std::string fileName;  // as the browser sent it, without any folder part
    std::string content;
};

struct Form {
    std::multimap<std::string, std::string> fields;
    std::vector<UploadedFile> files;

    /// The field's first value, "" when absent.
    [[nodiscard]] std::string get(const std::string& name) const;
    [[nodiscard]] bool has(const std::string& name) const { return fields.count(name) > 0; }
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
};

/// Throws HttpError 400 when the body is not a form.
[[nodiscard]] Form parseForm(const std::string& contentType, const std::string& body);

}  // namespace tenderscore::server
