#include "publish/publish.hpp"

#include <fstream>
#include <set>
#include <utility>

#include "io/hash.hpp"
#include "io/output_set.hpp"
#include "publish/assessment.hpp"
#include "publish/chromium.hpp"
#include "publish/ocds.hpp"
#include "publish/scratch.hpp"
#include "publish/summary.hpp"

namespace tenderscore::publish {

namespace {

struct Document {
    std::string name;  // in summaries/
    std::string bytes;
};

void writeScratch(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream file(path, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
        throw io::OutputError("cannot write the temporary file " + path.string());
    }
}

/// Prints each summary with Chromium from a scratch folder and returns the PDFs' bytes.
std::vector<Document> printAll(const std::filesystem::path& chromium, const std::vector<Document>& pages) {
    Scratch scratch;
    std::vector<Document> pdfs;
    for (const Document& page : pages) {
        const std::filesystem::path html = scratch.path() / page.name;
        writeScratch(html, page.bytes);
        const std::string pdfName = page.name.substr(0, page.name.size() - std::string(".html").size()) + ".pdf";
        const std::filesystem::path pdf = scratch.path() / pdfName;
        printToPdf(chromium, html, pdf, scratch.path() / "profile");
        pdfs.push_back({pdfName, io::readWhole(pdf.string())});
    }
    return pdfs;
}

/// Removes from summaries/ the .html and .pdf files this publication did not write: summaries of
/// bids no longer in the pack, or PDFs from a machine that had Chromium.
void removeOthers(const std::filesystem::path& folder, const std::set<std::string>& written) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::filesystem::path& path = entry.path();
        const std::string extension = path.extension().string();
        const bool ours = extension == ".html" || extension == ".pdf";
        if (ours && entry.is_regular_file(ec) && written.count(path.filename().string()) == 0) {
            std::filesystem::remove(path, ec);
        }
    }
}

}  // namespace

Published publish(const std::filesystem::path& out, const Pack& pack, const Result& result,
                  const PublishOptions& options) {
    Published published;
    std::vector<Document> documents;
    for (const BidderAssessment& bidder : assess(pack, result)) {
        const std::string& id = pack.bids[bidder.bid].id;
        documents.push_back({id + ".html", summaryHtml(pack, result, bidder, options.date)});
        published.summaries.push_back(id);
    }
    if (options.chromium) {
        std::vector<Document> pdfs = printAll(*options.chromium, documents);
        for (Document& pdf : pdfs) {
            documents.push_back(std::move(pdf));
        }
        published.pdf = true;
    }
    const std::string ocds = ocdsJson(pack, result, options.ocidPrefix, options.date);

    io::OutputSet summaries(out / summariesFolder);
    std::set<std::string> written;
    for (const Document& document : documents) {
        summaries.write(document.name, document.bytes);
        written.insert(document.name);
    }
    io::OutputSet top(out);
    top.write(ocdsFile, ocds);
    summaries.commit();
    try {
        top.commit();
    } catch (const io::OutputError& error) {
        summaries.revert(error.what());
        throw;
    }
    removeOthers(out / summariesFolder, written);
    published.folder = top.folder();
    return published;
}

}  // namespace tenderscore::publish
