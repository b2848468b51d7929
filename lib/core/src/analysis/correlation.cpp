#include "vae/analysis/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae::analysis {

bool is_constant(const Vector& v) {
    for (Eigen::Index i = 1; i < v.size(); ++i) {
        if (v(i) != v(0)) return false;
    }
    return true;
}

Correlation pearson(const Vector& x, const Vector& y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("pearson: the vectors have " + std::to_string(x.size()) + " and " +
                                    std::to_string(y.size()) + " entries");
    }
    if (!x.allFinite() || !y.allFinite()) {
        throw std::invalid_argument("pearson: the vectors must hold finite values only");
    }
    Correlation result;
    if (x.size() < 2 || is_constant(x) || is_constant(y)) return result;  // r = 0, undefined

    // Centring first keeps the sums small: the one-pass formula sum xy - n mean_x mean_y
    // cancels badly when the means are large compared with the spread.
    const Vector dx = x.array() - x.mean();
    const Vector dy = y.array() - y.mean();
    const double sxx = dx.squaredNorm(), syy = dy.squaredNorm(), sxy = dx.dot(dy);
    if (sxx <= 0 || syy <= 0) return result;
    // r = sxy / sqrt(sxx syy); rounding can push |r| a hair past 1.
    result.r = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
    result.defined = true;
    return result;
}

Matrix correlation_matrix(const Matrix& a, const Matrix& b, int* undefined_pairs) {
    if (a.rows() != b.rows()) {
        throw std::invalid_argument("correlation_matrix: the matrices have " + std::to_string(a.rows()) +
                                    " and " + std::to_string(b.rows()) + " rows");
    }
    Matrix r(a.cols(), b.cols());
    int undefined = 0;
    for (Eigen::Index i = 0; i < a.cols(); ++i) {
        const Vector ai = a.col(i);
        for (Eigen::Index j = 0; j < b.cols(); ++j) {
            const Correlation c = pearson(ai, b.col(j));
            r(i, j) = c.r;
            undefined += c.defined ? 0 : 1;
        }
    }
    if (undefined_pairs) *undefined_pairs = undefined;
    return r;
}

}  // namespace vae::analysis
