// Active latent dimensions counted by their KL, and the dimensions sorted by it, on
// hand-made KL values and encoder outputs.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/analysis/latent.hpp"

namespace test_analysis_latent_kl {

using vae::analysis::Matrix;
using vae::analysis::Vector;

TEST_CASE("active by KL: above 0.01 nats, or the threshold given", "[analysis]") {
    Vector kl(5);
    kl << 0.5, 0.0, 0.01, 0.0100001, 3.0;  // exactly the threshold is not above it
    CHECK(vae::analysis::active_by_kl(kl) == std::vector<bool>{true, false, false, true, true});
    CHECK(vae::analysis::count_active_by_kl(kl) == 3);
    CHECK(vae::analysis::count_active_by_kl(kl, 1.0) == 1);
    CHECK(vae::analysis::count_active_by_kl(kl, -1.0) == 5);
}

TEST_CASE("dimensions by KL: largest first, ties in index order", "[analysis]") {
    Vector kl(6);
    kl << 0.2, 1.5, 0.0, 1.5, 0.7, 0.0;
    CHECK(vae::analysis::dimensions_by_kl(kl) == std::vector<int>{1, 3, 4, 0, 2, 5});
    CHECK(vae::analysis::dimensions_by_kl(Vector(0)).empty());
}

TEST_CASE("KL and variance of mu disagree where sigma leaves 1 and mu stays put", "[analysis]") {
    // Column 0: mu = +-1, sigma = 1: variance 1, KL = 0.5 mean(mu^2) = 0.5.
    // Column 1: mu = 0, log sigma^2 = -2: variance 0, KL = 0.5 (e^-2 - 1 + 2) = 0.5 (1 + e^-2).
    // Column 2: mu = 0, sigma = 1: the prior itself, inactive by both.
    Matrix mu(2, 3), logvar(2, 3);
    mu << 1, 0, 0,  //
        -1, 0, 0;
    logvar << 0, -2, 0,  //
        0, -2, 0;
    const Vector kl = vae::analysis::mean_kl_per_dimension(mu, logvar);
    CHECK_THAT(kl(0), WithinRel(0.5, 1e-15));
    CHECK_THAT(kl(1), WithinRel(0.5 * (1.0 + std::exp(-2.0)), 1e-15));
    CHECK(kl(2) == 0.0);
    CHECK(vae::analysis::active_by_kl(kl) == std::vector<bool>{true, true, false});
    CHECK(vae::analysis::active_dimensions(mu) == std::vector<bool>{true, false, false});
}

}  // namespace test_analysis_latent_kl
