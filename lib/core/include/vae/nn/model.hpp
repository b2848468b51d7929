#pragma once
// A fully connected VAE (or deterministic autoencoder) with a hand-written backward pass.
//
// Layers, in order (each is dense: out = f(in W + b), W of size in x out, b of size 1 x out):
//   encoder hidden layers   input -> ... (encoder activation)
//   head                    -> [mu | log sigma^2] (identity; mu only in autoencoder mode)
//   reparameterization      z = mu + exp(0.5 log sigma^2) * eps   (autoencoder: z = mu)
//   decoder hidden layers   z -> ... (decoder activation)
//   output layer            -> logits (identity)
//
// Loss convention ("nats per sample"): for a batch of B samples
//   recon = (1/B) sum_i sum_j r(x_ij, l_ij)      r = Bernoulli BCE-from-logits or (x - l)^2
//   KL    = (1/B) sum_i 0.5 sum_k (exp(lv_ik) + mu_ik^2 - lv_ik - 1)
//   loss  = recon + beta * KL
// i.e. per-sample SUMS over features and latent dimensions, AVERAGED over the batch. This is
// what a PyTorch VAE reports with reduction='sum' divided by the batch size.
//
// All parameters live in one contiguous buffer (and all gradients in another, same layout);
// layer(l) and gradient(l) are views into them. That makes Adam, gradient clipping and the
// gradient norm single loops over one array.
//
// The scalar type S is float for training and double for gradient checks; both run this
// same code. Large matrix products are split between threads inside forward() and
// backward() (see Workspace), so a hand-written epoch loop gets the same speed as train().
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vae/nn/spec.hpp"
#include "vae/nn/types.hpp"
#include "vae/nn/workspace.hpp"
#include "vae/rng.hpp"

namespace vae::nn {

// The two parts of the loss, each averaged over the batch (nats per sample).
struct LossParts {
    double recon = 0.0;
    double kl = 0.0;  // 0 in autoencoder mode
    double total(double beta) const { return recon + beta * kl; }
};

// What backward() differentiates: recon_weight * recon + kl_weight * KL. Training uses
// {1, beta}; {1, 0} and {0, 1} give the two terms alone.
struct LossWeights {
    double recon = 1.0;
    double kl = 1.0;
};

// Where one layer's W and b sit in the flat buffers.
struct DenseShape {
    int in = 0;
    int out = 0;
    Activation activation = Activation::Identity;
    std::size_t offset = 0;  // W at [offset, offset + in*out), b right after it
    std::string name;        // "encoder.0", "head", "decoder.1", "output"
    std::size_t size() const { return static_cast<std::size_t>(in) * out + out; }
};

template <class S>
struct DenseRef {
    MatrixMap<S> W;
    RowVectorMap<S> b;
};
template <class S>
struct ConstDenseRef {
    ConstMatrixMap<S> W;
    ConstRowVectorMap<S> b;
};

template <class S>
class Model {
public:
    using Scalar = S;

    // Builds the layers and draws the initial weights from Rng(seed, Stream::Weights):
    // He normal, std sqrt(2 / fan_in), for layers followed by ReLU; Glorot uniform,
    // U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), for all others. Biases start at 0.
    Model(const ModelSpec& spec, std::uint64_t seed);

    const ModelSpec& spec() const { return spec_; }
    int input_dim() const { return spec_.input_dim; }
    int latent_dim() const { return spec_.latent_dim; }
    bool variational() const { return spec_.mode == Mode::Variational; }

    // ---- parameters -------------------------------------------------------------------
    std::size_t num_params() const { return static_cast<std::size_t>(params_.size()); }
    VectorMap<S> params() { return VectorMap<S>(params_.data(), params_.size()); }
    ConstVectorMap<S> params() const { return ConstVectorMap<S>(params_.data(), params_.size()); }
    // Gradients of the last backward() (same layout as params()).
    VectorMap<S> grads() { return VectorMap<S>(grads_.data(), grads_.size()); }
    ConstVectorMap<S> grads() const { return ConstVectorMap<S>(grads_.data(), grads_.size()); }

