#pragma once
// The matrix types of the exercise sheet: double precision, one data point per row.
#include <Eigen/Dense>

namespace vae {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;

}  // namespace vae
