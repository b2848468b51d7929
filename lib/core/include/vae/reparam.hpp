#pragma once
// The reparameterization trick: z = mu + sigma ⊙ eps with sigma = exp(0.5 * log sigma^2) and
// eps ~ N(0, I). The randomness sits in eps alone, so z is a smooth function of mu and
// log sigma^2 and gradients can flow through it.
#include "vae/matrix.hpp"
#include "vae/rng.hpp"

namespace vae {

// sigma = exp(0.5 * logvar), element-wise.
Matrix standard_deviation(const Matrix& logvar);

// z = mu + exp(0.5 * logvar) ⊙ eps, element-wise. All three have the same shape.
Matrix reparameterize(const Matrix& mu, const Matrix& logvar, const Matrix& eps);

// A rows x cols matrix of independent N(0, 1) draws, filled row by row.
Matrix standard_normal(long rows, long cols, Rng& rng);

}  // namespace vae
