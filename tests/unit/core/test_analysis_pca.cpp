// PCA against data whose covariance is known exactly by construction.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/analysis/decompositions.hpp"
#include "vae/analysis/pca.hpp"
#include "vae/rng.hpp"

namespace test_analysis_pca {

using vae::analysis::Matrix;
using vae::analysis::RowVector;

namespace {

// Five points x_i = m + t_i u + s_i w with orthonormal u, w and zero-mean, uncorrelated t, s:
//   t = (-2, -1, 0, 1, 2): sum t^2 = 10, sample variance 10 / 4 = 2.5
//   s = ( 1, -1, 0, -1, 1): sum s^2 = 4,  sample variance 4 / 4 = 1,  sum t s = 0
// so the sample covariance is exactly 2.5 u u^T + 1 w w^T: eigenvalues 2.5, 1, 0.
const double t[5] = {-2, -1, 0, 1, 2};
const double s[5] = {1, -1, 0, -1, 1};

RowVector u_dir() { return RowVector((RowVector(3) << 2, -1, 2).finished() / 3.0); }
RowVector w_dir() { return RowVector((RowVector(3) << 1, 2, 0).finished() / std::sqrt(5.0)); }
RowVector offset() { return (RowVector(3) << 10, -5, 3).finished(); }

Matrix constructed_points() {
    Matrix x(5, 3);
    for (int i = 0; i < 5; ++i) x.row(i) = offset() + t[i] * u_dir() + s[i] * w_dir();
    return x;
}

}  // namespace

TEST_CASE("PCA recovers the directions and variances of constructed data", "[analysis]") {
    const Matrix x = constructed_points();
    const auto pca = vae::analysis::fit_pca(x);

    REQUIRE(pca.n_components() == 3);
    for (int j = 0; j < 3; ++j) CHECK_THAT(pca.mean(j), WithinAbs(offset()(j), 1e-12));

    // Sign rule: the largest-magnitude entry is positive. u = (2, -1, 2)/3 has a tie between
    // entries 0 and 2 (the first wins, and it is positive); w = (1, 2, 0)/sqrt 5 peaks at 1.
    for (int j = 0; j < 3; ++j) {
        CHECK_THAT(pca.components(0, j), WithinAbs(u_dir()(j), 1e-12));
        CHECK_THAT(pca.components(1, j), WithinAbs(w_dir()(j), 1e-12));
    }
    CHECK_THAT(pca.explained_variance(0), WithinAbs(2.5, 1e-12));
    CHECK_THAT(pca.explained_variance(1), WithinAbs(1.0, 1e-12));
    CHECK_THAT(pca.explained_variance(2), WithinAbs(0.0, 1e-12));
    CHECK_THAT(pca.total_variance, WithinRel(3.5, 1e-12));
    CHECK_THAT(pca.explained_variance_ratio(0), WithinAbs(2.5 / 3.5, 1e-12));
    CHECK_THAT(pca.explained_variance_ratio(1), WithinAbs(1.0 / 3.5, 1e-12));
}

TEST_CASE("PCA projections are the construction coordinates", "[analysis]") {
    const Matrix x = constructed_points();
    const auto pca = vae::analysis::fit_pca(x, 2);
    REQUIRE(pca.n_components() == 2);

    // (x_i - m) . u = t_i and (x_i - m) . w = s_i.
    const Matrix z = pca.transform(x);
    REQUIRE(z.rows() == 5);
    REQUIRE(z.cols() == 2);
    for (int i = 0; i < 5; ++i) {
        CHECK_THAT(z(i, 0), WithinAbs(t[i], 1e-12));
        CHECK_THAT(z(i, 1), WithinAbs(s[i], 1e-12));
    }

    SECTION("another matrix projects into the same coordinates") {
        // A point that was not in the fit: m + 0.5 u - 3 w lands at (0.5, -3).
        Matrix other(1, 3);
        other.row(0) = offset() + 0.5 * u_dir() - 3.0 * w_dir();
        const Matrix zo = pca.transform(other);
        CHECK_THAT(zo(0, 0), WithinAbs(0.5, 1e-12));
        CHECK_THAT(zo(0, 1), WithinAbs(-3.0, 1e-12));
        const Matrix z1 = pca.transform(other, 1);
        REQUIRE(z1.cols() == 1);
        CHECK_THAT(z1(0, 0), WithinAbs(0.5, 1e-12));
    }
    SECTION("reconstruction from 2 components is exact, from 1 drops the w part") {
        const Matrix back = pca.inverse_transform(z);
        CHECK((back - x).cwiseAbs().maxCoeff() < 1e-12);
        const Matrix back1 = pca.inverse_transform(pca.transform(x, 1));
        for (int i = 0; i < 5; ++i) {
            // What is lost is s_i w, of length |s_i|.
            CHECK_THAT((back1.row(i) - x.row(i)).norm(), WithinAbs(std::abs(s[i]), 1e-12));
        }
        // The reconstruction projects onto the same first coordinate as the original.
        const Matrix z_back = pca.transform(back1);
        for (int i = 0; i < 5; ++i) {
            CHECK_THAT(z_back(i, 0), WithinAbs(t[i], 1e-12));
            CHECK_THAT(z_back(i, 1), WithinAbs(0.0, 1e-12));
        }
    }
}

TEST_CASE("PCA on random data agrees with direct variance computations", "[analysis]") {
    // Correlated 4-D Gaussian data: x = g A with a fixed mixing matrix A.
    vae::Rng rng(7, vae::Stream::Data);
    const int n = 400;
    Matrix g(n, 4);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 4; ++j) g(i, j) = rng.normal();
    Matrix a(4, 4);
    a << 3, 1, 0, 0,   //
        0, 1, 0.5, 0,  //
        0, 0, 0.2, 0,  //
        1, 0, 0, 0.1;
    const Matrix x = g * a;
    const auto pca = vae::analysis::fit_pca(x);

