// k-means: hand-computed clusterings, separated blobs, and the k-means++ sampling law.
#include <algorithm>
#include <cmath>
#include <set>

#include "catch_compat.hpp"
#include "eigen_literals.hpp"
#include "vae/analysis/kmeans.hpp"
#include "vae/analysis/matching.hpp"
#include "vae/rng.hpp"

namespace test_analysis_kmeans {

using test_support::column;
using vae::analysis::KMeansOptions;
using vae::analysis::Labels;
using vae::analysis::Matrix;

namespace {

// Three tight blobs far apart; truth[i] says which blob point i came from.
Matrix blobs(Labels& truth) {
    const double centre[3][2] = {{0, 0}, {10, 0}, {0, 10}};
    vae::Rng rng(3, vae::Stream::Data);
    Matrix x(90, 2);
    truth.assign(90, 0);
    for (int i = 0; i < 90; ++i) {
        const int b = i % 3;
        truth[i] = b;
        x(i, 0) = centre[b][0] + 0.5 * rng.normal();
        x(i, 1) = centre[b][1] + 0.5 * rng.normal();
    }
    return x;
}

}  // namespace

TEST_CASE("k-means on a hand-computed 1-D case", "[analysis]") {
    // {0, 1} and {10, 11}: centres 0.5 and 10.5, each point 0.5 away: inertia 4 * 0.25 = 1.
    const Matrix x = column({0, 1, 10, 11});
    KMeansOptions options;
    options.k = 2;
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        options.seed = seed;
        const auto result = vae::analysis::kmeans(x, options);
        CAPTURE(seed);
        CHECK(result.converged);
        CHECK(result.inertia == 1.0);
        CHECK(result.assignments[0] == result.assignments[1]);
        CHECK(result.assignments[2] == result.assignments[3]);
        CHECK(result.assignments[0] != result.assignments[2]);
        const int low = result.assignments[0], high = result.assignments[2];
        CHECK(result.centres(low, 0) == 0.5);
        CHECK(result.centres(high, 0) == 10.5);
    }
}

TEST_CASE("k-means recovers well-separated blobs exactly", "[analysis]") {
    Labels truth;
    const Matrix x = blobs(truth);
    KMeansOptions options;
    options.k = 3;
    options.seed = 11;
    const auto result = vae::analysis::kmeans(x, options);
    REQUIRE(result.converged);

    const auto matching = vae::analysis::match_clusters(result.assignments, truth);
    CHECK(matching.accuracy == 1.0);
    CHECK(matching.matched == 90);

    // The centres are the blobs' own sample means, and the inertia their scatter.
    double inertia = 0;
    for (int c = 0; c < 3; ++c) {
        const int blob = matching.label_of[c];
        Eigen::RowVector2d mean(0, 0);
        int count = 0;
        for (int i = 0; i < 90; ++i) {
            if (truth[i] == blob) {
                mean += x.row(i);
                ++count;
            }
        }
        mean /= count;
        CHECK_THAT(result.centres(c, 0), WithinAbs(mean(0), 1e-12));
        CHECK_THAT(result.centres(c, 1), WithinAbs(mean(1), 1e-12));
        for (int i = 0; i < 90; ++i) {
            if (truth[i] == blob) inertia += (x.row(i) - mean).squaredNorm();
        }
    }
    CHECK_THAT(result.inertia, WithinRel(inertia, 1e-12));
}

TEST_CASE("k-means results are self-consistent and reproducible", "[analysis]") {
    // Overlapping random data: the answer is not known, but its defining properties are.
    vae::Rng rng(5, vae::Stream::Data);
    Matrix x(200, 3);
    for (int i = 0; i < 200; ++i)
        for (int j = 0; j < 3; ++j) x(i, j) = rng.normal();
    KMeansOptions options;
    options.k = 4;
    options.seed = 9;
    const auto result = vae::analysis::kmeans(x, options);
    REQUIRE(result.converged);

    double inertia = 0;
    Matrix sums = Matrix::Zero(4, 3);
    std::vector<int> count(4, 0);
    for (int i = 0; i < 200; ++i) {
        // Each sample sits at a nearest centre.
        double own = (x.row(i) - result.centres.row(result.assignments[i])).squaredNorm();
        for (int c = 0; c < 4; ++c) CHECK(own <= (x.row(i) - result.centres.row(c)).squaredNorm());
        inertia += own;
        sums.row(result.assignments[i]) += x.row(i);
        ++count[result.assignments[i]];
    }
    // Each centre is the mean of its samples.
    for (int c = 0; c < 4; ++c) {
        REQUIRE(count[c] > 0);
        CHECK(((sums.row(c) / count[c]) - result.centres.row(c)).cwiseAbs().maxCoeff() < 1e-12);
    }
    CHECK_THAT(result.inertia, WithinRel(inertia, 1e-12));

    SECTION("the same seed gives the same clustering, bit for bit") {
        const auto again = vae::analysis::kmeans(x, options);
        CHECK(again.assignments == result.assignments);
        CHECK(again.centres == result.centres);
        CHECK(again.inertia == result.inertia);
    }
    SECTION("restarts keep the best inertia, and the first restart is the single run") {
        options.n_init = 6;
        const auto best = vae::analysis::kmeans(x, options);
        CHECK(best.inertia <= result.inertia);
    }
    SECTION("max_iter = 1 still returns nearest-centre assignments") {
        options.max_iter = 1;
        const auto one = vae::analysis::kmeans(x, options);
        CHECK(one.iterations == 1);
        double recomputed = 0;
        for (int i = 0; i < 200; ++i) {
            double d2 = 0;
            CHECK(vae::analysis::nearest_centre(x.row(i), one.centres, &d2) == one.assignments[i]);
            recomputed += d2;
        }
        CHECK_THAT(one.inertia, WithinRel(recomputed, 1e-12));
        CHECK(one.inertia >= result.inertia - 1e-9);
    }
}

