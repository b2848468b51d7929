// Exercise 6's generated rows: the comparison with real rows on hand-computed cases, the
// sampler against closed forms (a decoder made constant, so every row is its bias plus
// noise), and the full Gaussian NLL's constant.
#include <cmath>
#include <stdexcept>

#include "catch_compat.hpp"
#include "ex06/gaussian_nll.hpp"
#include "ex06/generation.hpp"
#include "vae/rng.hpp"

namespace test_tabular_generation {

using namespace vae::tabular;
namespace nn = vae::nn;

namespace {

// A 3-feature VAE whose output layer ignores z: its decoder mean is `bias` for every z.
nn::Model<double> constant_decoder(nn::Likelihood likelihood, const Eigen::RowVector3d& bias) {
    nn::Model<double> model(nn::ModelSpec::mirrored(3, {5}, 2, nn::Activation::ReLU, likelihood), 3);
    auto out = model.layer(model.num_layers() - 1);
    out.W.setZero();
    out.b = bias;
    return model;
}

Scaling affine_scaling() {
    Scaling s;
    s.offset = Eigen::RowVector3d(10.0, -2.0, 0.5);
    s.scale = Eigen::RowVector3d(2.0, 0.5, 4.0);
    return s;
}

}  // namespace

TEST_CASE("compare_rows on a hand-computed pair", "[ex6][generation]") {
    // Real rows (0, 0) and (2, 4): means (1, 2), sds (1, 2), r = +1.
    // Generated (1, 4) and (3, 0): means (2, 2), sds (1, 2), r = -1.
    RowMatrix real(2, 2), generated(2, 2);
    real << 0, 0, 2, 4;
    generated << 1, 4, 3, 0;
    const RowComparison c = compare_rows(real, generated);
    CHECK(c.mean_shift(0) == 1.0);  // (2 - 1) / 1
    CHECK(c.mean_shift(1) == 0.0);
    CHECK(c.sd_ratio(0) == 1.0);
    CHECK(c.sd_ratio(1) == 1.0);
    CHECK_THAT(c.real_correlation(0, 1), WithinAbs(1.0, 1e-15));
    CHECK_THAT(c.generated_correlation(0, 1), WithinAbs(-1.0, 1e-15));
    CHECK_THAT(c.max_abs_correlation_difference, WithinAbs(2.0, 1e-15));
    CHECK(c.max_abs_mean_shift == 1.0);

    // Three rows: real column (1, 2, 6) has mean 3 and sd sqrt(14 / 3); generated (0, 0, 3)
    // has mean 1 and sd sqrt(2): shift -2 / sqrt(14/3), ratio sqrt(2) / sqrt(14/3) = sqrt(3/7).
    RowMatrix a(3, 1), b(3, 1);
    a << 1, 2, 6;
    b << 0, 0, 3;
    const RowComparison one = compare_rows(a, b);
    CHECK_THAT(one.mean_shift(0), WithinRel(-2.0 / std::sqrt(14.0 / 3.0), 1e-15));
    CHECK_THAT(one.min_sd_ratio, WithinRel(std::sqrt(3.0 / 7.0), 1e-15));
    CHECK(one.min_sd_ratio == one.max_sd_ratio);
}

TEST_CASE("compare_rows refuses what it cannot compare", "[ex6][generation]") {
    RowMatrix real(3, 2), constant(3, 2);
    real << 1, 2, 3, 4, 5, 7;
    constant << 1, 2, 1, 4, 1, 7;  // column 0 constant: no sd to measure shifts in
    CHECK_THROWS_AS(compare_rows(real, RowMatrix(3, 3)), std::invalid_argument);
    CHECK_THROWS_AS(compare_rows(real.topRows(1), real), std::invalid_argument);
    CHECK_THROWS_AS(compare_rows(constant, real), std::invalid_argument);
    CHECK_NOTHROW(compare_rows(real, constant));  // a constant generated column is a finding
}

TEST_CASE("generate_rows from a constant Gaussian decoder: bias plus sigma noise, unscaled",
          "[ex6][generation]") {
    const Eigen::RowVector3d bias(0.2, 0.5, 0.9);
    const nn::Model<double> model = constant_decoder(nn::Likelihood::Gaussian, bias);
    const Scaling s = affine_scaling();
    const Decoder decoder{nn::Likelihood::Gaussian, 0.1};
    const int n = 4000;
    const RowMatrix x = generate_rows(model, s, decoder, n, 42);
    REQUIRE(x.rows() == n);
    REQUIRE(x.cols() == 3);

    // Closed form: x_j = (b_j + 0.1 eps) scale_j + offset_j, so mean b_j scale_j + offset_j and
    // sd 0.1 scale_j. The sample mean may stray by its standard error 0.1 scale_j / sqrt(n).
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const RowMatrix centred = x.rowwise() - mean;
    const Eigen::RowVectorXd sd = (centred.colwise().squaredNorm() / double(n)).cwiseSqrt();
    for (int j = 0; j < 3; ++j) {
        const double expected_mean = bias(j) * s.scale(j) + s.offset(j), expected_sd = 0.1 * s.scale(j);
        CHECK(std::abs(mean(j) - expected_mean) < 4 * expected_sd / std::sqrt(double(n)));
        CHECK_THAT(sd(j), WithinRel(expected_sd, 0.06));  // sd's relative error ~ 1 / sqrt(2n) = 1.1%
    }

    // The documented order of draws: all of z first (n x 2), then the noise row by row.
    vae::Rng rng(42, vae::Stream::Sample);
    for (int k = 0; k < n * 2; ++k) rng.normal();
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            const double eps = (x(i, j) - s.offset(j)) / s.scale(j) - bias(j);
            CHECK_THAT(eps, WithinAbs(0.1 * rng.normal(), 1e-12));
        }

