#pragma once
// The one row-major matrix type of the project. One sample (a data point, an image, a row of a
// batch) per row: its features are contiguous in memory, as they are in the files, and the
// first B rows of a matrix are themselves one contiguous block.
// All of Eigen/Dense, not just Core: the sheet's programs use its decompositions (LLT) through
// this header alone.
#include <Eigen/Dense>

namespace vae {

// S is float for the networks and images (half the memory), double for the sheet and the
// analysis (sums over many samples lose digits in float), long for counts.
template <class S>
using RowMajorMatrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The exercise sheet's and the analysis toolkit's matrix: double precision.
using Matrix = RowMajorMatrix<double>;
using Vector = Eigen::VectorXd;

}  // namespace vae
