#pragma once
// Which latent dimensions a VAE actually uses.
//
// A dimension j is "active" when the encoder's mean mu_j changes from one input to another:
//     A_j = Var over the data set of mu_j(x),   active when A_j > 0.01.
// An inactive dimension has mu_j ~ the same for every input; its posterior has collapsed onto
// the prior, it carries no information about x, and its KL term is close to 0.
//
// The per-dimension KL of a diagonal Gaussian posterior to N(0, 1), averaged over samples:
//     KL_j = mean_i 0.5 * (mu_ij^2 + exp(logvar_ij) - 1 - logvar_ij)
// shows the same thing from the loss side: summed over j it is the model's KL term. Counted
// by KL (KL_j > 0.01 nats), a dimension is active when it costs nats in the bound; by the
// variance of mu, when it varies with x. They differ for a dimension whose sigma leaves 1
// while its mu stays put (it costs, and says nothing); otherwise with sigma ~ 1 and a mean mu
// of 0, KL_j ~ A_j / 2.
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

inline constexpr double kActivityThreshold = 0.01;

// Var_i(mu_ij) for each column j of mu (n samples x latent dims), with the population
// denominator n: it describes this data set, not an estimate for another one. n >= 1.
Vector latent_activity(const Matrix& mu);

// active[j] = latent_activity(mu)(j) > threshold.
std::vector<bool> active_dimensions(const Matrix& mu, double threshold = kActivityThreshold);

// How many dimensions are active.
int count_active(const Matrix& mu, double threshold = kActivityThreshold);

// KL_j averaged over the rows, as above. mu and logvar must have the same shape.
Vector mean_kl_per_dimension(const Matrix& mu, const Matrix& logvar);

// A dimension whose mean KL_j is above this many nats counts as active by KL.
inline constexpr double kKlActivityThreshold = 0.01;

// active[j] = kl_per_dimension(j) > threshold (kl from mean_kl_per_dimension).
std::vector<bool> active_by_kl(const Vector& kl_per_dimension, double threshold = kKlActivityThreshold);

// How many dimensions are active by KL.
int count_active_by_kl(const Vector& kl_per_dimension, double threshold = kKlActivityThreshold);

// The dimensions' indices, largest KL first (a tie keeps the lower index first): the order in
// which to show them, most informative first.
std::vector<int> dimensions_by_kl(const Vector& kl_per_dimension);

}  // namespace vae::analysis
