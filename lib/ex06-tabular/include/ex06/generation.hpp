#pragma once
// A VAE is a generative model: new rows come from the prior through the decoder. How close
// are they to real rows, feature by feature (the marginals) and pair by pair (the
// correlations)?
#include <cstdint>

#include "ex06/settings.hpp"
#include "ex06/training.hpp"
#include "vae/nn/model.hpp"

namespace vae::tabular {

// Rows drawn per trained model: enough that their statistics hardly depend on the draw
// (the sd of a correlation estimated from 1000 rows is at most 0.03).
inline constexpr int kGeneratedRows = 1000;

// `count` rows from the model's generative distribution, in the data's own units:
//   z ~ N(0, I) (latent),  m = the decoder's mean at z,
//   Gaussian decoder:   y = m + sigma eps, eps ~ N(0, I) per feature: a draw from p(x | z)
//   Bernoulli decoder:  y = m = sigmoid(logits), as a 0/1 draw would be no feature value
//   x = scaling.inverse(y).
// Every number comes from Rng(seed, Stream::Sample): first all of z, row by row, then all of
// eps, so the same seed gives the same rows on every machine.
RowMatrix generate_rows(const nn::Model<double>& model, const Scaling& scaling, const Decoder& decoder,
                        int count, std::uint64_t seed);

// Generated rows against real ones. Standard deviations are population ones (divide by n).
struct RowComparison {
    Eigen::RowVectorXd mean_shift;  // (mean_generated - mean_real) / sd_real, per feature
    Eigen::RowVectorXd sd_ratio;    // sd_generated / sd_real, per feature
    RowMatrix real_correlation;     // d x d Pearson r of the real rows
    RowMatrix generated_correlation;
    double max_abs_mean_shift = 0;  // max_j |mean_shift_j|
    double min_sd_ratio = 0, max_sd_ratio = 0;
    double max_abs_correlation_difference = 0;  // max_jk |r_generated(j, k) - r_real(j, k)|
};

// Throws std::invalid_argument when the column counts differ, a side has fewer than 2 rows,
// or a real column is constant (its sd is the unit of mean_shift).
RowComparison compare_rows(const RowMatrix& real, const RowMatrix& generated);

}  // namespace vae::tabular
