# Compiler settings every Cartero target links PRIVATE: one place for the
# language level, warnings and sanitizers.
add_library(cartero_settings INTERFACE)
target_compile_features(cartero_settings INTERFACE cxx_std_20)
target_compile_options(cartero_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wno-unused-parameter
  # GCC 12 false positive on std::string concatenation (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(CARTERO_SANITIZE)
  target_compile_options(cartero_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(cartero_settings INTERFACE -fsanitize=address,undefined)
endif()
set(CMAKE_CXX_EXTENSIONS OFF)
# libFuzzer targets under tests/fuzz (clang only): every library built for
# coverage with ASan and UBSan, the targets linked with libFuzzer.
if(CARTERO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CARTERO_FUZZ needs clang (CMAKE_CXX_COMPILER=clang++)")
  endif()
  target_compile_options(cartero_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(cartero_settings INTERFACE -fsanitize=address,undefined)
endif()
