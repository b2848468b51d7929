// Active latent dimensions and the per-dimension KL, on hand-made encoder outputs.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/analysis/latent.hpp"

namespace test_analysis_latent {

using vae::analysis::Matrix;

TEST_CASE("latent activity is the variance of mu across samples", "[analysis]") {
    // Column 0: +-1 alternating, variance 1. Column 1: +-0.05, variance 0.0025.
    // Column 2: constant, variance 0. Column 3: 0 0 0 2, mean 0.5, variance (3*0.25 + 2.25)/4.
    Matrix mu(4, 4);
    mu << 1, 0.05, 3, 0,  //
        -1, -0.05, 3, 0,  //
        1, 0.05, 3, 0,    //
        -1, -0.05, 3, 2;
    const auto activity = vae::analysis::latent_activity(mu);
    CHECK_THAT(activity(0), WithinRel(1.0, 1e-15));
    CHECK_THAT(activity(1), WithinRel(0.0025, 1e-14));
    CHECK(activity(2) == 0.0);
    CHECK_THAT(activity(3), WithinRel(0.75, 1e-15));

    CHECK(vae::analysis::active_dimensions(mu) == std::vector<bool>{true, false, false, true});
    CHECK(vae::analysis::count_active(mu) == 2);
    // A lower threshold lets column 1 count.
    CHECK(vae::analysis::count_active(mu, 0.001) == 3);
}

TEST_CASE("per-dimension KL matches the closed form", "[analysis]") {
    // KL(N(mu, e^lv) || N(0, 1)) = 0.5 (mu^2 + e^lv - 1 - lv):
    //   mu = 0, lv = 0: 0;   mu = 1, lv = 0: 0.5;   mu = 0, lv = ln 2: 0.5 (1 - ln 2);
    //   mu = -2, lv = -1: 0.5 (4 + e^-1 - 1 + 1) = 2 + 0.5 e^-1.
    Matrix mu(2, 2), logvar(2, 2);
    mu << 0, 1,  //
        0, -2;
    logvar << 0, 0,  //
        std::log(2.0), -1;
    const auto kl = vae::analysis::mean_kl_per_dimension(mu, logvar);
    REQUIRE(kl.size() == 2);
    CHECK_THAT(kl(0), WithinRel((0.0 + 0.5 * (1 - std::log(2.0))) / 2, 1e-15));
    CHECK_THAT(kl(1), WithinRel((0.5 + 2 + 0.5 * std::exp(-1.0)) / 2, 1e-15));

    REQUIRE_THROWS_AS(vae::analysis::mean_kl_per_dimension(mu, Matrix::Zero(2, 3)), std::invalid_argument);
}

}  // namespace test_analysis_latent
