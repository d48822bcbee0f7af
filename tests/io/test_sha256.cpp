// Known-answer tests for io/sha256: the example vectors of NIST's "Cryptographic
// Standards and Guidelines: Examples with Intermediate Values" (SHA256.pdf,
// SHA2_Additional.pdf) that accompany FIPS 180-4, plus padding boundaries
// checked against GNU coreutils `sha256sum`.
#include <catch2/catch.hpp>

#include <string>

#include "io/sha256.h"

using targetcast::io::sha256_hex;

namespace {

// 'a', 'b', ... 'z', 'a', ... of the given length.
std::string alphabet(std::size_t length) {
  std::string s(length, 'a');
  for (std::size_t i = 0; i < length; ++i) s[i] = static_cast<char>('a' + static_cast<int>(i % 26));
  return s;
}

}  // namespace

TEST_CASE("sha256: FIPS 180-4 example vectors", "[io][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 448-bit message: two blocks after padding.
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // 896-bit message.
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmno"
                   "pqrstnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  // One million 'a'.
  CHECK(sha256_hex(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding boundaries around one and two blocks", "[io][sha256]") {
  // 55 bytes is the longest message whose padding fits in one block; 56 needs
  // a second block for the length; 64 is exactly one block of message.
  CHECK(sha256_hex(alphabet(55)) == "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005");
  CHECK(sha256_hex(alphabet(56)) == "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51");
  CHECK(sha256_hex(alphabet(63)) == "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c");
  CHECK(sha256_hex(alphabet(64)) == "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e");
  CHECK(sha256_hex(alphabet(65)) == "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d");
  CHECK(sha256_hex(alphabet(119)) == "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b");
  CHECK(sha256_hex(alphabet(120)) == "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8");
}

TEST_CASE("sha256: bytes, not characters (NUL, high bytes, UTF-8)", "[io][sha256]") {
  CHECK(sha256_hex(std::string("\x00\xff\x80", 3)) ==
        "f742b965f156c10374bc23aea96e3a8aff8facd6fc079defeaa30219ad86f211");
  CHECK(sha256_hex("规划") == "29d38fc5d43c11f4a0baf98ae379fa95648d106a49817ee6b58d3f6589653878");
}
