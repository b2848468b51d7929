#include "vae/analysis/latent.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace vae::analysis {

Vector latent_activity(const Matrix& mu) {
    if (mu.rows() < 1) throw std::invalid_argument("latent_activity needs at least one row");
    const RowVector mean = mu.colwise().mean();
    // A_j = (1/n) sum_i (mu_ij - mean_j)^2, from centred values (no cancellation).
    const RowVector activity = (mu.rowwise() - mean).colwise().squaredNorm() / static_cast<double>(mu.rows());
    return activity.transpose();
}

std::vector<bool> active_dimensions(const Matrix& mu, double threshold) {
    const Vector activity = latent_activity(mu);
    std::vector<bool> active(activity.size());
    for (Eigen::Index j = 0; j < activity.size(); ++j) active[j] = activity(j) > threshold;
    return active;
}

int count_active(const Matrix& mu, double threshold) {
    int count = 0;
    for (bool a : active_dimensions(mu, threshold)) count += a ? 1 : 0;
    return count;
}

Vector mean_kl_per_dimension(const Matrix& mu, const Matrix& logvar) {
    if (mu.rows() != logvar.rows() || mu.cols() != logvar.cols()) {
        throw std::invalid_argument("mean_kl_per_dimension: mu is " + std::to_string(mu.rows()) + " x " +
                                    std::to_string(mu.cols()) + " but logvar is " +
                                    std::to_string(logvar.rows()) + " x " + std::to_string(logvar.cols()));
    }
    if (mu.rows() < 1) throw std::invalid_argument("mean_kl_per_dimension needs at least one row");
    // KL_ij = 0.5 (mu^2 + sigma^2 - 1 - log sigma^2), with sigma^2 = exp(logvar).
    const Matrix kl = 0.5 * (mu.array().square() + logvar.array().exp() - 1.0 - logvar.array()).matrix();
    return (kl.colwise().sum() / static_cast<double>(mu.rows())).transpose();
}

std::vector<bool> active_by_kl(const Vector& kl_per_dimension, double threshold) {
    std::vector<bool> active(static_cast<std::size_t>(kl_per_dimension.size()));
    for (Eigen::Index j = 0; j < kl_per_dimension.size(); ++j)
        active[std::size_t(j)] = kl_per_dimension(j) > threshold;
    return active;
}

int count_active_by_kl(const Vector& kl_per_dimension, double threshold) {
    const std::vector<bool> active = active_by_kl(kl_per_dimension, threshold);
    return static_cast<int>(std::count(active.begin(), active.end(), true));
}

std::vector<int> dimensions_by_kl(const Vector& kl_per_dimension) {
    std::vector<int> order(static_cast<std::size_t>(kl_per_dimension.size()));
    std::iota(order.begin(), order.end(), 0);
    // stable: equal KLs stay in index order.
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return kl_per_dimension(a) > kl_per_dimension(b); });
    return order;
}

}  // namespace vae::analysis
