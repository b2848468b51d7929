// Latent traversals and linear interpolation, against hand-written codes.
#include "catch_compat.hpp"
#include "vae/analysis/latent_paths.hpp"

namespace test_analysis_latent_paths {

using namespace vae::analysis;

TEST_CASE("a traversal sets one coordinate per row, dimension-major", "[analysis]") {
    RowVector base(3);
    base << 0.5, -1.0, 2.0;
    const Matrix codes = latent_traversal(base, {2, 0}, {-1.0, 0.0, 1.0});
    Matrix expected(6, 3);
    expected << 0.5, -1.0, -1.0,  // dimension 2 swept first, as asked
        0.5, -1.0, 0.0,           //
        0.5, -1.0, 1.0,           //
        -1.0, -1.0, 2.0,          // then dimension 0
        0.0, -1.0, 2.0,           //
        1.0, -1.0, 2.0;
    CHECK(codes == expected);
    CHECK(latent_traversal(base, {}, {1.0}).rows() == 0);
    REQUIRE_THROWS_AS(latent_traversal(base, {3}, {1.0}), std::invalid_argument);
    REQUIRE_THROWS_AS(latent_traversal(base, {-1}, {1.0}), std::invalid_argument);
}

TEST_CASE("linear interpolation: evenly spaced, ends exact", "[analysis]") {
    RowVector a(2), b(2);
    a << 0.1, 4.0;
    b << 0.7, -2.0;
    const Matrix path = interpolate_linear(a, b, 4);
    REQUIRE(path.rows() == 4);
    CHECK(path.row(0) == a);
    CHECK(path.row(3) == b);
    // 1/3 and 2/3 of the way: 0.1 + 0.2 = 0.3 and 0.5; 4 - 2 = 2 and 0.
    CHECK_THAT(path(1, 0), WithinRel(0.3, 1e-15));
    CHECK_THAT(path(2, 0), WithinRel(0.5, 1e-15));
    CHECK_THAT(path(1, 1), WithinRel(2.0, 1e-15));
    CHECK_THAT(path(2, 1), WithinAbs(0.0, 1e-15));
    REQUIRE_THROWS_AS(interpolate_linear(a, b, 1), std::invalid_argument);
    REQUIRE_THROWS_AS(interpolate_linear(a, RowVector(3), 3), std::invalid_argument);
}

}  // namespace test_analysis_latent_paths
