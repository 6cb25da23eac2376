# One INTERFACE target carries the compile flags every target of the project
# uses (house style point 4). Targets link it PRIVATE.
add_library(ota_options INTERFACE)
target_compile_features(ota_options INTERFACE cxx_std_20)
set_target_properties(ota_options PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)
target_compile_definitions(ota_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)
target_compile_options(ota_options INTERFACE
    -Wall -Wextra -Wpedantic
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-align -Wshadow -Wformat=2 -Wimplicit-fallthrough
    $<$<COMPILE_LANGUAGE:CXX>:-Wsuggest-override>)

option(OTA_WERROR "Treat compiler warnings as errors (CI and all presets)" OFF)
if(OTA_WERROR)
    target_compile_options(ota_options INTERFACE -Werror)
endif()

option(OTA_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(OTA_SANITIZE)
    target_compile_options(ota_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(ota_options INTERFACE -fsanitize=address,undefined)
endif()

# The fuzz preset compiles the project's parsers with coverage instrumentation
# so libFuzzer reaches them; Debian's Qt itself is not instrumented.
option(OTA_FUZZ "Build libFuzzer targets (needs clang)" OFF)
if(OTA_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "OTA_FUZZ needs clang: use the 'fuzz' preset (CMAKE_CXX_COMPILER=clang++)")
    endif()
    target_compile_options(ota_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_link_options(ota_options INTERFACE -fsanitize=address,undefined)
endif()
