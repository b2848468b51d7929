#pragma once
// Matrix types shared by the network code.
//
// A batch is row-major with one sample per row, so a sample's features are contiguous and a
// batch of the first B rows of a larger matrix is itself a contiguous block.
#include <Eigen/Core>

#include "vae/matrix.hpp"

namespace vae::nn {

template <class S>
using RowMatrix = RowMajorMatrix<S>;
template <class S>
using RowVector = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <class S>
using Vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;

// Views into the model's flat parameter and gradient buffers (no copies).
template <class S>
using MatrixMap = Eigen::Map<RowMatrix<S>>;
template <class S>
using ConstMatrixMap = Eigen::Map<const RowMatrix<S>>;
template <class S>
using RowVectorMap = Eigen::Map<RowVector<S>>;
template <class S>
using ConstRowVectorMap = Eigen::Map<const RowVector<S>>;
template <class S>
using VectorMap = Eigen::Map<Vector<S>>;
template <class S>
using ConstVectorMap = Eigen::Map<const Vector<S>>;

// A view with a row stride, for column blocks such as mu = the first L columns of the head.
template <class S>
using StridedMap = Eigen::Map<RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<>>;
template <class S>
using ConstStridedMap = Eigen::Map<const RowMatrix<S>, Eigen::Unaligned, Eigen::OuterStride<>>;

// How functions take a batch: any row-major block (a whole matrix or some of its rows) binds
// without a copy.
template <class S>
using BatchRef = Eigen::Ref<const RowMatrix<S>>;

// For function templates: S is deduced from the model argument alone, so a plain RowMatrix
// (or a block of one) binds to a batch parameter.
template <class S>
struct NoDeduce {
    using type = S;
};
template <class S>
using BatchArg = BatchRef<typename NoDeduce<S>::type>;

// Whole-buffer views for functions that take any contiguous vector (a model's params() or
// grads(), a plain Vector, a Map): these bind without a copy.
template <class S>
using VectorRef = Eigen::Ref<Vector<S>>;
template <class S>
using ConstVectorRef = Eigen::Ref<const Vector<S>>;

}  // namespace vae::nn
