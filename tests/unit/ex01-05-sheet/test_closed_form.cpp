// The sheet's losses against their closed-form expectations over the data distribution.
//
// With x ~ N((3, 2), I) and eps ~ N(0, I) independent, every loss term is a polynomial or an
// exponential of Gaussians, so its expectation has a closed form (derived in
// docs/closed-form.md). lib's losses are checked against it twice: integrated over x and eps
// by Gauss-Hermite quadrature, which is exact to rounding for these integrands, so the match
// must be tight; and averaged over many seeds of lib's own sampling, which must land within a
// few standard errors.
#include <cmath>
#include <utility>
#include <vector>

#include "catch_compat.hpp"
#include "ex01-05/sheet.hpp"

namespace test_closed_form {

namespace {

struct Expected {
    double recon, kl;
};

// E[exp(a x + c)] for x ~ N(m, 1) is exp(a m + c + a²/2).
double lognormal_mean(double a, double m, double c) { return std::exp(a * m + c + 0.5 * a * a); }

// Scenario 1: mu_j = 0.5 x_j + b_j, log s2_j = 0.1 x_j - 1, x' = 1.4 z + d.
Expected standard_expectation() {
    const double m[2] = {3.0, 2.0}, b[2] = {-0.5, -0.25}, d[2] = {1.5, 1.0};
    double recon = 0, kl = 0;
    for (int j = 0; j < 2; ++j) {
        const double s2 = lognormal_mean(0.1, m[j], -1.0);  // E[sigma²]
        // x - x' = 0.3 x - 1.4 b - d - 1.4 sigma eps: mean 0.3 m - 1.4 b - d, var 0.09 + 1.96 E[s2]
        const double mean_err = 0.3 * m[j] - 1.4 * b[j] - d[j];
        recon += mean_err * mean_err + 0.09 + 1.96 * s2;
        // ½ (E[s2] + E[mu²] - E[log s2] - 1), E[mu²] = (0.5 m + b)² + 0.25
        const double mu_mean = 0.5 * m[j] + b[j];
        kl += 0.5 * (s2 + mu_mean * mu_mean + 0.25 - (0.1 * m[j] - 1.0) - 1.0);
    }
    return {recon, kl};
}

// Scenario 2: mu_1 = 0.01 (x1 + x2) + 0.05, mu_2 = -0.01 (x1 + x2) - 0.05, log s2 = -0.1.
Expected collapse_expectation() {
    const double s2 = std::exp(-0.1);
    // x1 - x1' = x1 - 0.014 (x1 + x2) - 0.07 - 1.5 - 1.4 sigma eps1
    const double mean1 = 3.0 - 0.014 * 5.0 - 0.07 - 1.5;
    const double var1 = 0.986 * 0.986 + 0.014 * 0.014 + 1.96 * s2;
    // x2 - x2' = x2 + 0.014 (x1 + x2) + 0.07 - 1.0 - 1.4 sigma eps2
    const double mean2 = 2.0 + 0.014 * 5.0 + 0.07 - 1.0;
    const double var2 = 1.014 * 1.014 + 0.014 * 0.014 + 1.96 * s2;
    // E[mu_j²] = 0.1² + 0.01² Var(x1 + x2) = 0.01 + 0.0002 for both j.
    const double kl = 2 * 0.5 * (s2 + 0.0102 + 0.1 - 1.0);
    return {mean1 * mean1 + var1 + mean2 * mean2 + var2, kl};
}

void check_against(const vae::sheet::Encoder& encoder, const Expected& expected) {
    const int seeds = 400, n = 1000;
    double sum_r = 0, sum_r2 = 0, sum_k = 0, sum_k2 = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        const vae::Matrix X = vae::sheet::sample_data(n, seed);
        const auto f =
            vae::sheet::forward(X, encoder, vae::sheet::decoder(), vae::sheet::sample_noise(n, seed));
        sum_r += f.recon, sum_r2 += f.recon * f.recon;
        sum_k += f.kl, sum_k2 += f.kl * f.kl;
    }
    const double mean_r = sum_r / seeds, mean_k = sum_k / seeds;
    const double se_r = std::sqrt((sum_r2 / seeds - mean_r * mean_r) / seeds);
    const double se_k = std::sqrt((sum_k2 / seeds - mean_k * mean_k) / seeds);
    INFO("L_recon: mean over seeds " << mean_r << ", closed form " << expected.recon << ", s.e. " << se_r);
    CHECK(std::fabs(mean_r - expected.recon) < 4 * se_r);
    INFO("L_KL: mean over seeds " << mean_k << ", closed form " << expected.kl << ", s.e. " << se_k);
    CHECK(std::fabs(mean_k - expected.kl) < 4 * se_k);
    // The standard errors are small enough for this to catch a wrong formula (e.g. an MSE that
    // also averages over the two coordinates would be off by half).
    CHECK(se_r < 0.01 * expected.recon);
}

// Nodes and weights of the k-point Gauss-Hermite rule for N(0, 1). It integrates a
// polynomial of degree up to 2k - 1 exactly; the integrands here are quadratic in eps and
// polynomials times exp(0.05 x) or exp(0.1 x) in x, whose series terms the rule misses
// only from degree 2k on: below rounding already for k = 12.
struct Rule {
    std::vector<double> nodes, weights;
};

// He_n(x) and He_{n-1}(x), the probabilists' Hermite polynomials: He_{i+1} = x He_i - i He_{i-1}.
std::pair<double, double> hermite(int n, double x) {
    double previous = 1.0, current = x;
    for (int i = 1; i < n; ++i) {
        const double next = x * current - i * previous;
        previous = current;
        current = next;
    }
    return {current, previous};
}

// The nodes are the roots of He_k (all within +-sqrt(4k + 2)), each bracketed on a grid much
// finer than their spacing and then bisected to the last bit; the weights are
// (k - 1)! / (k He_{k-1}(node)^2). (Eigen's eigensolver on the Jacobi matrix would do too,
// but GCC 12 gives a false "used uninitialized" on its AVX-512 code at -O2.)
Rule gauss_hermite(int k) {
    Rule rule;
    const double h = 1.0 / 128, bound = std::sqrt(4.0 * k + 2.0) + 1.0;
    for (double a = -bound; a < bound; a += h) {
        double lo = a, hi = a + h;
        if ((hermite(k, lo).first < 0) == (hermite(k, hi).first < 0)) continue;
        for (int i = 0; i < 200 && lo < hi; ++i) {
            const double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            ((hermite(k, mid).first < 0) == (hermite(k, lo).first < 0) ? lo : hi) = mid;
        }
        rule.nodes.push_back(0.5 * (lo + hi));
    }
    REQUIRE(int(rule.nodes.size()) == k);
    double factorial = 1.0;  // (k - 1)!
    for (int i = 2; i < k; ++i) factorial *= i;
    for (double x : rule.nodes) {
        const double p = hermite(k, x).second;
        rule.weights.push_back(factorial / (k * p * p));
    }
    return rule;
}

// E[L_recon] and E[L_KL] of lib's forward pass: each grid point (x1, x2, eps1, eps2) is
// passed on its own, so its losses are that point's, and they are summed with the weights.
Expected integrate_lib_losses(const vae::sheet::Encoder& encoder) {
    const Rule rx = gauss_hermite(12), re = gauss_hermite(6);
    const vae::Vector m = vae::sheet::data_mean();
    Expected e{0.0, 0.0};
    vae::Matrix x(1, 2), eps(1, 2);
    for (std::size_t a = 0; a < rx.nodes.size(); ++a)
        for (std::size_t b = 0; b < rx.nodes.size(); ++b)
            for (std::size_t c = 0; c < re.nodes.size(); ++c)
                for (std::size_t d = 0; d < re.nodes.size(); ++d) {
                    x << m(0) + rx.nodes[a], m(1) + rx.nodes[b];
                    eps << re.nodes[c], re.nodes[d];
                    const double w = rx.weights[a] * rx.weights[b] * re.weights[c] * re.weights[d];
                    const auto f = vae::sheet::forward(x, encoder, vae::sheet::decoder(), eps);
                    e.recon += w * f.recon;
                    e.kl += w * f.kl;
                }
    return e;
}

// Sums of about 5000 positive terms, so only rounding separates lib from the closed forms:
// measured within 1e-14 relative. A wrong factor, shift or sign in lib moves them far more
// (a KL off by 0.1% of its "- 1" already fails).
constexpr double kQuadratureTolerance = 1e-13;

}  // namespace

