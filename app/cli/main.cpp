#include <clocale>
#include <iostream>

#include <Poco/AutoPtr.h>
#include <Poco/Util/OptionException.h>

#include "cli/tenderscore_app.hpp"
#include "format/text.hpp"

int main(int argc, char** argv) {
    // libxlsxwriter and the standard library print numbers with the C locale; keep it for the whole run.
    (void)std::setlocale(LC_ALL, "C");  // "C" always exists
    Poco::AutoPtr<tenderscore::cli::TenderscoreApp> app = new tenderscore::cli::TenderscoreApp;
    try {
        app->init(argc, argv);
    } catch (const Poco::Util::OptionException& error) {
        std::cerr << "tenderscore: " << tenderscore::text::terminalSafe(error.displayText()) << "\n"
                  << tenderscore::cli::usage();
        return Poco::Util::Application::EXIT_USAGE;
    } catch (const tenderscore::cli::UsageError& error) {
        std::cerr << "tenderscore: " << tenderscore::text::terminalSafe(error.what()) << "\n"
                  << tenderscore::cli::usage();
        return Poco::Util::Application::EXIT_USAGE;
    }
    return app->run();
}