    // Same seed, same bytes; another seed, other rows.
    const RowMatrix few = generate_rows(model, s, decoder, 50, 42);
    CHECK(generate_rows(model, s, decoder, 50, 42) == few);
    CHECK(generate_rows(model, s, decoder, 50, 43) != few);
}

TEST_CASE("generate_rows from a Bernoulli decoder returns its mean, sigmoid of the logits",
          "[ex6][generation]") {
    const Eigen::RowVector3d logits(-1.0, 0.0, 2.0);
    const nn::Model<double> model = constant_decoder(nn::Likelihood::Bernoulli, logits);
    const Scaling s = affine_scaling();
    const RowMatrix x = generate_rows(model, s, Decoder{nn::Likelihood::Bernoulli, 1.0}, 20, 1);
    for (int j = 0; j < 3; ++j) {
        const double expected = s.offset(j) + s.scale(j) / (1.0 + std::exp(-logits(j)));
        for (int i = 0; i < 20; ++i) CHECK_THAT(x(i, j), WithinAbs(expected, 1e-12));
    }
    CHECK_THROWS_AS(generate_rows(model, s, Decoder{}, 0, 1), std::invalid_argument);
}

TEST_CASE("the Gaussian NLL's constant, (d/2) log(2 pi sigma^2)", "[ex6][generation]") {
    // log(2 pi 0.01) = log(0.0628318530718) = -2.767293119578746; half of it per feature.
    CHECK_THAT(gaussian_nll_constant(1, 0.1), WithinRel(-1.383646559789373, 1e-14));
    CHECK_THAT(gaussian_nll_constant(4, 0.1), WithinRel(-5.534586239157492, 1e-14));
    // sigma = 1 / sqrt(2 pi): a density of 1 at the mean, so the constant is 0.
    CHECK_THAT(gaussian_nll_constant(13, 1.0 / std::sqrt(2 * 3.14159265358979323846)), WithinAbs(0.0, 1e-14));
    CHECK(gaussian_nll_constant(2, 1.0) > 0);
    CHECK_THROWS_AS(gaussian_nll_constant(0, 0.1), std::invalid_argument);
    CHECK_THROWS_AS(gaussian_nll_constant(3, 0.0), std::invalid_argument);
}

}  // namespace test_tabular_generation
