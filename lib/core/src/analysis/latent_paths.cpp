#include "vae/analysis/latent_paths.hpp"

#include <stdexcept>
#include <string>

namespace vae::analysis {

Matrix latent_traversal(const RowVector& base, const std::vector<int>& dims,
                        const std::vector<double>& values) {
    const Eigen::Index per_dim = Eigen::Index(values.size());
    Matrix codes(Eigen::Index(dims.size()) * per_dim, base.size());
    for (std::size_t r = 0; r < dims.size(); ++r) {
        const int d = dims[r];
        if (d < 0 || d >= base.size())
            throw std::invalid_argument("latent_traversal: dimension " + std::to_string(d) + " outside 0.." +
                                        std::to_string(base.size() - 1));
        for (Eigen::Index v = 0; v < per_dim; ++v) {
            const Eigen::Index row = Eigen::Index(r) * per_dim + v;
            codes.row(row) = base;
            codes(row, d) = values[std::size_t(v)];
        }
    }
    return codes;
}

Matrix interpolate_linear(const RowVector& a, const RowVector& b, int steps) {
    if (steps < 2 || a.size() != b.size())
        throw std::invalid_argument("interpolate_linear: needs steps >= 2 and two points of one size");
    Matrix path(steps, a.size());
    for (int t = 0; t < steps; ++t) {
        const double s = double(t) / (steps - 1);
        // (1 - s) a + s b: exactly a at s = 0 and exactly b at s = 1.
        path.row(t) = (1.0 - s) * a + s * b;
    }
    return path;
}

}  // namespace vae::analysis
