// Adam, gradient clipping and beta schedules against numbers worked out by hand.
#include <cmath>
#include <cstring>

#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/nn/adam.hpp"
#include "vae/nn/beta_schedule.hpp"
#include "vae/nn/gradient.hpp"
#include "vae/rng.hpp"

namespace test_nn_adam {

using namespace vae::nn;

TEST_CASE("Two Adam steps match a hand computation", "[nn][adam]") {
    // lr 0.01, b1 0.9, b2 0.999, eps 1e-8; three parameters, the third with a zero gradient
    // at step 1 (its update must then be exactly 0).
    AdamConfig config;
    config.lr = 0.01;
    Adam<double> adam(3, config);
    Vector<double> p(3), g(3);
    p << 1.0, -2.0, 0.5;

    // Step 1, g = (0.1, -0.2, 0):
    //   m = 0.1 g = (0.01, -0.02, 0),  v = 0.001 g^2 = (1e-5, 4e-5, 0)
    //   bias corrections 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001:
    //   m^ = (0.1, -0.2, 0),  sqrt(v^) = (0.1, 0.2, 0)
    //   p -= 0.01 * m^ / (sqrt(v^) + 1e-8)
    g << 0.1, -0.2, 0.0;
    adam.step(p, g);
    const double p1[3] = {1.0 - 0.01 * 0.1 / (0.1 + 1e-8), -2.0 + 0.01 * 0.2 / (0.2 + 1e-8), 0.5};
    for (int i = 0; i < 3; ++i) CHECK_THAT(p(i), WithinRel(p1[i], 1e-13));
    CHECK(p(2) == 0.5);
    CHECK_THAT(adam.first_moment()(1), WithinRel(-0.02, 1e-14));
    CHECK_THAT(adam.second_moment()(1), WithinRel(4e-5, 1e-14));

    // Step 2, g = (0.3, 0.1, -0.05):
    //   m = 0.9 m + 0.1 g = (0.009 + 0.03, -0.018 + 0.01, 0 - 0.005) = (0.039, -0.008, -0.005)
    //   v = 0.999 v + 0.001 g^2 = (9.99e-6 + 9e-5, 3.996e-5 + 1e-5, 0 + 2.5e-6)
    //     = (9.999e-5, 4.996e-5, 2.5e-6)
    //   bias corrections 1 - 0.81 = 0.19 and 1 - 0.998001 = 0.001999
    g << 0.3, 0.1, -0.05;
    adam.step(p, g);
    const double m2[3] = {0.039, -0.008, -0.005};
    const double v2[3] = {9.999e-5, 4.996e-5, 2.5e-6};
    for (int i = 0; i < 3; ++i) {
        const double expected = p1[i] - 0.01 * (m2[i] / 0.19) / (std::sqrt(v2[i] / 0.001999) + 1e-8);
        INFO("parameter " << i);
        CHECK_THAT(p(i), WithinRel(expected, 1e-12));
        CHECK_THAT(adam.first_moment()(i), WithinRel(m2[i], 1e-13));
        CHECK_THAT(adam.second_moment()(i), WithinRel(v2[i], 1e-12));
    }
    // Worked through: parameter 2 moves by -0.01 * (-0.005/0.19) / sqrt(2.5e-6/0.001999).
    CHECK_THAT(p(2), WithinRel(0.5 + 0.01 * 0.0263157894736842 / (0.0353641812100369 + 1e-8), 1e-9));
    CHECK(adam.steps() == 2);

    // The float version follows the same arithmetic to float precision.
    Adam<float> adam_f(3, config);
    Vector<float> pf(3), gf(3);
    pf << 1.0f, -2.0f, 0.5f;
    gf << 0.1f, -0.2f, 0.0f;
    adam_f.step(pf, gf);
    gf << 0.3f, 0.1f, -0.05f;
    adam_f.step(pf, gf);
    for (int i = 0; i < 3; ++i) CHECK_THAT(double(pf(i)), WithinRel(p(i), 1e-6));
}

TEST_CASE("Gradient norm and clipping", "[nn][adam]") {
    Vector<double> g(2);
    g << 3.0, 4.0;
    CHECK(gradient_norm(g) == 5.0);

    SECTION("no clipping below the limit or when disabled") {
        CHECK(clip_gradient_norm(g, 10.0) == 5.0);
        CHECK(g(0) == 3.0);
        CHECK(clip_gradient_norm(g, 0.0) == 5.0);
        CHECK(g(1) == 4.0);
    }
    SECTION("clipping to 1 scales by 1 / (5 + 1e-6)") {
        CHECK(clip_gradient_norm(g, 1.0) == 5.0);  // returns the norm before clipping
        CHECK_THAT(g(0), WithinRel(3.0 / (5.0 + 1e-6), 1e-15));
        CHECK_THAT(g(1), WithinRel(4.0 / (5.0 + 1e-6), 1e-15));
    }
    SECTION("float gradients accumulate the norm in double") {
        Vector<float> big = Vector<float>::Constant(4, 3e19f);  // squares overflow float
        CHECK_THAT(gradient_norm(big), WithinRel(6e19, 1e-6));
    }
}

TEST_CASE("Beta schedules", "[nn][adam]") {
    const BetaSchedule c = BetaSchedule::constant(0.2);
    CHECK(c.at(0) == 0.2);
    CHECK(c.at(50) == 0.2);

    // beta0 = 0, beta1 = 1, K = 4: epochs 0..4 give 0, 0.25, 0.5, 0.75, 1, then 1.
    const BetaSchedule w = BetaSchedule::linear_warmup(0.0, 1.0, 4);
    const double expected[6] = {0.0, 0.25, 0.5, 0.75, 1.0, 1.0};
    for (int e = 0; e < 6; ++e) CHECK(w.at(e) == expected[e]);
    CHECK(w.describe() == "linear 0 -> 1 over 4 epochs");

    const BetaSchedule down = BetaSchedule::linear_warmup(2.0, 1.0, 2);
    CHECK(down.at(1) == 1.5);
    CHECK(BetaSchedule::linear_warmup(0.0, 3.0, 0).at(0) == 3.0);
    REQUIRE_THROWS_AS(BetaSchedule::constant(-1.0), vae::UsageError);
    REQUIRE_THROWS_AS(BetaSchedule::linear_warmup(0.0, 1.0, -2), vae::UsageError);
}

TEST_CASE("Large buffers (split between threads) give the same numbers", "[nn][adam]") {
    // Big enough for the norm and Adam to split their loops between threads.
    const Eigen::Index n = 300000;
    Vector<float> g(n);
    for (Eigen::Index i = 0; i < n; ++i) g[i] = float(i % 3) - 1.0f;  // -1, 0, 1, ...
    // n / 3 each of -1, 0, 1: squared norm 2n/3.
    CHECK_THAT(gradient_norm(g), WithinRel(std::sqrt(2.0 * n / 3.0), 1e-12));

    // Adam on the big vector, element by element the same as on three parameters.
    Vector<double> big_p = Vector<double>::Zero(n), big_g(n), small_p = Vector<double>::Zero(3), small_g(3);
    for (Eigen::Index i = 0; i < n; ++i) big_g[i] = 0.1 * double(i % 3) - 0.05;
    small_g << -0.05, 0.05, 0.15;
    Adam<double> big(static_cast<std::size_t>(n)), small(3);
    for (int step = 0; step < 3; ++step) {
        big.step(big_p, big_g, 0.5);  // with a clipping factor
        small.step(small_p, small_g, 0.5);
    }
    // (Equal up to rounding: the long vector runs in SIMD lanes, the short one partly not.)
    for (Eigen::Index i : {Eigen::Index(0), Eigen::Index(1), Eigen::Index(2), n / 2, n - 1})
        CHECK_THAT(big_p[i], WithinRel(small_p[i % 3], 1e-14));
}

TEST_CASE("step_and_norm is step plus gradient_norm, bit for bit", "[nn][adam]") {
    // A size that is no multiple of the blocks, large enough to be split between threads,
    // with one block whose float squares overflow (the norm redoes it in double).
    const Eigen::Index n = 4096 * 20 + 123;
    Vector<float> g(n), p1(n);
    vae::Rng rng(9, vae::Stream::Data);
    for (Eigen::Index i = 0; i < n; ++i) {
        g[i] = float(rng.normal() * 0.01);
        p1[i] = float(rng.normal());
    }
    Vector<float> p2 = p1;
    Adam<float> separate(static_cast<std::size_t>(n)), fused(static_cast<std::size_t>(n));
    for (int step = 0; step < 3; ++step) {
        INFO("step " << step + 1);
        if (step == 2) g[4096 * 7 + 5] = 3e19f;  // its square is above float's range
        const double expected = gradient_norm(g);
        separate.step(p1, g);
        CHECK(fused.step_and_norm(p2, g) == expected);
        // Compared as bytes: the overflowing element turns into the same NaN in both.
        CHECK(std::memcmp(p2.data(), p1.data(), sizeof(float) * std::size_t(n)) == 0);
        g *= -0.5f;
    }
    CHECK(std::memcmp(fused.first_moment().data(), separate.first_moment().data(),
                      sizeof(float) * std::size_t(n)) == 0);
    CHECK(std::memcmp(fused.second_moment().data(), separate.second_moment().data(),
                      sizeof(float) * std::size_t(n)) == 0);
    CHECK(std::isfinite(gradient_norm(g)));
    // A NaN in the gradient shows in the norm.
    g[n - 1] = std::nanf("");
    CHECK(std::isnan(fused.step_and_norm(p2, g)));
}

}  // namespace test_nn_adam
