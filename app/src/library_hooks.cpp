// Two library behaviours this program sets by standing in for a library
// function: definitions in the executable come first in symbol lookup, and
// are exported for that (app/CMakeLists.txt). Nothing else changes.
#include <dlfcn.h>
#include <printf.h>
#include <zlib.h>

extern "C" {

// glibc's printf on its fast path. libquadmath, which Debian's OpenCV brings
// in (imgcodecs -> GDAL -> LAPACK -> libgfortran), registers a %Q modifier
// for __float128 when it loads; once any printf hook is registered, glibc
// formats every printf, snprintf and fprintf of the process through its slow
// positional path (a quarter slower), and libxlsxwriter writes each cell
// with fprintf. Refused here, the library returns without hooks (it checks
// the result); nothing in Cartero prints __float128.
__attribute__((visibility("default"))) int register_printf_specifier(int, printf_function*, printf_arginfo_size_function*) noexcept {
  return -1;
}
__attribute__((visibility("default"))) int register_printf_function(int, printf_function*, printf_arginfo_function*) noexcept {
  return -1;
}
__attribute__((visibility("default"))) int register_printf_modifier(const wchar_t*) noexcept { return -1; }
__attribute__((visibility("default"))) int register_printf_type(printf_va_arg_function*) noexcept { return -1; }

// The XLSX exports' compression: libxlsxwriter zips the workbook's parts
// through minizip at zlib's default level (6), with no option to choose,
// and deflating the sheet was a third of an export. Level 1 deflates it 2-3
// times faster for a file about a sixth larger (a 100,000-row register:
// 8.5 MB instead of 7.2 MB). Only the default level is changed; minizip's
// other callers in the process (GDAL's KMZ driver) are never used.
using ZipOpenNewFile = int (*)(void*, const char*, const void*, const void*, unsigned, const void*, unsigned, const char*, int, int,
                               int, int, int, int, const char*, unsigned long, unsigned long, unsigned long, int);

__attribute__((visibility("default"))) int zipOpenNewFileInZip4_64(void* file, const char* filename, const void* info,
                                                                   const void* extra_local, unsigned extra_local_size,
                                                                   const void* extra_global, unsigned extra_global_size,
                                                                   const char* comment, int method, int level, int raw,
                                                                   int window_bits, int mem_level, int strategy,
                                                                   const char* password, unsigned long crc_for_crypting,
                                                                   unsigned long version_made_by, unsigned long flag_base,
                                                                   int zip64) {
  static const auto real = reinterpret_cast<ZipOpenNewFile>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (!real) return -104;  // ZIP_INTERNALERROR: libxlsxwriter reports it as a write error
  if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION) level = 1;
  return real(file, filename, info, extra_local, extra_local_size, extra_global, extra_global_size, comment, method, level, raw,
              window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by, flag_base, zip64);
}

}
