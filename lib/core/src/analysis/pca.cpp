#include "vae/analysis/pca.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "vae/analysis/decompositions.hpp"

namespace vae::analysis {

namespace {

// Flips v so that its entry of largest magnitude is positive; the first one wins a tie, so
// the choice never depends on rounding in the solver.
void fix_sign(Eigen::Ref<RowVector> v) {
    Eigen::Index largest = 0;
    for (Eigen::Index j = 1; j < v.size(); ++j) {
        if (std::abs(v(j)) > std::abs(v(largest))) largest = j;
    }
    if (v(largest) < 0) v = -v;
}

}  // namespace

Pca fit_pca(const Matrix& x, int n_components) {
    const Eigen::Index n = x.rows(), d = x.cols();
    if (n < 2) {
        throw std::invalid_argument("fit_pca needs at least 2 rows, got " + std::to_string(n));
    }
    if (n_components == -1) n_components = static_cast<int>(d);
    if (n_components < 1 || n_components > d) {
        throw std::invalid_argument("fit_pca: n_components must be -1 or in 1.." + std::to_string(d) +
                                    ", got " + std::to_string(n_components));
    }

    Pca pca;
    pca.mean = x.colwise().mean();
    const Matrix centred = x.rowwise() - pca.mean;
    // C = Xc^T Xc / (n - 1): the unbiased sample covariance.
    const Eigen::MatrixXd covariance = (centred.transpose() * centred) / static_cast<double>(n - 1);
    pca.total_variance = covariance.trace();

    const SymmetricEigen eig = symmetric_eigen(covariance, "fit_pca (the covariance)");
    // The solver sorts eigenvalues in increasing order; we want the largest first.
    pca.components.resize(n_components, d);
    pca.explained_variance.resize(n_components);
    for (int i = 0; i < n_components; ++i) {
        const Eigen::Index source = d - 1 - i;
        // A covariance has no negative eigenvalues; a tiny negative one is rounding.
        pca.explained_variance(i) = std::max(0.0, eig.values(source));
        pca.components.row(i) = eig.vectors.col(source).transpose();
        fix_sign(pca.components.row(i));
    }
    pca.explained_variance_ratio = pca.total_variance > 0
                                       ? Vector(pca.explained_variance / pca.total_variance)
                                       : Vector(Vector::Zero(n_components));
    return pca;
}

Matrix Pca::transform(const Matrix& x, int k) const {
    if (k == -1) k = n_components();
    if (k < 1 || k > n_components()) {
        throw std::invalid_argument("Pca::transform: k must be -1 or in 1.." +
                                    std::to_string(n_components()) + ", got " + std::to_string(k));
    }
    if (x.cols() != mean.size()) {
        throw std::invalid_argument("Pca::transform: the PCA was fitted on " + std::to_string(mean.size()) +
                                    " columns, got " + std::to_string(x.cols()));
    }
    // z = (x - mean) V_k^T, with the components as the rows of V_k.
    return (x.rowwise() - mean) * components.topRows(k).transpose();
}

Matrix Pca::inverse_transform(const Matrix& z) const {
    const Eigen::Index k = z.cols();
    if (k < 1 || k > n_components()) {
        throw std::invalid_argument("Pca::inverse_transform: expected 1.." + std::to_string(n_components()) +
                                    " columns, got " + std::to_string(k));
    }
    // x = z V_k + mean.
    return (z * components.topRows(k)).rowwise() + mean;
}

}  // namespace vae::analysis
