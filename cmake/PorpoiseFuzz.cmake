# Fuzz targets: add_fuzzer() builds a corpus-replay binary with any compiler (a ctest test
# labelled `fuzz`) and, with -DPORPOISE_FUZZ=ON under clang, a real libFuzzer binary too.

set(PORPOISE_FUZZ_REPLAY_MAIN ${CMAKE_CURRENT_LIST_DIR}/fuzz_replay_main.cc)

if(PORPOISE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PORPOISE_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++): "
                        "libFuzzer is part of clang's runtime")
  endif()
  # Every library gets coverage instrumentation and the sanitizers; only the fuzzer binaries
  # link libFuzzer's own main().
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# add_fuzzer(NAME SOURCES ... DEPS ... CORPUS dir...)
#   NAME_replay (with PORPOISE_TESTS): SOURCES + cmake/fuzz_replay_main.cc, which runs
#     LLVMFuzzerTestOneInput over every file under the directories or files named on its
#     command line; registered as the ctest test NAME (label `fuzz`) over the CORPUS dirs.
#   NAME (only with PORPOISE_FUZZ): the libFuzzer binary.
function(add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;CORPUS" ${ARGN})
  set(corpus_dirs)
  foreach(dir ${ARG_CORPUS})
    get_filename_component(absolute ${dir} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND corpus_dirs ${absolute})
  endforeach()

  if(PORPOISE_TESTS)
    add_executable(${name}_replay ${ARG_SOURCES} ${PORPOISE_FUZZ_REPLAY_MAIN})
    target_compile_options(${name}_replay PRIVATE ${PORPOISE_WARNINGS})
    target_link_libraries(${name}_replay PRIVATE ${ARG_DEPS})
    add_test(NAME ${name} COMMAND ${name}_replay ${corpus_dirs})
    set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 120)
  endif()

  if(PORPOISE_FUZZ)
    add_executable(${name} ${ARG_SOURCES})
    target_compile_options(${name} PRIVATE ${PORPOISE_WARNINGS} -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${ARG_DEPS})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  endif()
endfunction()
