#include "vae/analysis/decompositions.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <stdexcept>
#include <string>

namespace vae::analysis {

SymmetricEigen symmetric_eigen(const Eigen::MatrixXd& s, const char* what) {
    if (s.rows() != s.cols()) {
        throw std::invalid_argument(std::string(what) +
                                    ": the eigen-decomposition needs a square matrix, got " +
                                    std::to_string(s.rows()) + " x " + std::to_string(s.cols()));
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(s);
    if (solver.info() != Eigen::Success) {
        throw std::runtime_error(std::string(what) + ": the symmetric eigensolver did not converge");
    }
    return {solver.eigenvalues(), solver.eigenvectors()};
}

Eigen::VectorXd singular_values(const Eigen::MatrixXd& m) {
    return Eigen::JacobiSVD<Eigen::MatrixXd>(m).singularValues();
}

}  // namespace vae::analysis
