#pragma once
// TARGETCAST_VECTOR_CLONES before a function with per-firm loops compiles it
// three times — for AVX-512 (x86-64-v4), AVX2 (x86-64-v3) and the baseline
// x86-64 — and picks the widest the processor has when the program starts
// (GCC function multi-versioning, resolved through an ifunc).
//
// Why this is safe for reproducibility: the clones evaluate the same
// expressions lane by lane, only more lanes at a time. No value depends on
// the vector width, because nothing is reassociated (the loops keep their own
// partial sums) and no multiply-add is fused (-ffp-contract=off, see
// model/CMakeLists.txt). So a result is bit-identical on every x86-64
// machine, whichever clone runs (tests/model/test_firm_batch.cpp compares the
// batched draws with the scalar samplers).
//
// Off for other compilers and processors, and under the sanitizers, which
// need no speed: TARGETCAST_NO_VECTOR_CLONES.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(TARGETCAST_NO_VECTOR_CLONES)
#define TARGETCAST_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TARGETCAST_VECTOR_CLONES
#endif