    int num_layers() const { return static_cast<int>(layers_.size()); }
    const std::vector<DenseShape>& layers() const { return layers_; }
    // Index of the head layer: encoder layers are [0, head), decoder layers (head, last].
    int head_layer() const { return head_; }
    DenseRef<S> layer(int l);
    ConstDenseRef<S> layer(int l) const;
    DenseRef<S> gradient(int l);
    ConstDenseRef<S> gradient(int l) const;

    // ---- the passes -------------------------------------------------------------------
    // Forward pass with the given eps (rows x latent; ignored in autoencoder mode). Caches
    // every layer's output in ws and returns the loss parts, averaged over the batch.
    LossParts forward(const BatchRef<S>& x, const BatchRef<S>& eps, Workspace<S>& ws) const;
    // The same, drawing eps ~ N(0, I) from rng (row by row; nothing drawn for an AE).
    LossParts forward(const BatchRef<S>& x, Rng& rng, Workspace<S>& ws) const;

    // Gradients of weights.recon * recon + weights.kl * KL for the batch last passed to
    // forward() with this ws; x must be that batch. Overwrites grads().
    void backward(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws);
    void backward(const BatchRef<S>& x, double beta, Workspace<S>& ws) {
        backward(x, LossWeights{1.0, beta}, ws);
    }

    // For loops that split a batch themselves: the gradient of one slice x of a batch of
    // batch_rows rows, i.e. with each sample's loss divided by batch_rows instead of
    // x.rows(), written to grad (num_params() values, params() layout) instead of grads().
    // Summing the slices' buffers gives the whole batch's gradient. const: it reads only
    // the parameters.
    void backward_part(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws, int batch_rows,
                       VectorRef<S> grad) const;

    // Encoder only: fills ws's encoder outputs and the head (mu, log sigma^2).
    void encode(const BatchRef<S>& x, Workspace<S>& ws) const;
    // Decoder only, from latent points z (rows x latent): fills ws.logits().
    void decode(const BatchRef<S>& z, Workspace<S>& ws) const;

private:
    LossParts forward_prepared(const BatchRef<S>& x, Workspace<S>& ws) const;
    // Calls fn(part, parts, thread) for each of ws's parts, spread over threads (thread: which
    // of them runs it, for per-thread scratch); a single part when work (multiply-adds) is
    // too small to be worth splitting.
    template <class Fn>
    void for_each_part(Workspace<S>& ws, double work, const Fn& fn) const;
    // The same with parts_if_split parts, after prologue(job) for job = 0..jobs-1, split
    // between the same threads; the parts start once every job is done.
    template <class Prologue, class Fn>
    void for_each_part(Workspace<S>& ws, double work, int parts_if_split, int jobs, const Prologue& prologue,
                       const Fn& fn) const;
    // Whether a product (or loss) of this much work is split into ws's parts.
    bool splits(const Workspace<S>& ws, double work) const;

    void run_encoder(const S* x, Eigen::Index x_stride, Workspace<S>& ws) const;
    void run_decoder(const S* z, Eigen::Index z_stride, Workspace<S>& ws) const;
    // z = mu + exp(lv / 2) * eps from the head's output and eps; returns the batch's KL sum.
    double reparameterize(Workspace<S>& ws) const;
    // Fills the recon gradient; returns the batch's reconstruction-loss sum.
    double reconstruction_loss(const BatchRef<S>& x, Workspace<S>& ws) const;
    void backward_impl(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws, double batch_rows,
                       S* grad) const;

    // out = f(in W + b) for layer l, split by output columns.
    void dense_forward(int l, const S* in, Eigen::Index in_stride, S* out, Workspace<S>& ws) const;
    // Into the buffer grad: dW = scale * in^T delta and db = scale * colsum(delta); and, if
    // delta_in is given, delta_in = scale * delta W^T, times f'(a_in) if a_in (the output of
    // hidden layer l - 1) is given. Split by columns of dW and of delta_in.
    void dense_backward(int l, const S* in, Eigen::Index in_stride, const S* delta, S scale, S* grad,
                        S* delta_in, const S* a_in, Workspace<S>& ws) const;
    void check_batch(const BatchRef<S>& x, const char* what) const;

    ModelSpec spec_;
    std::vector<DenseShape> layers_;
    int head_ = 0;
    Vector<S> params_;
    Vector<S> grads_;
};

extern template class Model<float>;
extern template class Model<double>;

}  // namespace vae::nn
