#pragma once
// Paths through a latent space, to decode and look at: what each dimension does on its own
// (a traversal), and what lies between two codes (an interpolation). The same interpolation
// applies to images themselves, to set a model's in-between digits beside a cross-fade.
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

// One code per (dimension, value): for each d in dims, in order, and each v in values, the
// code base with coordinate d set to v; rows dims.size() * values.size(), dimension-major,
// so that tiling them values.size() to a row gives one row of pictures per dimension.
// Throws std::invalid_argument for a dimension outside base.
Matrix latent_traversal(const RowVector& base, const std::vector<int>& dims,
                        const std::vector<double>& values);

// steps points evenly from a to b, both included: row t = a + (t / (steps - 1)) (b - a).
// steps >= 2, a and b of one size (std::invalid_argument otherwise).
Matrix interpolate_linear(const RowVector& a, const RowVector& b, int steps);

}  // namespace vae::analysis
