# Every third-party library Cartero uses, found once. `./dev setup` installs
# the Debian packages that provide them.
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation Util JSON Data DataSQLite Net NetSSL Zip XML)
find_package(SQLite3 REQUIRED)
if(CARTERO_WITH_POSTGRESQL)
  find_package(PostgreSQL)
  # Poco's exported target names libpq as PostgreSQL::client.
  if(PostgreSQL_FOUND AND NOT TARGET PostgreSQL::client)
    add_library(PostgreSQL::client INTERFACE IMPORTED)
    target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
  endif()
  find_package(Poco COMPONENTS DataPostgreSQL)
  if(NOT PostgreSQL_FOUND OR NOT TARGET Poco::DataPostgreSQL)
    message(FATAL_ERROR "CARTERO_WITH_POSTGRESQL is ON but libpq or Poco's PostgreSQL connector "
                        "is missing: run ./dev setup, or configure with -DCARTERO_WITH_POSTGRESQL=OFF")
  endif()
endif()
if(CARTERO_BUILD_TESTS)
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
# libxlsxwriter (Debian's libxlsxwriter-dev, 1.1): Excel files people export.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
