// The portable sampler: the engine is the standard one, and the normals have the right moments.
#include <cmath>
#include <random>
#include <set>

#include "catch_compat.hpp"
#include "vae/rng.hpp"

namespace test_rng {

TEST_CASE("mt19937_64 gives the value the C++ standard requires", "[rng]") {
    // [rand.predef]: the 10000th consecutive invocation of a default-constructed
    // std::mt19937_64 produces 9981545732273789042.
    std::mt19937_64 engine;
    engine.discard(9999);
    REQUIRE(engine() == 9981545732273789042ULL);
}

TEST_CASE("uniform draws lie strictly inside (0, 1) and follow the raw engine", "[rng]") {
    vae::Rng rng(7, vae::Stream::Data);
    std::mt19937_64 engine(vae::stream_seed(7, vae::Stream::Data));
    for (int i = 0; i < 1000; ++i) {
        const double u = rng.uniform();
        REQUIRE(u > 0.0);
        REQUIRE(u < 1.0);
        // (k + 0.5) / 2^53 with k the top 53 bits: computed here another way.
        const double expected = std::ldexp(static_cast<double>(engine() >> 11) + 0.5, -53);
        REQUIRE(u == expected);
    }
}

TEST_CASE("normal draws have mean 0, variance 1, skewness 0 and kurtosis 3", "[rng]") {
    vae::Rng rng(2024, vae::Stream::Noise);
    const int n = 400000;
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.normal();
        s1 += x, s2 += x * x, s3 += x * x * x, s4 += x * x * x * x;
    }
    const double mean = s1 / n, m2 = s2 / n, m3 = s3 / n, m4 = s4 / n;
    // Standard errors for n = 400000: mean 1/sqrt(n) = 0.0016, E[x^2] sqrt(2/n) = 0.0022,
    // E[x^3] sqrt(15/n) = 0.0061, E[x^4] sqrt(96/n) = 0.0155. Bounds are about 5 of them.
    CHECK(std::fabs(mean) < 0.008);
    CHECK(std::fabs(m2 - 1.0) < 0.011);
    CHECK(std::fabs(m3) < 0.031);
    CHECK(std::fabs(m4 - 3.0) < 0.078);
}

TEST_CASE("normal tail probabilities match the Gaussian CDF", "[rng]") {
    vae::Rng rng(99, vae::Stream::Noise);
    const int n = 200000;
    int beyond1 = 0, beyond2 = 0;
    for (int i = 0; i < n; ++i) {
        const double x = std::fabs(rng.normal());
        beyond1 += x > 1.0;
        beyond2 += x > 2.0;
    }
    // P(|X| > 1) = erfc(1/sqrt 2) = 0.31731, P(|X| > 2) = erfc(sqrt 2) = 0.04550.
    CHECK(std::fabs(beyond1 / double(n) - std::erfc(1.0 / std::sqrt(2.0))) < 0.005);
    CHECK(std::fabs(beyond2 / double(n) - std::erfc(std::sqrt(2.0))) < 0.0025);
}

TEST_CASE("streams are reproducible and independent of each other", "[rng]") {
    vae::Rng a(5, vae::Stream::Data), b(5, vae::Stream::Data), c(5, vae::Stream::Noise),
        d(6, vae::Stream::Data);
    bool differs_by_stream = false, differs_by_seed = false;
    for (int i = 0; i < 10; ++i) {
        const double x = a.normal();
        REQUIRE(x == b.normal());
        differs_by_stream = differs_by_stream || x != c.normal();
        differs_by_seed = differs_by_seed || x != d.normal();
    }
    CHECK(differs_by_stream);
    CHECK(differs_by_seed);
}

TEST_CASE("below(n) is uniform over 0..n-1 and shuffle permutes", "[rng]") {
    vae::Rng rng(1, vae::Stream::Shuffle);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) counts[rng.below(3)]++;
    for (int c : counts) CHECK(std::abs(c - 10000) < 500);  // sd is 82
    std::vector<int> v{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    rng.shuffle(v);
    CHECK(std::set<int>(v.begin(), v.end()).size() == 10);
    CHECK(v != std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    REQUIRE_THROWS(rng.below(0));
}

}  // namespace test_rng