    // Components are orthonormal.
    const Matrix gram = pca.components * pca.components.transpose();
    CHECK((gram - Matrix::Identity(4, 4)).cwiseAbs().maxCoeff() < 1e-12);

    // The sample variance of each projected coordinate is its explained variance, and the
    // coordinates are uncorrelated: the covariance of z is diagonal.
    const Matrix z = pca.transform(x);
    const Matrix zc = z.rowwise() - z.colwise().mean();
    const Matrix cov_z = zc.transpose() * zc / double(n - 1);
    for (int i = 0; i < 4; ++i) {
        CHECK_THAT(cov_z(i, i), WithinRel(pca.explained_variance(i), 1e-10));
        for (int j = 0; j < 4; ++j) {
            if (i != j) CHECK(std::abs(cov_z(i, j)) < 1e-10 * pca.total_variance);
        }
    }
    // Sorted, and the ratios add up to 1 with all components kept.
    for (int i = 1; i < 4; ++i) CHECK(pca.explained_variance(i) <= pca.explained_variance(i - 1));
    CHECK_THAT(pca.explained_variance_ratio.sum(), WithinRel(1.0, 1e-12));

    // Total variance = sum of the column variances, computed directly.
    const Matrix xc = x.rowwise() - x.colwise().mean();
    CHECK_THAT(pca.total_variance, WithinRel(xc.squaredNorm() / (n - 1), 1e-12));

    // A float copy of the data gives the same picture (to float precision).
    const Eigen::MatrixXf xf = x.cast<float>();
    const auto pca_f = vae::analysis::fit_pca(vae::analysis::to_matrix(xf));
    CHECK((pca_f.components.row(0) - pca.components.row(0)).cwiseAbs().maxCoeff() < 1e-4);
}

TEST_CASE("every PCA component has its largest-magnitude entry positive", "[analysis]") {
    // An eigensolver returns each direction with an arbitrary sign; the rule must fix it on
    // every component of every data set, not only where the solver happens to agree.
    vae::Rng rng(12, vae::Stream::Data);
    int flipped_by_rule = 0;
    for (int trial = 0; trial < 30; ++trial) {
        const int d = 2 + trial % 5;
        Matrix x(50, d);
        for (int i = 0; i < 50; ++i)
            for (int j = 0; j < d; ++j) x(i, j) = rng.normal() * (1 + j);
        const auto pca = vae::analysis::fit_pca(x);
        for (int c = 0; c < d; ++c) {
            Eigen::Index largest = 0;
            pca.components.row(c).cwiseAbs().maxCoeff(&largest);
            CAPTURE(trial, c);
            CHECK(pca.components(c, largest) > 0);
        }
        // Negated data has the same covariance, hence the same components.
        const auto negated = vae::analysis::fit_pca(-x);
        CHECK((negated.components - pca.components).cwiseAbs().maxCoeff() < 1e-12);
        // Count the solver's raw eigenvectors the rule had to flip: if it never flipped one,
        // this test would prove nothing.
        const Matrix xc = x.rowwise() - x.colwise().mean();
        const Eigen::MatrixXd cov = xc.transpose() * xc / 49.0;
        const auto raw = vae::analysis::symmetric_eigen(cov, "test");
        for (int c = 0; c < d; ++c) {
            if (raw.vectors.col(d - 1 - c).dot(pca.components.row(c).transpose()) < 0) {
                ++flipped_by_rule;
            }
        }
    }
    CHECK(flipped_by_rule > 0);
}

TEST_CASE("PCA refuses unusable input", "[analysis]") {
    REQUIRE_THROWS_AS(vae::analysis::fit_pca(Matrix::Zero(1, 3)), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::fit_pca(constructed_points(), 4), std::invalid_argument);
    const auto pca = vae::analysis::fit_pca(constructed_points(), 2);
    REQUIRE_THROWS_AS(pca.transform(Matrix::Zero(2, 4)), std::invalid_argument);
    REQUIRE_THROWS_AS(pca.transform(constructed_points(), 3), std::invalid_argument);
}

}  // namespace test_analysis_pca
