#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "io/hash.hpp"
#include "io/output_set.hpp"

namespace tenderscore::io {
namespace {

/// An output folder of its own for each test.
class ScratchFolder {
public:
    ScratchFolder()
        : _path(std::filesystem::temp_directory_path() /
                ("test-outputs-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(_path);
        std::filesystem::create_directories(_path);
    }
    ~ScratchFolder() { std::filesystem::remove_all(_path); }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return _path; }

    void put(const std::string& name, const std::string& text) const { std::ofstream(_path / name) << text; }
    [[nodiscard]] std::string read(const std::string& name) const { return readWhole((_path / name).string()); }

    /// Every name in the folder.
    [[nodiscard]] std::set<std::string> names() const {
        std::set<std::string> found;
        for (const auto& entry : std::filesystem::directory_iterator(_path)) {
            found.insert(entry.path().filename().string());
        }
        return found;
    }

private:
    std::filesystem::path _path;
};

TEST(OutputSet, CommitPutsEveryFileInPlaceAndLeavesNothingElse) {
    const ScratchFolder folder;
    folder.put("a.txt", "previous a");
    {
        OutputSet outputs(folder.path());
        outputs.write("a.txt", "new a");
        const std::filesystem::path b = outputs.reserve("b.txt");
        std::ofstream(b) << "new b";
        outputs.staged(b);
        outputs.commit();
    }
    EXPECT_EQ(folder.read("a.txt"), "new a");
    EXPECT_EQ(folder.read("b.txt"), "new b");
    EXPECT_EQ(folder.names(), (std::set<std::string>{"a.txt", "b.txt"}));
}

TEST(OutputSet, AFailedRenamePutsBackTheFilesAlreadyMoved) {
    const ScratchFolder folder;
    folder.put("a.txt", "previous a");
    std::filesystem::create_directory(folder.path() / "b.txt");  // no file can be renamed over it
    {
        OutputSet outputs(folder.path());
        outputs.write("a.txt", "new a");
        outputs.write("b.txt", "new b");
        try {
            outputs.commit();
            FAIL() << "committed over a folder";
        } catch (const OutputError& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find("to " + (folder.path() / "b.txt").string() + ": Is a directory"), std::string::npos)
                << message;
            EXPECT_NE(message.find("(the outputs already moved were put back as they were)"), std::string::npos)
                << message;
        }
    }
    EXPECT_EQ(folder.read("a.txt"), "previous a");
    EXPECT_EQ(folder.names(), (std::set<std::string>{"a.txt", "b.txt"}));
}

TEST(OutputSet, RevertPutsThePreviousFilesBackAndRemovesTheNewOnes) {
    const ScratchFolder folder;
    folder.put("a.txt", "previous a");
    {
        OutputSet outputs(folder.path());
        outputs.write("a.txt", "new a");
        outputs.write("b.txt", "new b");
        outputs.commit();
        EXPECT_EQ(folder.read("a.txt"), "new a");
        outputs.revert("the run could not be recorded");
    }
    EXPECT_EQ(folder.read("a.txt"), "previous a");
    EXPECT_EQ(folder.names(), (std::set<std::string>{"a.txt"}));
}

TEST(OutputSet, ASecondRunIntoTheFolderWaitsForTheFirst) {
    const ScratchFolder folder;
    auto first = std::make_unique<OutputSet>(folder.path());
    try {
        OutputSet second(folder.path(), std::chrono::milliseconds(100));
        FAIL() << "two runs held one folder";
    } catch (const OutputError& error) {
        EXPECT_EQ(std::string(error.what()), "the output folder " + folder.path().string() +
                                                 " is in use by another tenderscore run (waited 100 ms for it to "
                                                 "finish)");
    }
    first.reset();
    OutputSet second(folder.path(), std::chrono::milliseconds(100));
}

TEST(OutputSet, AFileWrittenThroughItsPathStaysTheSetsOwnWhateverIsPlantedAtItsName) {
    const ScratchFolder folder;
    folder.put("victim.txt", "precious");
    OutputSet outputs(folder.path());
    const std::filesystem::path workbook = outputs.reserve("book.xlsx");
    std::string temporary;
    for (const std::string& name : folder.names()) {
        if (name.rfind(".book.xlsx.tenderscore-new-", 0) == 0) {
            temporary = name;
        }
    }
    ASSERT_FALSE(temporary.empty());
    std::filesystem::remove(folder.path() / temporary);
    std::filesystem::create_symlink(folder.path() / "victim.txt", folder.path() / temporary);
    std::ofstream(workbook) << "the workbook";
    outputs.staged(workbook);
    EXPECT_EQ(folder.read("victim.txt"), "precious");
    EXPECT_THROW(outputs.commit(), OutputError);  // its name no longer holds the file written
    EXPECT_FALSE(std::filesystem::exists(folder.path() / "book.xlsx"));
}

TEST(OutputSet, OnlyItsOwnStaleFilesAreRemoved) {
    const ScratchFolder folder;
    const std::set<std::string> others = {".notes.txt.tmp-99999", ".results.json.tmp-99999",
                                          ".a.txt.tenderscore-new-short", ".a.txt.tenderscore-tmp-ABCDEFGH", "a.txt"};
    for (const std::string& name : others) {
        folder.put(name, "someone else's");
    }
    folder.put(".a.txt.tenderscore-new-AbCd1234", "left by a killed run");
    folder.put(".a.txt.tenderscore-old-zZ09aB7q", "left by a killed run");
    { OutputSet outputs(folder.path()); }
    EXPECT_EQ(folder.names(), others);
}

}  // namespace
}  // namespace tenderscore::io
