#include "vae/analysis/latent.hpp"

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

}  // namespace vae::analysis
