#include "vae/affine.hpp"

#include <stdexcept>
#include <string>

namespace vae {

Matrix apply(const AffineMap& map, const Matrix& X) {
    if (map.W.cols() != X.cols() || map.W.rows() != map.b.size())
        throw std::invalid_argument("affine map " + std::to_string(map.W.rows()) + "x" +
                                    std::to_string(map.W.cols()) + " (bias " + std::to_string(map.b.size()) +
                                    ") cannot take points of dimension " + std::to_string(X.cols()));
    // x' = W x + b for every row x: as rows, X W^T with b added to each row.
    Matrix Y = X * map.W.transpose();
    Y.rowwise() += map.b.transpose();
    return Y;
}

}  // namespace vae
