#pragma once
// Private: how the gradient's squared L2 norm is summed, shared by gradient_norm and the Adam
// step that measures the norm in the same pass (so both give the same bits).
//
// Blocks of kNormBlock values, each summed in S (vectorised); the block sums are added in
// double and in block order, so the result does not depend on the thread count.
#include <Eigen/Core>
#include <cmath>

namespace vae::nn::detail {

constexpr Eigen::Index kNormBlock = 4096;

template <class Segment>
double block_squared_norm(const Segment& block) {
    double s = double(block.squaredNorm());
    // Float squares overflow above ~1.8e19; such a block is redone in double.
    if (!std::isfinite(s)) s = block.template cast<double>().squaredNorm();
    return s;
}

}  // namespace vae::nn::detail
