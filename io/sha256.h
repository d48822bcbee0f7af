#pragma once
// SHA-256 (FIPS 180-4) of a byte string, as 64 lower-case hex digits.
//
// Every input file of an experiment is stored with its digest so that a
// planner can tell, years later, exactly which seed, prior and scenario files
// produced a result (`sha256sum file` prints the same digest). Computed by
// OpenSSL's libcrypto (io/sha256.cpp).
#include <string>
#include <string_view>

namespace targetcast::io {

std::string sha256_hex(std::string_view bytes);

}  // namespace targetcast::io
