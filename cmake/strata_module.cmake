# Helpers that keep every module shaped the same way.
#
# strata_module(NAME DEPS ...) builds NAME from every .cpp under its folder as a
# static library. Includes are rooted at the repository ("storage/wal/log_writer.h").
# DEPS must only name modules below NAME in the layer order
# common <- storage <- txn <- catalog <- sql <- protocol <- server.
function(strata_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# strata_unit_tests(NAME MODULE) builds tests/<dir>/*.cpp into one Catch2 binary
# linked against MODULE only (and, transitively, what MODULE depends on), so a
# call into a higher layer fails to link.
function(strata_unit_tests name module)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${module} strata_catch_main)
  # Tests that read the repository's own files (SQL corpora) find it here.
  target_compile_definitions(${name} PRIVATE STRATA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit TIMEOUT 900)
endfunction()
