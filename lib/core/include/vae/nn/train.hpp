#pragma once
// The training loop: shuffled minibatches, forward, backward, optional clipping, Adam.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "vae/nn/adam.hpp"
#include "vae/nn/beta_schedule.hpp"
#include "vae/nn/model.hpp"

namespace vae::nn {

struct TrainConfig {
    int epochs = 10;
    int batch_size = 128;
    // Seeds the minibatch order, Rng(seed, Stream::Shuffle), and eps, Rng(seed, Stream::Noise).
    // The test-set evaluation uses its own fixed eps, Rng(seed, Stream::Noise) restarted
    // each epoch, so its numbers are comparable between epochs.
    std::uint64_t seed = 1;
    AdamConfig adam;
    BetaSchedule beta = BetaSchedule::constant(1.0);
    double clip_norm = 0.0;  // > 0: clip the gradient's L2 norm to this; 0: no clipping
    bool shuffle = true;
    // Where the per-epoch table goes; nullptr prints nothing. A progress bar with ETA is
    // drawn during each epoch only when this is std::cout and stdout is a terminal.
    std::ostream* out = nullptr;
    bool progress = true;
    std::string csv_path;  // non-empty: one CSV row per epoch is appended as it ends
    int eval_batch_size = 500;
    // Parts the loss is summed in (see Workspace::set_parts). 0: Workspace::kDefaultParts. A
    // fixed number makes runs bit-identical on machines with different numbers of cores (the
    // parts then share the threads there are); 1 splits nothing between threads.
    int parts = 0;
};

// What one epoch did. The training numbers are averages over the epoch's samples of the
// per-batch losses (each batch with the parameters of that moment). grad_norm is the L2 norm
// of the full gradient BEFORE clipping, averaged over the epoch's batches.
struct EpochStats {
    int epoch = 0;  // counted from 1
    double beta = 0.0;
    double total = 0.0;
    double recon = 0.0;
    double kl = 0.0;
    double grad_norm = 0.0;
    bool has_test = false;  // the test_* fields are NaN when false
    double test_total = 0.0;
    double test_recon = 0.0;
    double test_kl = 0.0;
    double seconds = 0.0;  // wall time of the training batches (not the test evaluation)
};

// The samples train() learns from, one per row: a matrix of S, or a matrix of bytes read as
// intensities byte / 255 (data::byte_intensity). Bytes keep MNIST's training images at a
// quarter of the memory; each batch is converted as it is gathered, with the same bits a
// matrix converted at load would have.
template <class S>
class TrainingRows {
public:
    TrainingRows(const RowMatrix<S>& values) : values_(&values) {}
    TrainingRows(const RowMatrix<std::uint8_t>& bytes) : bytes_(&bytes) {}

    Eigen::Index rows() const { return values_ ? values_->rows() : bytes_->rows(); }
    Eigen::Index cols() const { return values_ ? values_->cols() : bytes_->cols(); }
    // out.row(i) = row order[i], for i < out.rows().
    void gather(const Eigen::Index* order, Eigen::Ref<RowMatrix<S>> out) const;

private:
    const RowMatrix<S>* values_ = nullptr;
    const RowMatrix<std::uint8_t>* bytes_ = nullptr;
};

template <class S>
using EpochCallback = std::function<void(const EpochStats&, const Model<S>&)>;

// Trains model in place on the rows of train_x; test_x may be null. Throws NumericError
// naming the epoch and batch if a loss or the gradient becomes NaN or infinite, UsageError
// for a bad config, InputError if the CSV log cannot be written.
template <class S>
std::vector<EpochStats> train(Model<S>& model, const TrainingRows<typename NoDeduce<S>::type>& train_x,
                              const RowMatrix<typename NoDeduce<S>::type>* test_x, const TrainConfig& config,
                              const EpochCallback<typename NoDeduce<S>::type>& on_epoch = {});

// The CSV log's header line and one row (used by train; handy for tests and tools).
std::string epoch_csv_header();
std::string epoch_csv_row(const EpochStats& s);

}  // namespace vae::nn
