#pragma once
// Anomaly detection with a VAE: train on normal rows only, then flag the rows the model finds
// unlikely. Here "normal" is every class but one, and the held-out class plays the anomalies:
// the model has never seen a row of it.
//
// Two scores, each higher for a stranger row:
//   reconstruction error  how far the decoder's mean at mu(x) lands from x
//   negative ELBO         the bound's own verdict: the reconstruction term of a sampled z plus
//                         KL(q(z|x) || N(0, I)), which also grows when x is sent far from where
//                         the prior expects codes
// and for each the ROC AUC (vae/analysis/roc.hpp): the chance that an anomaly scores above a
// normal row.
#include <cstdint>
#include <string>
#include <vector>

#include "ex06/dataset.hpp"
#include "ex06/settings.hpp"
#include "ex06/training.hpp"
#include "vae/nn/model.hpp"

namespace vae::tabular {

// Draws of eps per row for the ELBO score: one draw's luck would add noise to the ranking.
inline constexpr int kElboSamples = 16;

// One held-out class. Every matrix is in the data's own units.
struct AnomalySplit {
    int held_out = 0;        // the label of the anomalies
    std::string class_name;  // its name
    RowMatrix train;         // the training split's rows of the other classes: the model learns these
    RowMatrix normal;        // the test split's rows of the other classes
    RowMatrix anomalous;     // every row of the held-out class, from both splits
};

// One split per class of d, in label order.
std::vector<AnomalySplit> anomaly_splits(const Dataset& d);

// sum_j (x_ij - m_ij)^2 for each row i of the scaled rows x, m = the decoder's mean at mu(x_i):
// the reconstruction through the posterior mean, without sampling.
Eigen::VectorXd reconstruction_error(const nn::Model<double>& model, const RowMatrix& x);

// For each row of the scaled rows x, the mean over `samples` draws of eps of
//   recon(x, z) + KL(q(z | x) || N(0, I)),   z = mu + sigma eps,
// recon being 6b's term (BCE, or (x - l)^2 / (2 sigma^2)), and beta = 1 whatever the model was
// trained with: the bound itself. eps comes from Rng(seed, Stream::Noise), all rows in order
// for the first draw, then all rows for the second, ...: with samples = 1 these are exactly
// the eps of 6c's test evaluation, so the mean over rows is the test loss at beta = 1.
Eigen::VectorXd negative_elbo_per_row(const nn::Model<double>& model, const RowMatrix& x,
                                      const Decoder& decoder, int samples, std::uint64_t seed);

// The scores of one split and their AUCs.
struct AnomalyResult {
    int held_out = 0;
    std::string class_name;
    Eigen::VectorXd normal_recon, anomalous_recon;  // reconstruction_error
    Eigen::VectorXd normal_elbo, anomalous_elbo;    // negative_elbo_per_row, kElboSamples draws
    double auc_recon = 0, auc_elbo = 0;
};

// Scores split.normal and split.anomalous with a model trained on scaling(split.train).
AnomalyResult score_anomalies(const AnomalySplit& split, const Scaling& scaling,
                              const nn::Model<double>& model, const Decoder& decoder, std::uint64_t seed);

}  // namespace vae::tabular
