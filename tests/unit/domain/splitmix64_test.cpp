// SplitMix64 must be the published generator: the quiz orders and the selection lottery are re-drawn from seeds.
#include <gtest/gtest.h>

#include "domain/splitmix64.hpp"

using kenshu::domain::SplitMix64;

// The reference implementation's (Vigna, splitmix64.c) first outputs for the seed 1234567.
TEST(SplitMix64, GivesTheReferenceSequence) {
  SplitMix64 g(1234567);
  EXPECT_EQ(g.next(), 6457827717110365317ULL);
  EXPECT_EQ(g.next(), 3203168211198807973ULL);
  EXPECT_EQ(g.next(), 9817491932198370423ULL);
  EXPECT_EQ(g.next(), 4593380528125082431ULL);
  EXPECT_EQ(g.next(), 16408922859458223821ULL);
}

TEST(SplitMix64, UniformStaysInItsBoundsAndReachesThem) {
  SplitMix64 g(42);
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 1000; ++i) {
    const int v = g.uniform(-2, 3);
    ASSERT_GE(v, -2);
    ASSERT_LE(v, 3);
    saw_lo |= v == -2;
    saw_hi |= v == 3;
  }
  EXPECT_TRUE(saw_lo && saw_hi);
  EXPECT_EQ(g.uniform(5, 5), 5);
}
