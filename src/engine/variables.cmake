# engine/: system-variable values (GLOBAL and per-session) over the catalog's variable table.
# Included from src/engine/CMakeLists.txt. The catalog's system_variables.cc is compiled here
# until porpoise_catalog lists it. Safe to include more than once.
include_guard(GLOBAL)
porpoise_library(porpoise_engine_variables
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/variables.cc
          ${CMAKE_CURRENT_LIST_DIR}/../catalog/system_variables.cc
  DEPS porpoise_common porpoise_catalog)

add_unit_test(variables_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/variables_test.cc
  DEPS porpoise_engine_variables)

add_unit_test(system_variables_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/../catalog/system_variables_test.cc
  DEPS porpoise_engine_variables)
