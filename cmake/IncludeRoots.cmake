# Each folder of the code is a target, and its headers are reachable as "<folder>/<name>.hpp" only
# from the targets that link it: the build gives every folder an include root of its own, holding
# nothing but a link to that folder. A target that includes a header of a folder it does not link
# fails to compile ("No such file or directory"), so the dependency rules of docs/architecture.md
# are kept by the build, not by review.
function(tenderscore_folder_target target folder_path)
    get_filename_component(folder "${folder_path}" NAME)
    set(root "${PROJECT_BINARY_DIR}/include-roots/${folder}")
    file(MAKE_DIRECTORY "${root}")
    file(CREATE_LINK "${folder_path}" "${root}/${folder}" SYMBOLIC)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
        target_include_directories(${target} INTERFACE "${root}")
    else()
        target_include_directories(${target} PUBLIC "${root}")
    endif()
endfunction()
