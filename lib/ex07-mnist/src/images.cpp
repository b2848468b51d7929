#include "ex07/images.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace vae::mnist {

analysis::Matrix tile_images(const data::ImageMatrix& images, int side, int cols, int gap,
                             double background) {
    if (side < 1 || cols < 1 || gap < 0 || images.cols() != Eigen::Index(side) * side)
        throw std::invalid_argument("tile_images: each row must hold one side x side image (side " +
                                    std::to_string(side) + ", " + std::to_string(images.cols()) + " pixels)");
    const int n = static_cast<int>(images.rows());
    const int grid_rows = n == 0 ? 0 : (n + cols - 1) / cols;
    const int used_cols = std::min(cols, std::max(n, 1));
    const auto extent = [&](int count) { return count == 0 ? 0 : count * side + (count - 1) * gap; };
    analysis::Matrix out = analysis::Matrix::Constant(extent(grid_rows), extent(used_cols), background);
    for (int k = 0; k < n; ++k) {
        const int top = (k / cols) * (side + gap), left = (k % cols) * (side + gap);
        for (int i = 0; i < side; ++i)
            for (int j = 0; j < side; ++j) out(top + i, left + j) = images(k, Eigen::Index(i) * side + j);
    }
    return out;
}

double normal_quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("normal_quantile: p must be in (0, 1)");
    if (p == 0.5) return 0.0;
    if (p > 0.5) return -normal_quantile(1.0 - p);
    const auto cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    // Phi(-39) is below the smallest double, so the root lies in [-39, 0] for any p <= 1/2.
    double lo = -39.0, hi = 0.0;
    while (true) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;  // no double left between them
        (cdf(mid) < p ? lo : hi) = mid;
    }
    return std::abs(cdf(lo) - p) <= std::abs(cdf(hi) - p) ? lo : hi;
}

std::vector<double> normal_quantile_grid(int steps) {
    if (steps < 1) throw std::invalid_argument("normal_quantile_grid: steps must be >= 1");
    std::vector<double> q(static_cast<std::size_t>(steps));
    for (int k = 0; k < steps; ++k) q[std::size_t(k)] = normal_quantile((k + 0.5) / steps);
    return q;
}

double Histogram::density(int b) const {
    return total == 0 ? 0.0 : double(counts[std::size_t(b)]) / (double(total) * width());
}

Histogram histogram(const std::vector<double>& values, double lo, double hi, int bins) {
    if (bins < 1 || !(hi > lo)) throw std::invalid_argument("histogram: needs bins >= 1 and hi > lo");
    Histogram h;
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(std::size_t(bins), 0);
    for (double v : values) {
        ++h.total;
        if (!(v >= lo && v < hi)) {
            ++h.outside;
            continue;
        }
        // Rounding can put v just below hi into bin `bins`: it belongs to the last one.
        const int b = std::min(bins - 1, static_cast<int>((v - lo) / (hi - lo) * bins));
        ++h.counts[std::size_t(b)];
    }
    return h;
}

double normal_density(double x) {
    const double pi = 3.14159265358979323846;
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * pi);
}

}  // namespace vae::mnist
