#include "vae/loss.hpp"

#include <cmath>
#include <stdexcept>

namespace vae {
namespace {

void require_same_shape(const Matrix& a, const Matrix& b, const char* what) {
    if (a.rows() != b.rows() || a.cols() != b.cols())
        throw std::invalid_argument(std::string(what) + ": the two matrices must have the same shape");
    if (a.rows() == 0) throw std::invalid_argument(std::string(what) + ": no data points");
}

}  // namespace

double mse(const Matrix& X, const Matrix& X_prime) {
    require_same_shape(X, X_prime, "mse");
    // (1/N) Σ_i ||x_i - x'_i||²
    return (X - X_prime).rowwise().squaredNorm().mean();
}

Vector kl_per_point(const Matrix& mu, const Matrix& logvar) {
    require_same_shape(mu, logvar, "kl_per_point");
    // ½ Σ_j (σ² + μ² - log σ² - 1), with σ² = exp(log σ²)
    return 0.5 * (logvar.array().exp() + mu.array().square() - logvar.array() - 1.0).matrix().rowwise().sum();
}

double kl_divergence(const Matrix& mu, const Matrix& logvar) { return kl_per_point(mu, logvar).mean(); }

double bce_with_logits(const Matrix& X, const Matrix& logits) {
    require_same_shape(X, logits, "bce_with_logits");
    double total = 0.0;
    for (long i = 0; i < X.rows(); ++i)
        for (long j = 0; j < X.cols(); ++j) {
            const double l = logits(i, j), x = X(i, j);
            total += std::max(l, 0.0) - l * x + std::log1p(std::exp(-std::fabs(l)));
        }
    return total / static_cast<double>(X.rows());
}

double beta_weighted_loss(double recon, double kl, double beta) { return recon + beta * kl; }

}  // namespace vae
