#include "ex01-05/sheet.hpp"

#include <stdexcept>

#include "vae/loss.hpp"
#include "vae/reparam.hpp"
#include "vae/rng.hpp"

namespace vae::sheet {
namespace {

Matrix mat2(double a, double b, double c, double d) {
    Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

Vector vec2(double a, double b) {
    Vector v(2);
    v << a, b;
    return v;
}

}  // namespace

Vector data_mean() { return vec2(3.0, 2.0); }
Matrix data_covariance() { return mat2(1.0, 0.0, 0.0, 1.0); }

Encoder standard_encoder() {
    return {{mat2(0.5, 0.0, 0.0, 0.5), vec2(-0.5, -0.25)}, {mat2(0.1, 0.0, 0.0, 0.1), vec2(-1.0, -1.0)}};
}

Encoder collapse_encoder() {
    return {{mat2(0.01, 0.01, -0.01, -0.01), vec2(0.05, -0.05)},
            {mat2(0.0, 0.0, 0.0, 0.0), vec2(-0.1, -0.1)}};
}

AffineMap decoder() { return {mat2(1.4, 0.0, 0.0, 1.4), vec2(1.5, 1.0)}; }

Matrix sample_data(long n, std::uint64_t seed) {
    if (n <= 0) throw std::invalid_argument("sample_data needs n > 0");
    Rng rng(seed, Stream::Data);
    const Matrix eps = standard_normal(n, 2, rng);
    const Matrix L = Eigen::LLT<Matrix>(data_covariance()).matrixL();
    // x_i = mu + L eps_i, as rows: X = eps L^T + 1 mu^T
    return apply({L, data_mean()}, eps);
}

Matrix sample_noise(long n, std::uint64_t seed) {
    Rng rng(seed, Stream::Noise);
    return standard_normal(n, 2, rng);
}

ForwardPass forward(const Matrix& X, const Encoder& encoder, const AffineMap& dec, const Matrix& eps) {
    ForwardPass f;
    f.mu = apply(encoder.mean, X);
    f.logvar = apply(encoder.logvar, X);
    f.z = reparameterize(f.mu, f.logvar, eps);
    f.x_prime = apply(dec, f.z);
    f.recon = mse(X, f.x_prime);
    f.kl = kl_divergence(f.mu, f.logvar);
    return f;
}

Vector sample_mean(const Matrix& X) { return X.colwise().mean().transpose(); }

Matrix sample_covariance(const Matrix& X) {
    if (X.rows() < 2) throw std::invalid_argument("sample covariance needs at least 2 points");
    const Matrix centred = X.rowwise() - X.colwise().mean();
    return (centred.transpose() * centred) / static_cast<double>(X.rows() - 1);
}

}  // namespace vae::sheet
