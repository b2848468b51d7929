#pragma once
// The buffers one forward and backward pass need, kept between batches so that the batch
// loop allocates nothing. A workspace grows to the largest batch it has seen and then stays;
// each buffer holds `capacity` rows and a batch of B rows uses the first B (row-major, so
// those are contiguous).
//
// Large matrix products are split by output columns into parts (one per kernel tile) that
// threads take as they become free: each part packs only its share of the weights and writes
// its own columns, so nothing needs adding up afterwards, and how the columns are split
// changes no bit. The loss is summed in a fixed number of parts, added in part order, so
// results are bit-for-bit reproducible for a given number of parts.
#include <cstddef>
#include <vector>

#include "vae/nn/types.hpp"

namespace vae::nn {

template <class S>
class Model;

template <class S>
class Workspace {
public:
    Workspace() = default;

    // Parts the loss is summed in: 0 (the default) means kDefaultParts. They share the threads
    // there are, so the numbers are the same on machines with any number of cores. With 1,
    // nothing is split between threads; with more, each large product is split into one part
    // per kernel tile whatever this number is (which changes no bit).
    static constexpr int kDefaultParts = 4;
    void set_parts(int parts) { requested_parts_ = parts < 0 ? 0 : parts; }
    // The parts of the current batch.
    int parts() const { return parts_; }

    // Rows of the batch last passed forward.
    int rows() const { return rows_; }
    int capacity() const { return capacity_; }

    // Output of layer l for the last batch (after its activation; the head's output is
    // [mu | log sigma^2], the last layer's output is the logits).
    ConstMatrixMap<S> output(int layer) const;
    // The latent code the decoder read: mu + sigma * eps (VAE) or mu (autoencoder).
    ConstMatrixMap<S> z() const;
    ConstMatrixMap<S> eps() const;  // the eps of the last forward pass (VAE only)
    ConstStridedMap<S> mu() const;
    ConstStridedMap<S> logvar() const;  // VAE only
    ConstMatrixMap<S> logits() const;
    // d(reconstruction loss of each sample) / d(logits): sigmoid(l) - x (Bernoulli) or
    // 2 (l - x) (Gaussian). Not yet divided by the batch size.
    ConstMatrixMap<S> recon_gradient() const;

private:
    friend class Model<S>;

    // Makes room for `rows` rows of this model's layers and plans the parts; allocates only
    // when growing.
    void prepare(const Model<S>& model, int rows);

    std::vector<Vector<S>> outputs_;  // one per layer, capacity x width
    std::vector<int> widths_;
    Vector<S> z_;                          // capacity x latent
    Vector<S> eps_;                        // capacity x latent
    Vector<S> recon_grad_;                 // capacity x input_dim
    Vector<S> delta_a_, delta_b_;          // ping-pong buffers for the backward pass
    std::vector<Vector<S>> gemm_scratch_;  // packing space, one per thread
    Vector<S> packed_batch_[2];            // a product's batch side, packed once for all parts
    std::vector<double> part_sums_;        // per-part loss sums
    int widest_ = 0;
    int latent_ = 0;
    int head_ = 0;
    int capacity_ = 0;
    int rows_ = 0;
    int parts_ = 1;
    int requested_parts_ = 0;
    bool variational_ = true;
    bool forward_done_ = false;
};

}  // namespace vae::nn