TEST_CASE("k-means++ never picks a point that already has a centre", "[analysis]") {
    // Three distinct points, each repeated: k = 3 must pick all three, whatever the seed.
    const Matrix x = column({4, 4, 4, -1, -1, 7, 7, 7, 7});
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        vae::Rng rng(seed, vae::Stream::Cluster);
        const Matrix centres = vae::analysis::kmeans_plus_plus(x, 3, rng);
        std::set<double> picked(centres.data(), centres.data() + 3);
        CAPTURE(seed);
        CHECK(picked == std::set<double>{-1, 4, 7});
    }
}

TEST_CASE("k-means++ draws the second centre with probability proportional to D^2", "[analysis]") {
    // Points 0, 1, 3; first centre uniform; then P(x | first a) = (x - a)^2 / sum.
    //   first 0: picks 1 w.p. 1/10, 3 w.p. 9/10
    //   first 1: picks 0 w.p. 1/5,  3 w.p. 4/5
    //   first 3: picks 0 w.p. 9/13, 1 w.p. 4/13
    // P({0, 3}) = (9/10 + 9/13) / 3, P({0, 1}) = (1/10 + 1/5) / 3, P({1, 3}) = (4/5 + 4/13) / 3.
    const Matrix x = column({0, 1, 3});
    const double expected_03 = (0.9 + 9.0 / 13) / 3, expected_01 = (0.1 + 0.2) / 3;
    const int trials = 30000;
    int pair_03 = 0, pair_01 = 0;
    for (int seed = 0; seed < trials; ++seed) {
        vae::Rng rng(static_cast<std::uint64_t>(seed), vae::Stream::Cluster);
        const Matrix c = vae::analysis::kmeans_plus_plus(x, 2, rng);
        const double lo = std::min(c(0, 0), c(1, 0)), hi = std::max(c(0, 0), c(1, 0));
        pair_03 += (lo == 0 && hi == 3);
        pair_01 += (lo == 0 && hi == 1);
    }
    // Binomial standard error sqrt(p(1-p)/n) ~ 0.0029; allow 5 of them. The seeds are fixed,
    // so this check is deterministic; it fails only if the sampling law is wrong.
    CHECK_THAT(double(pair_03) / trials, WithinAbs(expected_03, 0.015));
    CHECK_THAT(double(pair_01) / trials, WithinAbs(expected_01, 0.015));
}

TEST_CASE("k-means fills empty clusters when there are fewer distinct points than k", "[analysis]") {
    // Two distinct values, k = 3: one centre must duplicate a point. Ties send every point to
    // the lower-index duplicate, leaving a cluster empty until the repair rule refills it.
    const Matrix x = column({2, 2, 2, 5, 5});
    KMeansOptions options;
    options.k = 3;
    options.seed = 1;
    const auto result = vae::analysis::kmeans(x, options);
    CHECK(result.converged);
    CHECK(result.inertia == 0.0);
    std::set<int> used(result.assignments.begin(), result.assignments.end());
    CHECK(used.size() == 3);
    for (int i = 0; i < 5; ++i) CHECK(result.centres(result.assignments[i], 0) == x(i, 0));
}

TEST_CASE("k-means refuses impossible requests", "[analysis]") {
    const Matrix x = column({1, 2, 3});
    KMeansOptions options;
    options.k = 4;
    REQUIRE_THROWS_AS(vae::analysis::kmeans(x, options), std::invalid_argument);
    options.k = 0;
    REQUIRE_THROWS_AS(vae::analysis::kmeans(x, options), std::invalid_argument);
    options.k = 2;
    options.n_init = 0;
    REQUIRE_THROWS_AS(vae::analysis::kmeans(x, options), std::invalid_argument);
}

}  // namespace test_analysis_kmeans
