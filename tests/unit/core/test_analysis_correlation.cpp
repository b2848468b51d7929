// Pearson correlation on pairs whose r is known exactly.
#include <cmath>
#include <limits>

#include "catch_compat.hpp"
#include "eigen_literals.hpp"
#include "vae/analysis/correlation.hpp"

namespace test_analysis_correlation {

using test_support::vec;
using vae::analysis::Matrix;
using vae::analysis::Vector;

TEST_CASE("Pearson r of exact linear relations is +1 or -1", "[analysis]") {
    const Vector x = vec({0.3, -1.2, 4.0, 2.5, 7.1});
    const auto up = vae::analysis::pearson(x, (2.0 * x.array() + 3.0).matrix());
    CHECK(up.defined);
    CHECK_THAT(up.r, WithinAbs(1.0, 1e-15));
    const auto down = vae::analysis::pearson(x, (-0.5 * x.array() + 1.0).matrix());
    CHECK(down.defined);
    CHECK_THAT(down.r, WithinAbs(-1.0, 1e-15));
}

TEST_CASE("Pearson r of a hand-computed pair", "[analysis]") {
    // x = 1 2 3 4, y = 2 1 4 3: deviations (-1.5 -0.5 0.5 1.5) and (-0.5 -1.5 1.5 0.5);
    // sxy = 0.75 + 0.75 + 0.75 + 0.75 = 3, sxx = syy = 5, r = 3 / 5.
    const Vector x = vec({1, 2, 3, 4}), y = vec({2, 1, 4, 3});
    CHECK_THAT(vae::analysis::pearson(x, y).r, WithinRel(0.6, 1e-15));
    CHECK_THAT(vae::analysis::pearson(y, x).r, WithinRel(0.6, 1e-15));

    // A huge offset changes nothing (the naive one-pass formula loses every digit here).
    const Vector shifted = (x.array() + 1e9).matrix();
    CHECK_THAT(vae::analysis::pearson(shifted, y).r, WithinRel(0.6, 1e-12));
}

TEST_CASE("Pearson r with a constant vector is 0 and flagged undefined", "[analysis]") {
    const Vector x = vec({1, 2, 3}), c = vec({0.1, 0.1, 0.1});
    const auto r = vae::analysis::pearson(x, c);
    CHECK_FALSE(r.defined);
    CHECK(r.r == 0.0);
    CHECK_FALSE(vae::analysis::pearson(c, x).defined);
    CHECK(vae::analysis::is_constant(c));
    CHECK_FALSE(vae::analysis::is_constant(x));
    // One sample has no spread either.
    CHECK_FALSE(vae::analysis::pearson(vec({1}), vec({2})).defined);
}

TEST_CASE("Pearson r refuses mismatched or non-finite input", "[analysis]") {
    REQUIRE_THROWS_AS(vae::analysis::pearson(vec({1, 2}), vec({1, 2, 3})), std::invalid_argument);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    REQUIRE_THROWS_AS(vae::analysis::pearson(vec({1, nan, 3}), vec({1, 2, 3})), std::invalid_argument);
}

TEST_CASE("correlation matrix holds every pairwise r", "[analysis]") {
    // Columns of a: (1 2 3 4), constant 5. Columns of b: (2 1 4 3), (8 6 4 2), (1 2 3 4).
    Matrix a(4, 2), b(4, 3);
    a << 1, 5,  //
        2, 5,   //
        3, 5,   //
        4, 5;
    b << 2, 8, 1,  //
        1, 6, 2,   //
        4, 4, 3,   //
        3, 2, 4;
    int undefined = -1;
    const Matrix r = vae::analysis::correlation_matrix(a, b, &undefined);
    REQUIRE(r.rows() == 2);
    REQUIRE(r.cols() == 3);
    CHECK_THAT(r(0, 0), WithinRel(0.6, 1e-15));
    CHECK_THAT(r(0, 1), WithinAbs(-1.0, 1e-15));
    CHECK_THAT(r(0, 2), WithinAbs(1.0, 1e-15));
    for (int j = 0; j < 3; ++j) CHECK(r(1, j) == 0.0);
    CHECK(undefined == 3);
}

}  // namespace test_analysis_correlation
