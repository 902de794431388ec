# daemon/: porpoised's configuration (option files + command line -> ServerConfig).
# Included from src/daemon/CMakeLists.txt; brings in engine/variables.cmake if nobody has yet.
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/../engine/variables.cmake)
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/server_config.cc)
  porpoise_library(porpoise_daemon_config
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_config.cc
    DEPS porpoise_common porpoise_engine_variables porpoise_net)

  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/server_config_test.cc)
    add_unit_test(server_config_test
      SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_config_test.cc
      DEPS porpoise_daemon_config)
  endif()
endif()
