# Warnings for the project's own targets, as an INTERFACE target to link against.
add_library(tenderscore_warnings INTERFACE)
add_library(tenderscore::warnings ALIAS tenderscore_warnings)
target_compile_options(tenderscore_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(TENDERSCORE_WARNINGS_AS_ERRORS)
    target_compile_options(tenderscore_warnings INTERFACE -Werror)
endif()
