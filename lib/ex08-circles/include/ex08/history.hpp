#pragma once
// How exercise 8's two models trained, epoch by epoch: the loss terms as a table, as curves
// side by side, and the VAE's KL split over its latent dimensions.
//
// Per epoch (nn::EpochStats, nats per image): the training terms are averages over the
// epoch's batches, each with the weights of its moment; the test terms are the held-out images
// after the epoch, with eps fixed by the seed, so epochs compare. The autoencoder's loss is its
// reconstruction term alone (no KL); the VAE's is recon + beta KL.
#include <string>
#include <vector>

#include "ex08/models.hpp"
#include "vae/report.hpp"

namespace vae::circles {

// The epochs the notes' table lists (counted from 1): all of them up to 10, else 1 to 5,
// every 5th and the last, so that a 40-epoch run fits in a dozen lines.
std::vector<int> table_epochs(int epochs);

// The final epoch's terms: ae_final_train_recon, ae_final_test_recon and vae_final_train_kl
// checked (trained_tolerance), vae_final_train_recon and vae_final_test_recon printed only.
void add_final_epoch_quantities(Report& report, const TrainedModel& ae, const TrainedModel& vae);

// vae_kl_dim_1, vae_kl_dim_2, ...: the held-out images' mean KL of each latent dimension,
//     KL_j = mean_i 1/2 (mu_ij^2 + sigma_ij^2 - 1 - log sigma_ij^2),
// which add up to vae_test_kl. Unchecked: like the per-axis r, they turn with the latent.
void add_kl_per_dimension(Report& report, const TrainedModel& vae);

// "KL per latent dimension: 3.71 + 3.68 = 7.39 nats", and that they turn with the latent.
void kl_per_dimension_note(Report& report, const TrainedModel& vae);

// The per-epoch table (table_epochs) as notes.
void history_notes(Report& report, const TrainedModel& ae, const TrainedModel& vae);

// exercise8_training.png: the autoencoder's loss curves and the VAE's, side by side on one
// scale (solid: training, dashed: held-out). False when nothing was drawn.
bool plot_training_history(const std::string& path, const TrainedModel& ae, const TrainedModel& vae);

}  // namespace vae::circles
