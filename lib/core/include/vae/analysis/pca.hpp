#pragma once
// Principal component analysis.
//
// fit_pca centres the data and diagonalises its sample covariance
//     C = (X - mean)^T (X - mean) / (n - 1).
// The eigenvectors of C are the principal directions and its eigenvalues the variance the
// data has along each of them. Components come sorted by decreasing variance.
//
// An eigenvector is only defined up to sign, so each component is flipped until its entry of
// largest magnitude is positive (the first such entry on a tie). The same data then always
// gives the same picture.
//
// A fitted Pca can project any matrix with the same number of columns: fit on the original
// images, then project both the originals and their reconstructions, and the two scatter
// plots share one coordinate system.
#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

struct Pca {
    RowVector mean;                   // 1 x d: the column means of the fitted data
    Matrix components;                // k x d: row i is the i-th principal direction (unit)
    Vector explained_variance;        // k: variance along each component (eigenvalues of C)
    Vector explained_variance_ratio;  // k: explained_variance / total variance (trace of C)
    double total_variance = 0;        // trace of C: the sum over all d directions

    int n_components() const { return static_cast<int>(components.rows()); }
    int n_features() const { return static_cast<int>(mean.size()); }

    // Coordinates of each row of x along the first k components: (x - mean) * components^T.
    // k = -1 means all fitted components.
    Matrix transform(const Matrix& x, int k = -1) const;
    // Maps k-dimensional coordinates back to the data space: z * components_k + mean.
    Matrix inverse_transform(const Matrix& z) const;
};

// Fits PCA to the rows of x (n samples x d features, n >= 2) and keeps the first n_components
// directions (-1: all d). When n - 1 < d, the directions past the first n - 1 carry zero
// variance and their order among themselves is arbitrary. The work is one d x d eigenproblem
// plus n d^2 for the covariance, fine for d up to a few thousand.
// Throws std::invalid_argument on fewer than 2 rows or n_components outside 1..d.
Pca fit_pca(const Matrix& x, int n_components = -1);

}  // namespace vae::analysis
