#pragma once
// The matrix and label types the analysis toolkit works in.
//
// Analysis runs in double precision even when the networks produce floats: sums over tens of
// thousands of samples (variances, inertias, correlations) lose digits quickly in float.
// Rows are samples and columns are features, stored row by row so that one sample is one
// contiguous block of memory.
#include <Eigen/Dense>
#include <vector>

#include "vae/matrix.hpp"

namespace vae::analysis {

using vae::Matrix;
using vae::Vector;
using RowVector = Eigen::RowVectorXd;

// Class labels or cluster indices, one per sample, each in 0, 1, 2, ...
using Labels = std::vector<int>;

// Copies any Eigen matrix (float or double, row- or column-major) into an analysis Matrix.
// Example: vae::analysis::to_matrix(encoder_output_float).
template <class Derived>
Matrix to_matrix(const Eigen::MatrixBase<Derived>& m) {
    return m.template cast<double>();
}

// Copies any Eigen vector expression (float or double) into an analysis Vector.
template <class Derived>
Vector to_vector(const Eigen::MatrixBase<Derived>& v) {
    return v.template cast<double>();
}

}  // namespace vae::analysis
