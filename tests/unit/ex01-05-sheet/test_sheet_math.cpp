// lib's affine map, reparameterization and losses against values worked out by hand.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/affine.hpp"
#include "vae/loss.hpp"
#include "vae/reparam.hpp"

namespace test_sheet_math {

using vae::Matrix;

namespace {
Matrix rows2(std::initializer_list<std::initializer_list<double>> r) {
    Matrix m(static_cast<long>(r.size()), 2);
    long i = 0;
    for (const auto& row : r) {
        long j = 0;
        for (double v : row) m(i, j++) = v;
        ++i;
    }
    return m;
}
}  // namespace

TEST_CASE("affine map applies W x + b to every row", "[sheet]") {
    vae::AffineMap map{rows2({{1, 2}, {3, 4}}), vae::Vector(2)};
    map.b << 10, 20;
    const Matrix Y = vae::apply(map, rows2({{1, 0}, {0, 1}, {2, -1}}));
    // (1,0) -> (1+10, 3+20); (0,1) -> (2+10, 4+20); (2,-1) -> (2-2+10, 6-4+20)
    CHECK(Y(0, 0) == 11);
    CHECK(Y(0, 1) == 23);
    CHECK(Y(1, 0) == 12);
    CHECK(Y(1, 1) == 24);
    CHECK(Y(2, 0) == 10);
    CHECK(Y(2, 1) == 22);
    REQUIRE_THROWS_AS(vae::apply(map, Matrix::Zero(2, 3)), std::invalid_argument);
}

TEST_CASE("reparameterization: z = mu + exp(logvar / 2) * eps", "[sheet]") {
    const Matrix mu = rows2({{1.0, -2.0}});
    const Matrix logvar = rows2({{std::log(4.0), 0.0}});  // sigma = (2, 1)
    const Matrix eps = rows2({{0.5, -3.0}});
    const Matrix z = vae::reparameterize(mu, logvar, eps);
    CHECK_THAT(z(0, 0), WithinRel(1.0 + 2.0 * 0.5, 1e-15));
    CHECK_THAT(z(0, 1), WithinRel(-2.0 - 3.0, 1e-15));
    CHECK_THAT(vae::standard_deviation(logvar)(0, 0), WithinRel(2.0, 1e-15));
}

TEST_CASE("MSE is the mean over points of the squared norm", "[sheet]") {
    // ||(3,4)||^2 = 25 and ||(1,0)||^2 = 1: the mean is 13 (not 6.5, which would also average
    // over the two coordinates).
    CHECK(vae::mse(rows2({{3, 4}, {1, 0}}), rows2({{0, 0}, {0, 0}})) == 13.0);
}

TEST_CASE("diagonal-Gaussian KL to N(0, I) by hand", "[sheet]") {
    // q = N(0, I) has zero KL.
    CHECK(vae::kl_divergence(rows2({{0, 0}}), rows2({{0, 0}})) == 0.0);
    // mu = (1, 0), sigma^2 = (e, 1): ½[(e + 1 - 1 - 1) + (1 + 0 - 0 - 1)] = (e - 1)/2
    CHECK_THAT(vae::kl_divergence(rows2({{1, 0}}), rows2({{1, 0}})),
               WithinRel((std::exp(1.0) - 1) / 2, 1e-15));
    // The sheet's probe x = (3, 2), scenario 1: mu = (1, 0.75), log sigma^2 = (-0.7, -0.8).
    const double expected = 0.5 * ((std::exp(-0.7) + 1.0 + 0.7 - 1) + (std::exp(-0.8) + 0.5625 + 0.8 - 1));
    CHECK_THAT(vae::kl_divergence(rows2({{1, 0.75}}), rows2({{-0.7, -0.8}})), WithinRel(expected, 1e-15));
    // The mean over points.
    const vae::Vector per_point = vae::kl_per_point(rows2({{1, 0}, {0, 0}}), rows2({{1, 0}, {0, 0}}));
    CHECK(per_point(1) == 0.0);
    CHECK_THAT(vae::kl_divergence(rows2({{1, 0}, {0, 0}}), rows2({{1, 0}, {0, 0}})),
               WithinRel((std::exp(1.0) - 1) / 4, 1e-15));
}

TEST_CASE("binary cross-entropy from logits is exact and stable", "[sheet]") {
    // logit 0 is p = 1/2: -log(1/2) = log 2 for either target, two features per point.
    CHECK_THAT(vae::bce_with_logits(rows2({{1, 0}}), rows2({{0, 0}})), WithinRel(2 * std::log(2.0), 1e-15));
    // Target 0.25 with logit log 3 (p = 3/4): -(0.25 log 0.75 + 0.75 log 0.25).
    const double bce = -(0.25 * std::log(0.75) + 0.75 * std::log(0.25));
    CHECK_THAT(vae::bce_with_logits(rows2({{0.25, 0.25}}), rows2({{std::log(3.0), std::log(3.0)}})),
               WithinRel(2 * bce, 1e-14));
    // Huge logits do not overflow: a confident right answer costs ~0, a confident wrong one ~|l|.
    CHECK_THAT(vae::bce_with_logits(rows2({{1, 0}}), rows2({{800, -800}})), WithinAbs(0.0, 1e-300));
    CHECK_THAT(vae::bce_with_logits(rows2({{0, 1}}), rows2({{800, -800}})), WithinRel(1600.0, 1e-15));
}

TEST_CASE("beta-weighted total", "[sheet]") {
    CHECK(vae::beta_weighted_loss(2.0, 3.0, 1.0) == 5.0);
    CHECK(vae::beta_weighted_loss(2.0, 3.0, 0.2) == 2.0 + 0.2 * 3.0);
    CHECK(vae::beta_weighted_loss(2.0, 3.0, 0.0) == 2.0);
}

}  // namespace test_sheet_math
