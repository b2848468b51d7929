#include "vae/reparam.hpp"

#include <stdexcept>

namespace vae {

Matrix standard_deviation(const Matrix& logvar) { return (0.5 * logvar.array()).exp().matrix(); }

Matrix reparameterize(const Matrix& mu, const Matrix& logvar, const Matrix& eps) {
    if (mu.rows() != logvar.rows() || mu.cols() != logvar.cols() || mu.rows() != eps.rows() ||
        mu.cols() != eps.cols())
        throw std::invalid_argument("reparameterize: mu, logvar and eps must have the same shape");
    // z = mu + sigma ⊙ eps
    return (mu.array() + (0.5 * logvar.array()).exp() * eps.array()).matrix();
}

Matrix standard_normal(long rows, long cols, Rng& rng) {
    Matrix m(rows, cols);
    for (long i = 0; i < rows; ++i)
        for (long j = 0; j < cols; ++j) m(i, j) = rng.normal();
    return m;
}

}  // namespace vae
