# engine/: access checks and account/grant statements over the mysql system tables.
# Included from src/engine/CMakeLists.txt.
porpoise_library(porpoise_engine_accounts
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/access_checker.cc
          ${CMAKE_CURRENT_LIST_DIR}/account_manager.cc
  DEPS porpoise_auth porpoise_catalog porpoise_storage porpoise_sql porpoise_common)

add_unit_test(access_checker_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/access_checker_test.cc
  DEPS porpoise_engine_accounts)

add_unit_test(account_manager_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/account_manager_test.cc
  DEPS porpoise_engine_accounts)
