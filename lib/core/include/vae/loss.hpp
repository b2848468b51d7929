#pragma once
// The VAE's loss terms, as the exercise sheet defines them: each is a mean over data points.
#include "vae/matrix.hpp"

namespace vae {

// L_recon = (1/N) Σ_i ||x_i - x'_i||²: the mean over points of the squared Euclidean norm
// (summed over features, not averaged over them).
double mse(const Matrix& X, const Matrix& X_prime);

// D_KL,i = ½ Σ_j (σ²_ij + μ²_ij - log σ²_ij - 1) for q = N(μ_i, diag σ²_i) against N(0, I).
Vector kl_per_point(const Matrix& mu, const Matrix& logvar);

// L_KL = (1/N) Σ_i D_KL,i.
double kl_divergence(const Matrix& mu, const Matrix& logvar);

// Binary cross-entropy of targets x in [0, 1] against Bernoulli logits l, summed over features
// and averaged over points: -[x log σ(l) + (1 - x) log(1 - σ(l))]. Computed as
// max(l, 0) - l x + log(1 + exp(-|l|)), which never overflows and never takes log(0).
double bce_with_logits(const Matrix& X, const Matrix& logits);

// The β-VAE objective: L = L_recon + β · L_KL (β = 1 is the plain negative ELBO).
double beta_weighted_loss(double recon, double kl, double beta);

}  // namespace vae
