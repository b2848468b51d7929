#pragma once
// Eigen's dense decompositions, instantiated once (decompositions.cpp).
//
// Each use of Eigen::SelfAdjointEigenSolver or Eigen::JacobiSVD instantiates thousands of lines
// of templates, and a file that did so took 10-20 s to compile. Every file that needs one calls
// these functions instead, on column-major double matrices, so the templates are compiled in
// one file of the core.
#include <Eigen/Core>

namespace vae::analysis {

// S = V diag(values) V^T for a symmetric S.
struct SymmetricEigen {
    Eigen::VectorXd values;   // in increasing order
    Eigen::MatrixXd vectors;  // column i is the unit eigenvector of values(i)
};

// The eigen-decomposition of the symmetric matrix s (only its lower triangle is read). Throws
// std::runtime_error naming `what` if the solver does not converge.
SymmetricEigen symmetric_eigen(const Eigen::MatrixXd& s, const char* what);

// The singular values of m, in decreasing order (a two-sided Jacobi SVD: accurate for small
// matrices, slow for large ones).
Eigen::VectorXd singular_values(const Eigen::MatrixXd& m);

}  // namespace vae::analysis