TEST_CASE("scenario 1: lib's losses integrated over x and eps equal the closed form", "[closed-form]") {
    const Expected lib = integrate_lib_losses(vae::sheet::standard_encoder());
    const Expected closed = standard_expectation();
    CHECK_THAT(lib.recon, WithinRel(closed.recon, kQuadratureTolerance));
    CHECK_THAT(lib.kl, WithinRel(closed.kl, kQuadratureTolerance));
    // The values docs/closed-form.md states.
    CHECK_THAT(lib.recon, WithinAbs(2.0558, 1e-4));
    CHECK_THAT(lib.kl, WithinAbs(1.2566, 1e-4));
}

TEST_CASE("scenario 2 (collapse): lib's losses integrated over x and eps equal the closed form",
          "[closed-form]") {
    const Expected lib = integrate_lib_losses(vae::sheet::collapse_encoder());
    const Expected closed = collapse_expectation();
    CHECK_THAT(lib.recon, WithinRel(closed.recon, kQuadratureTolerance));
    CHECK_THAT(lib.kl, WithinRel(closed.kl, kQuadratureTolerance));
    CHECK_THAT(lib.recon, WithinAbs(8.6969, 1e-4));
    CHECK_THAT(lib.kl, WithinAbs(0.015037, 1e-6));
}

TEST_CASE("scenario 1 losses average to their closed-form expectation", "[closed-form]") {
    check_against(vae::sheet::standard_encoder(), standard_expectation());
}

TEST_CASE("scenario 2 (collapse) losses average to their closed-form expectation", "[closed-form]") {
    check_against(vae::sheet::collapse_encoder(), collapse_expectation());
}

TEST_CASE("sample moments of the generated data approach (3, 2) and I", "[closed-form]") {
    const vae::Matrix X = vae::sheet::sample_data(200000, 11);
    const vae::Vector m = vae::sheet::sample_mean(X);
    const vae::Matrix S = vae::sheet::sample_covariance(X);
    // standard errors: mean 0.0022, variance 0.0032, covariance 0.0022
    CHECK_THAT(m(0), WithinAbs(3.0, 0.011));
    CHECK_THAT(m(1), WithinAbs(2.0, 0.011));
    CHECK_THAT(S(0, 0), WithinAbs(1.0, 0.016));
    CHECK_THAT(S(1, 1), WithinAbs(1.0, 0.016));
    CHECK_THAT(S(0, 1), WithinAbs(0.0, 0.011));
}

}  // namespace test_closed_form
