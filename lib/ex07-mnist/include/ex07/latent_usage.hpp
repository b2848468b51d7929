#pragma once
// Which of exercise 7's latent dimensions the model uses, by their KL: the per-dimension KL
// of the test images' posteriors (kl_dim_1 ... kl_dim_J) and the active units it counts.
#include <string>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/report.hpp"

namespace vae::mnist {

// The encoder's mean and log variance for every row of x (double precision).
struct Posteriors {
    analysis::Matrix mu, logvar;
};
Posteriors encode_posteriors(const Model& model, const Images& x, int batch_size = 500);

// kl_dim_1 .. kl_dim_J (mean KL of each dimension, nats per image) and active_units_kl
// (dimensions above analysis::kKlActivityThreshold).
void add_kl_per_dimension(Report& report, const analysis::Vector& kl);

// Bars of KL_j, largest first, each labelled with its dimension, the threshold as a line.
bool plot_kl_per_dimension(const analysis::Vector& kl, const std::string& title, const std::string& path);

}  // namespace vae::mnist
