// SHA-256 as specified in FIPS 180-4 (NIST, August 2015), §4.1.2 (functions),
// §4.2.2 (constants), §5.1.1 (padding), §5.3.3 (initial hash value) and §6.2.2
// (hash computation). Our own implementation so that io/ needs no OpenSSL;
// tests/io/test_sha256.cpp checks it against the NIST example vectors.
#include "io/sha256.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace targetcast::io {
namespace {

// §4.2.2: first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// §5.3.3: first 32 bits of the fractional parts of the square roots of the
// first 8 primes.
constexpr std::array<std::uint32_t, 8> kInitial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint32_t rotr(std::uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

// §4.1.2 (4.2)–(4.7).
constexpr std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (~x & z);
}
constexpr std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint32_t big_sigma0(std::uint32_t x) {
  return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}
constexpr std::uint32_t big_sigma1(std::uint32_t x) {
  return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}
constexpr std::uint32_t small_sigma0(std::uint32_t x) {
  return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}
constexpr std::uint32_t small_sigma1(std::uint32_t x) {
  return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

using Block = std::array<std::uint8_t, 64>;

// §6.2.2: one 512-bit block into the running hash.
void compress(std::array<std::uint32_t, 8>& h, const Block& block) {
  std::array<std::uint32_t, 64> w{};
  for (std::size_t t = 0; t < 16; ++t) {  // big-endian words
    w[t] = (std::uint32_t{block[4 * t]} << 24) | (std::uint32_t{block[4 * t + 1]} << 16) |
           (std::uint32_t{block[4 * t + 2]} << 8) | std::uint32_t{block[4 * t + 3]};
  }
  for (std::size_t t = 16; t < 64; ++t) {
    w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (std::size_t t = 0; t < 64; ++t) {
    const std::uint32_t t1 = hh + big_sigma1(e) + ch(e, f, g) + kRound[t] + w[t];
    const std::uint32_t t2 = big_sigma0(a) + maj(a, b, c);
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<std::uint32_t, 8> h = kInitial;
  Block block{};

  // Whole blocks straight from the input; `tail` (< 64 bytes, written so that
  // the compiler sees the bound) is left over.
  const std::size_t tail = bytes.size() % 64;
  const std::size_t whole = bytes.size() - tail;
  for (std::size_t i = 0; i < whole; i += 64) {
    for (std::size_t j = 0; j < 64; ++j) block[j] = static_cast<std::uint8_t>(bytes[i + j]);
    compress(h, block);
  }

  // §5.1.1: the tail, a 1 bit, zeros, and the message length in bits as a
  // 64-bit big-endian number; one or two blocks.
  block.fill(0);
  for (std::size_t j = 0; j < tail; ++j) block[j] = static_cast<std::uint8_t>(bytes[whole + j]);
  block[tail] = 0x80;
  if (tail >= 56) {  // no room for the length: it goes in a block of its own
    compress(h, block);
    block.fill(0);
  }
  const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8U;
  for (std::size_t j = 0; j < 8; ++j) {
    block[63 - j] = static_cast<std::uint8_t>(bits >> (8 * j));
  }
  compress(h, block);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < 8; ++i) {
    for (std::size_t j = 0; j < 8; ++j) {
      out[8 * i + j] = kHex[(h[i] >> (28 - 4 * j)) & 0xFU];
    }
  }
  return out;
}

}  // namespace targetcast::io
