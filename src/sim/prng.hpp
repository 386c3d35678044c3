#pragma once
// The engine's own pseudo-random numbers: splitmix64, so that a seed gives the same trace on every platform.
#include <cstdint>

namespace kenshu::sim {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed = 1) : state_(seed) {}

  std::uint64_t next() {
    // Steele, Lea & Flood (2014): a Weyl sequence scrambled by two xor-shift-multiply rounds.
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1): the top 53 bits make every double in the range equally likely.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform in [-1, 1).
  double symmetric() { return 2.0 * uniform() - 1.0; }

 private:
  std::uint64_t state_;
};

}  // namespace kenshu::sim
