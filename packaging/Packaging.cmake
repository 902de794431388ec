# packaging/: the Debian packages porpoise-server and porpoise-client, made by CPack's DEB
# generator from this same build (`cpack -G DEB` in the build directory; scripts/package.sh).
#
# Why CPack and not a debian/ tree with debhelper: one CMake build produces the binaries and
# the packages, the file lists come from the install() rules next to each target, and there
# is no second description of the build (debian/rules, *.install) to keep in step with it.
#
# What goes in which package is the install() COMPONENT: `server` is porpoise-server, `client`
# is porpoise-client. A new server-side program joins the server package with
#   install(TARGETS porpoise-backup RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# in its own CMakeLists.txt (and its name in _packaged_programs below); dpkg-shlibdeps adds
# the libraries it needs to Depends.

set(_packaging ${CMAKE_CURRENT_LIST_DIR})

# `package-programs` builds every program the packages carry (scripts/package.sh builds it
# before cpack, which packs what is built and builds nothing). A new program joins this list
# as well as getting its install() rule; one not defined in this build is left out.
set(_packaged_programs porpoised porpoise porpoise-backup)
add_custom_target(package-programs)
foreach(_program IN LISTS _packaged_programs)
  if(TARGET ${_program})
    add_dependencies(package-programs ${_program})
  endif()
endforeach()

# The server's files outside the build: configuration (conffiles, under /etc), the service,
# the helper the unit and the init script share.
install(FILES ${_packaging}/my.cnf DESTINATION /etc/porpoise COMPONENT server)
install(FILES ${_packaging}/porpoised.cnf DESTINATION /etc/porpoise/conf.d COMPONENT server)
install(FILES ${_packaging}/porpoise.logrotate DESTINATION /etc/logrotate.d RENAME porpoise
        COMPONENT server)
install(PROGRAMS ${_packaging}/porpoise.init DESTINATION /etc/init.d RENAME porpoise
        COMPONENT server)
install(FILES ${_packaging}/porpoise.service DESTINATION /lib/systemd/system COMPONENT server)
install(PROGRAMS ${_packaging}/porpoise-helper DESTINATION /usr/lib/porpoise COMPONENT server)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME porpoise)
set(CPACK_PACKAGE_VENDOR "Porpoise")
set(CPACK_PACKAGE_CONTACT "Porpoise maintainers <porpoise@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL server client)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # porpoise-server_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME porpoise-server)
# porpoised opens ICU with dlopen (src/types/icu_api.cc), which dpkg-shlibdeps cannot see:
# name the library package of the ICU major version it was built against.
find_package(ICU QUIET COMPONENTS uc i18n)
string(REGEX MATCH "^[0-9]+" _icu_major "${ICU_VERSION}")
# adduser for the postinst; awk for the init script and the helper (mawk is not Essential).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, mawk | awk")
if(_icu_major)
  string(APPEND CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS ", libicu${_icu_major}")
endif()
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "porpoise-client, logrotate")
# One string per description (a CMake list would put ';' between the lines).
string(CONCAT CPACK_COMPONENT_SERVER_DESCRIPTION
    "MySQL-compatible database server on SQLite\n"
    "porpoised speaks the MySQL wire protocol and dialect; the stock mysql and mariadb\n"
    "clients and MySQL connectors work with it. Runs as the porpoise user, with its data in\n"
    "/var/lib/porpoise and its configuration in /etc/porpoise.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${_packaging}/server/conffiles ${_packaging}/server/postinst ${_packaging}/server/prerm
    ${_packaging}/server/postrm)

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME porpoise-client)
string(CONCAT CPACK_COMPONENT_CLIENT_DESCRIPTION
    "command-line client for Porpoise and MySQL servers\n"
    "porpoise is a mysql-like shell: the mysql client's options, option files, completion,\n"
    "history search, pager and tee.")

include(CPack)
