// Exercise 8's alignment measures on latents whose relation to the centre is built exactly:
// rotations of white data, orthogonal mixtures with known canonical correlations, and the
// closed-form KL of rotated diagonal Gaussians.
#include <cmath>

#include "catch_compat.hpp"
#include "ex08/alignment.hpp"
#include "vae/rng.hpp"

namespace test_circles_alignment {

using vae::circles::Matrix;
using vae::circles::Vector;

namespace {

const double kPi = 3.14159265358979323846;
double radians(double deg) { return deg * kPi / 180; }

// n x k columns, each mean 0, population variance 1, and mutually uncorrelated (exactly, up
// to rounding): random normals made orthonormal by Gram-Schmidt, then scaled by sqrt(n).
Matrix white(long n, int k, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    Matrix m(n, k + 1);
    for (long i = 0; i < n; ++i)
        for (int j = 0; j <= k; ++j) m(i, j) = rng.normal();
    m.col(0).setOnes();  // orthogonal to the ones column = mean 0
    // Modified Gram-Schmidt, twice over ("twice is enough"): orthogonal to rounding.
    for (int pass = 0; pass < 2; ++pass) {
        for (int j = 0; j <= k; ++j) {
            for (int i = 0; i < j; ++i) m.col(j) -= m.col(i).dot(m.col(j)) * m.col(i);
            m.col(j).normalize();
        }
    }
    return m.rightCols(k) * std::sqrt(double(n));
}

// KL(N(mu, S) || N(0, I)) for a full 2 x 2 covariance S: 1/2 (tr S + |mu|^2 - 2 - log det S).
double kl_to_prior(const Eigen::Vector2d& mu, const Eigen::Matrix2d& S) {
    return 0.5 * (S.trace() + mu.squaredNorm() - 2 - std::log(S.determinant()));
}

// KL(N(m, A) || N(m, B)), same mean: 1/2 (tr(B^-1 A) - 2 + log det B - log det A).
double kl_between(const Eigen::Matrix2d& A, const Eigen::Matrix2d& B) {
    return 0.5 * ((B.inverse() * A).trace() - 2 + std::log(B.determinant()) - std::log(A.determinant()));
}

}  // namespace

TEST_CASE("axis_alignment finds the pairing and averages the matched |r|", "[ex8]") {
    const Matrix c = white(200, 2, 1);
    SECTION("z = (x, y)") {
        const auto a = vae::circles::axis_alignment(c, c);
        CHECK_FALSE(a.swapped);
        CHECK_THAT(a.score, WithinAbs(1.0, 1e-12));
        CHECK_THAT(a.r_x, WithinAbs(1.0, 1e-12));
        CHECK_THAT(a.r_y, WithinAbs(1.0, 1e-12));
    }
    SECTION("z = (y, -x): swapped, and the sign kept") {
        Matrix z(c.rows(), 2);
        z.col(0) = c.col(1);
        z.col(1) = -c.col(0);
        const auto a = vae::circles::axis_alignment(z, c);
        CHECK(a.swapped);
        CHECK_THAT(a.score, WithinAbs(1.0, 1e-12));
        CHECK_THAT(a.r_x, WithinAbs(-1.0, 1e-12));
        CHECK_THAT(a.r_y, WithinAbs(1.0, 1e-12));
    }
    SECTION("a rotation by 30 degrees: |r| = cos 30 with the own axis") {
        // For white (x, y), z_1 = cos a x - sin a y has r(z_1, x) = cos a exactly.
        const auto a = vae::circles::axis_alignment(vae::circles::rotate(c, radians(30)), c);
        CHECK_FALSE(a.swapped);
        CHECK_THAT(a.score, WithinAbs(std::cos(radians(30)), 1e-12));
    }
}

TEST_CASE("rotate turns the plane anticlockwise and back", "[ex8]") {
    Matrix p(2, 2);
    p << 1, 0, 0, 2;
    const Matrix q = vae::circles::rotate(p, kPi / 2);
    CHECK_THAT(q(0, 0), WithinAbs(0.0, 1e-15));
    CHECK_THAT(q(0, 1), WithinAbs(1.0, 1e-15));
    CHECK_THAT(q(1, 0), WithinAbs(-2.0, 1e-15));
    CHECK_THAT(q(1, 1), WithinAbs(0.0, 1e-15));
    const Matrix back = vae::circles::rotate(vae::circles::rotate(p, 0.7), -0.7);
    CHECK((back - p).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("standardise gives mean 0 and population sd 1, and leaves a constant at 0", "[ex8]") {
    Matrix m(4, 2);
    m << 1, 5, 2, 5, 3, 5, 6, 5;
    const Matrix s = vae::circles::standardise(m);
    // Column 0: mean 3, deviations -2 -1 0 3, population variance 14 / 4 = 3.5.
    CHECK_THAT(s(0, 0), WithinAbs(-2 / std::sqrt(3.5), 1e-15));
    CHECK_THAT(s(3, 0), WithinAbs(3 / std::sqrt(3.5), 1e-15));
    CHECK(s.col(1).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("best_rotation undoes a known rotation, modulo 90 degrees", "[ex8]") {
    const Matrix c = white(500, 2, 2);
    SECTION("latent rotated by +30: rotate back by -30") {
        const auto r = vae::circles::best_rotation(vae::circles::rotate(c, radians(30)), c);
        CHECK_THAT(r.angle_deg, WithinAbs(-30.0, 1e-9));
        CHECK_THAT(r.alignment.score, WithinAbs(1.0, 1e-12));
    }
    SECTION("latent rotated by +100: 100 - 90 = 10, so rotate by -10, axes swapped") {
        const auto r = vae::circles::best_rotation(vae::circles::rotate(c, radians(100)), c);
        CHECK_THAT(r.angle_deg, WithinAbs(-10.0, 1e-9));
        CHECK(r.alignment.swapped);
        CHECK_THAT(r.alignment.score, WithinAbs(1.0, 1e-12));
    }
    SECTION("the scale of each dimension does not matter") {
        Matrix z = c;
        z.col(0) *= 40.0;  // an autoencoder's arbitrary units
        z.col(1) = 0.01 * z.col(1).array() + 3.0;
        const auto r = vae::circles::best_rotation(z, c);
        CHECK_THAT(r.angle_deg, WithinAbs(0.0, 1e-9));
        CHECK_THAT(r.alignment.score, WithinAbs(1.0, 1e-12));
    }
}

TEST_CASE("canonical correlations of exactly built pairs", "[ex8]") {
    const Matrix w = white(300, 3, 3);  // u, v, t: white and mutually uncorrelated
    const Vector u = w.col(0), v = w.col(1), t = w.col(2);
    SECTION("any invertible linear map of the same data: (1, 1)") {
        Matrix a(w.rows(), 2), b(w.rows(), 2);
        a << u, v;
        b.col(0) = 2 * u + 0.5 * v;
        b.col(1) = (-u + 3 * v).array() + 7.0;
        const Vector cc = vae::circles::canonical_correlations(a, b);
        CHECK_THAT(cc(0), WithinAbs(1.0, 1e-12));
        CHECK_THAT(cc(1), WithinAbs(1.0, 1e-12));
    }
    SECTION("one shared direction and one at angle phi: (1, |cos phi|)") {
        // b_2 = cos phi v + sin phi t is white; its only correlation with a is cos phi via v.
        const double phi = 0.9;
        Matrix a(w.rows(), 2), b(w.rows(), 2);
        a << u, v;
        b.col(0) = u;
        b.col(1) = std::cos(phi) * v + std::sin(phi) * t;
        const Vector cc = vae::circles::canonical_correlations(a, b);
        CHECK_THAT(cc(0), WithinAbs(1.0, 1e-12));
        CHECK_THAT(cc(1), WithinAbs(std::cos(phi), 1e-12));
    }
    SECTION("a constant column contributes 0, not NaN") {
        Matrix a(w.rows(), 2), b(w.rows(), 2);
        a << u, Vector::Constant(w.rows(), 4.0);
        b << u, v;
        const Vector cc = vae::circles::canonical_correlations(a, b);
        CHECK_THAT(cc(0), WithinAbs(1.0, 1e-12));
        CHECK_THAT(cc(1), WithinAbs(0.0, 1e-12));
    }
}

TEST_CASE("rotation_elbo_gap: closed form, and the KL between Gaussians computed in full", "[ex8]") {
    SECTION("sigma^2 = (4, 1) at 45 degrees: d = (2.5, 2.5), gap = log 2.5 - log 2") {
        Matrix lv(1, 2);
        lv << std::log(4.0), 0.0;
        CHECK_THAT(vae::circles::rotation_elbo_gap(lv, kPi / 4), WithinRel(std::log(1.25), 1e-14));
        CHECK_THAT(vae::circles::rotation_elbo_gap(lv, 0.0), WithinAbs(0.0, 1e-15));
        CHECK_THAT(vae::circles::rotation_elbo_gap(lv, kPi / 2), WithinAbs(0.0, 1e-15));
    }
    SECTION("an isotropic posterior costs nothing at any angle") {
        Matrix lv(2, 2);
        lv << -3.0, -3.0, 0.4, 0.4;
        for (double a : {0.1, 0.5, 1.0, 2.0})
            CHECK_THAT(vae::circles::rotation_elbo_gap(lv, a), WithinAbs(0.0, 1e-15));
    }
    SECTION("equals KL(best diagonal q || rotated posterior), from the general formula") {
        const Eigen::Vector2d mu(0.7, -1.3);
        const Eigen::Matrix2d S = Eigen::Vector2d(0.09, 0.0016).asDiagonal();
        const double a = 0.6;
        Eigen::Matrix2d R;
        R << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
        const Eigen::Matrix2d P = R * S * R.transpose();  // the rotated posterior's covariance
        // The prior term cannot tell: KL(N(R mu, P) || N(0, I)) = KL(N(mu, S) || N(0, I)).
        CHECK_THAT(kl_to_prior(R * mu, P), WithinRel(kl_to_prior(mu, S), 1e-12));
        // The best diagonal q has precisions diag(P^-1) (and the same mean).
        const Eigen::Vector2d precision = P.inverse().diagonal();
        const Eigen::Matrix2d Q = precision.cwiseInverse().asDiagonal();
        const double expected = kl_between(Q, P);
        Matrix lv(1, 2);
        lv << std::log(0.09), std::log(0.0016);
        CHECK_THAT(vae::circles::rotation_elbo_gap(lv, a), WithinRel(expected, 1e-12));
        CHECK(expected > 0.1);
    }
}

}  // namespace test_circles_alignment
