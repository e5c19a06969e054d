# Debian packages with CPack (SPRO_PACKAGING=ON; packaging/build-debs.sh
# configures a build with it and the /usr prefix):
#   libspro-search-dev  the static library, headers, CMake package and .pc file
#   spro-search         spro-index and spro-search
#   spro-serve          spro-serve, its hardened unit, the nightly rebuild
#                       (spro-index.service + .timer) from
#                       /etc/spro-search/sources.yaml, the sample partner files
# Man pages are generated from each program's --help by help2man.
include(GNUInstallDirs)
find_program(HELP2MAN help2man REQUIRED)

# Man pages, one per program, each subcommand's --help included.
set(spro_man_pages)
foreach(item IN ITEMS
    "spro-index|tools|build and update a spro-search index|build;update;delete"
    "spro-search|tools|search a spro-search index|"
    "spro-serve|serve|serve a spro-search index over HTTP (JSON API and search page)|")
  string(REPLACE "|" ";" fields "${item}")
  list(GET fields 0 program)
  list(GET fields 1 component)
  list(GET fields 2 description)
  list(SUBLIST fields 3 -1 subcommands)
  set(page ${CMAKE_BINARY_DIR}/man/${program}.1.gz)
  add_custom_command(OUTPUT ${page}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${PROJECT_SOURCE_DIR}/packaging/make-man.sh $<TARGET_FILE:${program}> ${PROJECT_VERSION}
            "${description}" ${page} ${subcommands}
    DEPENDS ${program} ${PROJECT_SOURCE_DIR}/packaging/make-man.sh
    VERBATIM)
  list(APPEND spro_man_pages ${page})
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${component})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${spro_man_pages})

# The service: units, users, configuration (the sample's, made absolute).
set(SPRO_SAMPLE_DIR ${CMAKE_INSTALL_FULL_DATADIR}/spro-search/sample)
file(READ ${PROJECT_SOURCE_DIR}/data/sample/sources.yaml spro_sample_sources)
string(REPLACE "path: partners/" "path: ${SPRO_SAMPLE_DIR}/partners/" spro_sample_sources "${spro_sample_sources}")
file(WRITE ${CMAKE_BINARY_DIR}/packaging/sources.yaml
"# What the nightly rebuild (spro-index.timer) indexes: list your partners'
# files here (format: /usr/share/doc/spro-serve/indexer.md), then
# systemctl start spro-index.service. Until then, the bundled sample.
${spro_sample_sources}")
install(FILES ${CMAKE_BINARY_DIR}/packaging/sources.yaml DESTINATION /etc/spro-search COMPONENT serve)
install(FILES packaging/spro-serve.default DESTINATION /etc/default RENAME spro-serve COMPONENT serve)
install(FILES packaging/spro-index.default DESTINATION /etc/default RENAME spro-index COMPONENT serve)
install(FILES packaging/systemd/spro-serve.service packaging/systemd/spro-index.service packaging/systemd/spro-index.timer
        DESTINATION lib/systemd/system COMPONENT serve)
install(FILES packaging/spro-search.sysusers DESTINATION lib/sysusers.d RENAME spro-search.conf COMPONENT serve)
install(DIRECTORY data/sample/partners DESTINATION ${CMAKE_INSTALL_DATADIR}/spro-search/sample COMPONENT serve)
# (Not DOCDIR/../spro-serve: that left an empty /usr/share/doc/spro-search in spro-serve.)
install(FILES docs/deployment.md docs/indexer.md DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/spro-serve COMPONENT serve)
# Debian policy 12.5: every package carries /usr/share/doc/<package>/copyright
# (machine-readable: the code's GPL, the bundled data's licences).
foreach(pair IN ITEMS "dev|libspro-search-dev" "tools|spro-search" "serve|spro-serve")
  string(REPLACE "|" ";" fields "${pair}")
  list(GET fields 0 component)
  list(GET fields 1 package)
  install(FILES packaging/copyright DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component})
endforeach()
# What an embedder reads: the API, pathways and the resource model.
install(FILES docs/search.md docs/pathways.md docs/resource-format.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/libspro-search-dev COMPONENT dev)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME spro-search)
set(CPACK_PACKAGE_VENDOR "spro-search")
set(CPACK_PACKAGE_CONTACT "spro-search developers <spro-search@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL dev tools serve)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://xapian.org")
# Run-time libraries from the binaries' own links (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(spro_version "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libspro-search-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# A static library: its users link Xapian and ICU themselves; the CMake
# package and the .pc file find ICU through pkg-config.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libxapian-dev, libicu-dev, pkg-config")
set(CPACK_COMPONENT_DEV_DESCRIPTION "spro-search library: static library and headers
 Search library for French public career-guidance portals, on Xapian and
 ICU: French analysis, territory filters, exact facets, did-you-mean.
 Use find_package(spro-search) and spro::search, or pkg-config spro-search.")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME spro-search)
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "spro-search tools: spro-index and spro-search
 spro-index builds and updates a spro-search index from partner files (JSON
 Lines, CSV, ROME, LHEO, Certif Info, aids, HTML, PDF, text); spro-search
 searches it from the command line.")

set(CPACK_DEBIAN_SERVE_PACKAGE_NAME spro-serve)
set(CPACK_DEBIAN_SERVE_PACKAGE_SECTION web)
set(CPACK_DEBIAN_SERVE_PACKAGE_DEPENDS "spro-search (= ${spro_version}), systemd")
set(CPACK_COMPONENT_SERVE_DESCRIPTION "spro-search HTTP server with a nightly index rebuild
 spro-serve answers the JSON API and the accessible search page over a
 spro-search index, as the spro-serve.service unit (dedicated user, read-only
 index, loopback only by default). spro-index.timer rebuilds the index every
 night from /etc/spro-search/sources.yaml (the bundled sample until edited).")
set(CPACK_DEBIAN_SERVE_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/packaging/debian/spro-serve/postinst
  ${PROJECT_SOURCE_DIR}/packaging/debian/spro-serve/prerm
  ${PROJECT_SOURCE_DIR}/packaging/debian/spro-serve/postrm
  ${PROJECT_SOURCE_DIR}/packaging/debian/spro-serve/conffiles)
set(CPACK_DEBIAN_SERVE_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
