#pragma once
// An affine map y = W x + b, applied to a batch of row vectors at once: Y = X W^T + 1 b^T.
// The sheet's encoder mean, encoder log-variance and decoder are each one of these.
#include "vae/matrix.hpp"

namespace vae {

struct AffineMap {
    Matrix W;  // out x in
    Vector b;  // out
};

// Row i of the result is W * (row i of X) + b. Throws std::invalid_argument on a shape mismatch.
Matrix apply(const AffineMap& map, const Matrix& X);

}  // namespace vae
