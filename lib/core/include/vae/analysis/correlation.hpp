#pragma once
// Pearson correlation: how well one quantity follows another along a straight line.
//     r = sum (x_i - mean x)(y_i - mean y) / sqrt(sum (x_i - mean x)^2 * sum (y_i - mean y)^2)
//
// A constant vector has no spread, so r is 0/0. Choice made here: such a pair gets r = 0
// ("no linear association can be seen"), and the result says the value was undefined. A
// latent dimension the model stopped using is exactly such a case, and a report about which
// dimension tracks the circle's centre should say "0, constant" rather than crash or print NaN.
// "Constant" means every entry equal to the first, bit for bit.
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

struct Correlation {
    double r = 0;          // in [-1, 1]; 0 when undefined
    bool defined = false;  // false when x or y is constant (or has fewer than 2 entries)
};

// Throws std::invalid_argument if the sizes differ or a value is not finite.
Correlation pearson(const Vector& x, const Vector& y);

// True when every entry equals the first (an empty vector counts as constant).
bool is_constant(const Vector& v);

// r(i, j) = pearson(a.col(i), b.col(j)).r for every pair of columns: a (n x p) and b (n x q)
// give p x q. undefined_pairs, if given, receives how many entries were undefined (set to 0).
Matrix correlation_matrix(const Matrix& a, const Matrix& b, int* undefined_pairs = nullptr);

}  // namespace vae::analysis
