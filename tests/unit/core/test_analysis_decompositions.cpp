// The core's one copy of Eigen's eigensolver and SVD, on matrices whose answers are known.
#include <cmath>
#include <stdexcept>
#include <string>

#include "catch_compat.hpp"
#include "vae/analysis/decompositions.hpp"

namespace test_analysis_decompositions {

TEST_CASE("symmetric_eigen: [[2, 1], [1, 2]] has eigenvalues 1 and 3 along (1, -1) and (1, 1)",
          "[analysis]") {
    Eigen::MatrixXd s(2, 2);
    s << 2, 1, 1, 2;
    const auto eig = vae::analysis::symmetric_eigen(s, "test");
    CHECK_THAT(eig.values(0), WithinAbs(1.0, 1e-14));
    CHECK_THAT(eig.values(1), WithinAbs(3.0, 1e-14));
    const double h = 1 / std::sqrt(2.0);
    // Each eigenvector is defined up to its sign.
    CHECK_THAT(std::abs(eig.vectors(0, 0)), WithinAbs(h, 1e-14));
    CHECK_THAT(eig.vectors(1, 0), WithinAbs(-eig.vectors(0, 0), 1e-14));
    CHECK_THAT(std::abs(eig.vectors(0, 1)), WithinAbs(h, 1e-14));
    CHECK_THAT(eig.vectors(1, 1), WithinAbs(eig.vectors(0, 1), 1e-14));
}

TEST_CASE("symmetric_eigen: V diag(values) V^T gives back a 5 x 5 symmetric matrix", "[analysis]") {
    Eigen::MatrixXd a(5, 5);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) a(i, j) = std::sin(1.0 + i + 7.0 * j);
    const Eigen::MatrixXd s = a + a.transpose();
    const auto eig = vae::analysis::symmetric_eigen(s, "test");
    for (int i = 1; i < 5; ++i) CHECK(eig.values(i - 1) <= eig.values(i));
    const Eigen::MatrixXd back = eig.vectors * eig.values.asDiagonal() * eig.vectors.transpose();
    CHECK((back - s).cwiseAbs().maxCoeff() < 1e-13);
    CHECK((eig.vectors.transpose() * eig.vectors - Eigen::MatrixXd::Identity(5, 5)).cwiseAbs().maxCoeff() <
          1e-14);
}

TEST_CASE("symmetric_eigen names the caller when the matrix is not square", "[analysis]") {
    try {
        vae::analysis::symmetric_eigen(Eigen::MatrixXd::Zero(2, 3), "fit_thing");
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "fit_thing: the eigen-decomposition needs a square matrix, got 2 x 3");
    }
}

TEST_CASE("singular_values: a rotation times diag(3, -2) times a rotation has singular values 3 and 2",
          "[analysis]") {
    const double a = 0.3, b = -1.1;
    Eigen::MatrixXd r1(2, 2), r2(2, 2), d(2, 2);
    r1 << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
    r2 << std::cos(b), -std::sin(b), std::sin(b), std::cos(b);
    d << 3, 0, 0, -2;
    const Eigen::VectorXd s = vae::analysis::singular_values(r1 * d * r2);
    REQUIRE(s.size() == 2);
    CHECK_THAT(s(0), WithinAbs(3.0, 1e-14));
    CHECK_THAT(s(1), WithinAbs(2.0, 1e-14));
    // A 3 x 2 matrix has two; its rank-one case has a zero.
    Eigen::MatrixXd rank_one(3, 2);
    rank_one << 1, 2, 2, 4, 3, 6;
    const Eigen::VectorXd t = vae::analysis::singular_values(rank_one);
    CHECK_THAT(t(0), WithinAbs(std::sqrt(14.0 * 5.0), 1e-13));
    CHECK_THAT(t(1), WithinAbs(0.0, 1e-14));
}

}  // namespace test_analysis_decompositions
