#pragma once
// What the exercise's own code (the scaler, the ELBO, the epoch loop) hands to the machinery,
// and the checks that tell a student at once when theirs disagrees with lib.
#include <limits>
#include <vector>

#include "ex06/settings.hpp"
#include "vae/data/labeled_data.hpp"
#include "vae/nn/model.hpp"

namespace vae::tabular {

using RowMatrix = data::RowMatrix;  // double, one sample per row (= nn::RowMatrix<double>)

// A fitted column scaler: y = (x - offset) / scale, column by column.
struct Scaling {
    ScalingKind kind = ScalingKind::MinMax;
    Eigen::RowVectorXd offset;
    Eigen::RowVectorXd scale;
    // x = y * scale + offset: back to the data's own units.
    RowMatrix inverse(const RowMatrix& y) const;
};

// Compares a scaler with lib's (vae::data::MinMaxScaler / StandardScaler) fitted on `train`.
// Throws std::logic_error naming the first column that differs by more than 1e-12
// relative, with a hint (fitted on more than the training split? sample instead of
// population sd?). The exercise's program then stops with that message.
void check_scaling(const Scaling& yours, const RowMatrix& train);

// The three numbers of a negative ELBO, each averaged over the samples (nats per sample).
struct Losses {
    double recon = 0.0;
    double kl = 0.0;
    double total = 0.0;  // recon + beta * kl
};

// Throws std::logic_error if the exercise's ELBO differs from the one lib's forward pass
// computed for the same batch (recon times decoder.recon_weight(), KL, and
// total = recon + beta KL) by more than 1e-9 relative, naming the term and both values.
// Throws NumericError (training diverged) if lib's numbers are NaN or infinite.
void check_elbo(const Losses& yours, const nn::LossParts& lib, double beta, const Decoder& decoder);

struct EpochLosses {
    Losses train;  // averaged over the epoch's batches, weighted by batch size
    Losses test;   // the whole test split after the epoch
};

// The losses of a training run, epoch by epoch.
class History {
public:
    // Records one training batch's loss. Throws NumericError if it is NaN or infinite, with
    // the likely cause when the decoder is Bernoulli and the data leave [0, 1].
    void add_batch(const Losses& batch);
    // Records a finished epoch (same check).
    void add_epoch(const Losses& train, const Losses& test);

    const std::vector<EpochLosses>& epochs() const { return epochs_; }
    const EpochLosses& last() const;  // throws std::logic_error when empty
    double min_batch_total() const { return min_batch_total_; }
    long batches() const { return batches_; }

private:
    std::vector<EpochLosses> epochs_;
    double min_batch_total_ = std::numeric_limits<double>::infinity();
    long batches_ = 0;
};

}  // namespace vae::tabular
