#pragma once
// The exercise sheet's fixed numbers (exercises 1-5), and lib's own versions of what
// exercises 1 and 3 teach, so that later exercises can build on them.
#include <cstdint>

#include "vae/affine.hpp"
#include "vae/matrix.hpp"

namespace vae::sheet {

// Exercise 1: the data distribution N(mu_data, Sigma_data).
Vector data_mean();        // (3, 2)
Matrix data_covariance();  // I

// The encoder of a scenario: one affine map for the mean, one for the log-variance.
struct Encoder {
    AffineMap mean;
    AffineMap logvar;
};

Encoder standard_encoder();  // exercise 2 (scenario 1)
Encoder collapse_encoder();  // exercise 4 (scenario 2)
AffineMap decoder();         // exercise 2, shared by both scenarios

// N points from N(mu_data, Sigma_data): x_i = mu_data + L eps_i with L L^T = Sigma_data
// (Cholesky), eps_i drawn row by row from the Data stream of the seed.
Matrix sample_data(long n, std::uint64_t seed);

// N x 2 noise for the reparameterization, drawn row by row from the Noise stream of the seed.
// Both scenarios use the same eps, so their difference comes from the encoders alone.
Matrix sample_noise(long n, std::uint64_t seed);

// One forward pass with its losses (exercise 3's steps a-d).
struct ForwardPass {
    Matrix mu, logvar, z, x_prime;
    double recon = 0, kl = 0;  // L_recon (sheet's MSE) and L_KL (mean over points)
};

ForwardPass forward(const Matrix& X, const Encoder& encoder, const AffineMap& decoder, const Matrix& eps);

// Sample mean (1/N Σ x_i) and unbiased sample covariance (1/(N-1) Σ (x_i - m)(x_i - m)^T).
Vector sample_mean(const Matrix& X);
Matrix sample_covariance(const Matrix& X);

}  // namespace vae::sheet
