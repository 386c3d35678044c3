// SplitMix64 (Steele, Lea & Flood 2014): a generator fully specified by its seed, so that a seed gives the same numbers
// on every platform. The quiz's option order, the selection lottery and the random test instances rest on it.
// (sim/ keeps its own copy: it depends on nothing, to build to WebAssembly alone.)
#pragma once
#include <cstdint>

namespace kenshu::domain {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  // A Weyl sequence scrambled by two xor-shift-multiply rounds. The first output is a bijection of the seed that
  // spreads every bit of it over the result.
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // In [lo, hi]. The modulo bias is below 2^-40 for ranges under 2^24, far below anything that could matter here.
  int uniform(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return uniform(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

}  // namespace kenshu::domain
