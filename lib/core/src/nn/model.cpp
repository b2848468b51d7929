#include "vae/nn/model.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

#include "gemm.hpp"
#include "parallel.hpp"
#include "vae/nn/replica.hpp"

namespace vae::nn {

template <class S>
Model<S>::Model(const ModelSpec& spec, std::uint64_t seed) : spec_(spec) {
    spec_.validate();
    std::size_t offset = 0;
    auto add = [&](int in, int out, Activation a, std::string name) {
        DenseShape shape{in, out, a, offset, std::move(name)};
        offset += shape.size();
        layers_.push_back(shape);
    };
    int prev = spec_.input_dim;
    for (std::size_t i = 0; i < spec_.encoder_hidden.size(); ++i) {
        add(prev, spec_.encoder_hidden[i], spec_.encoder_activation, "encoder." + std::to_string(i));
        prev = spec_.encoder_hidden[i];
    }
    head_ = num_layers();
    add(prev, spec_.head_width(), Activation::Identity, "head");
    prev = spec_.latent_dim;
    for (std::size_t i = 0; i < spec_.decoder_hidden.size(); ++i) {
        add(prev, spec_.decoder_hidden[i], spec_.decoder_activation, "decoder." + std::to_string(i));
        prev = spec_.decoder_hidden[i];
    }
    add(prev, spec_.input_dim, Activation::Identity, "output");

    params_ = Vector<S>::Zero(static_cast<Eigen::Index>(offset));
    grads_ = Vector<S>::Zero(static_cast<Eigen::Index>(offset));

    Rng rng(seed, Stream::Weights);
    for (int l = 0; l < num_layers(); ++l) {
        const DenseShape& shape = layers_[l];
        MatrixMap<S> W = layer(l).W;
        if (shape.activation == Activation::ReLU) {
            // He: keeps the variance of ReLU outputs from shrinking layer after layer.
            const double sd = std::sqrt(2.0 / shape.in);
            for (Eigen::Index i = 0; i < W.rows(); ++i)
                for (Eigen::Index j = 0; j < W.cols(); ++j) W(i, j) = S(sd * rng.normal());
        } else {
            // Glorot: balances the variance of activations forward and gradients backward.
            const double a = std::sqrt(6.0 / (shape.in + shape.out));
            for (Eigen::Index i = 0; i < W.rows(); ++i)
                for (Eigen::Index j = 0; j < W.cols(); ++j) W(i, j) = S(a * (2.0 * rng.uniform() - 1.0));
        }
    }
    nudge_for_replica(params());
}

template <class S>
DenseRef<S> Model<S>::layer(int l) {
    const DenseShape& s = layers_.at(l);
    S* p = params_.data() + s.offset;
    return {MatrixMap<S>(p, s.in, s.out), RowVectorMap<S>(p + s.in * s.out, s.out)};
}

template <class S>
ConstDenseRef<S> Model<S>::layer(int l) const {
    const DenseShape& s = layers_.at(l);
    const S* p = params_.data() + s.offset;
    return {ConstMatrixMap<S>(p, s.in, s.out), ConstRowVectorMap<S>(p + s.in * s.out, s.out)};
}

template <class S>
DenseRef<S> Model<S>::gradient(int l) {
    const DenseShape& s = layers_.at(l);
    S* p = grads_.data() + s.offset;
    return {MatrixMap<S>(p, s.in, s.out), RowVectorMap<S>(p + s.in * s.out, s.out)};
}

template <class S>
ConstDenseRef<S> Model<S>::gradient(int l) const {
    const DenseShape& s = layers_.at(l);
    const S* p = grads_.data() + s.offset;
    return {ConstMatrixMap<S>(p, s.in, s.out), ConstRowVectorMap<S>(p + s.in * s.out, s.out)};
}

template <class S>
void Model<S>::check_batch(const BatchRef<S>& x, const char* what) const {
    if (x.rows() < 1) throw std::invalid_argument(std::string(what) + ": the batch has no rows");
    if (x.cols() != spec_.input_dim)
        throw std::invalid_argument(std::string(what) + ": the batch has " + std::to_string(x.cols()) +
                                    " columns, the model expects " + std::to_string(spec_.input_dim));
}

namespace {

// Below this many multiply-adds a product (or loss) stays in one part: splitting it would
// cost more in waking threads than it saves.
constexpr double kMinParallelWork = 1 << 19;

// Columns [begin, end) of part p of P, cut at multiples of the GEMM kernel's tile (see
// gemm.hpp). A part may be empty when n is small.
template <class S>
void column_range(int n, int p, int P, int& begin, int& end) {
    constexpr int tile = detail::kernel_tile<S>();
    const int units = (n + tile - 1) / tile;
    begin = std::min(n, tile * (units * p / P));
    end = std::min(n, tile * (units * (p + 1) / P));
}

// The batch sides of one product, or of the two products of a layer's backward pass, that
// every part reads: packed in jobs at the start of the parts' region, and shared by them.
template <class S>
struct SharedPacking {
    detail::PackedBatch<S> sides[2];
    int count = 0;

    const detail::PackedBatch<S>& add(const detail::Operand<S>& a, Eigen::Index rows, Eigen::Index depth,
                                      Vector<S>& storage) {
        sides[count] = detail::packed_batch_in(storage, a, rows, depth);
        return sides[count++];
    }
    int jobs() const {
        Eigen::Index n = 0;
        for (int i = 0; i < count; ++i) n += detail::pack_jobs(sides[i]);
        return int(n);
    }
    void run(int job) const {
        Eigen::Index j = job;
        for (int i = 0; i < count; ++i) {
            const Eigen::Index here = detail::pack_jobs(sides[i]);
            if (j < here) return detail::pack_batch_side(sides[i], j);
            j -= here;
        }
    }
};

// Parts a product's output columns are split into when it is split: one per kernel tile (at
// most kMaxColumnParts), so that threads taking the next part as they become free finish
// together. (Four parts of uneven tile counts left one of two threads idle for up to 40% of
// a 256-column layer.) With the batch side packed once, small parts cost little.
constexpr int kMaxColumnParts = 16;

template <class S>
int column_parts(int columns) {
    constexpr int tile = detail::kernel_tile<S>();
    return std::max(1, std::min(kMaxColumnParts, (columns + tile - 1) / tile));
}

}  // namespace

template <class S>
bool Model<S>::splits(const Workspace<S>& ws, double work) const {
    return work >= kMinParallelWork && ws.parts_ > 1;
}

template <class S>
template <class Fn>
void Model<S>::for_each_part(Workspace<S>& ws, double work, const Fn& fn) const {
    for_each_part(
        ws, work, ws.parts_, 0, [](int) {}, fn);
}

template <class S>
template <class Prologue, class Fn>
void Model<S>::for_each_part(Workspace<S>& ws, double work, int parts_if_split, int jobs,
                             const Prologue& prologue, const Fn& fn) const {
    const int parts = splits(ws, work) ? parts_if_split : 1;
    if (parts == 1) {
        for (int j = 0; j < jobs; ++j) prologue(j);
        return fn(0, 1, 0);
    }
    // Threads take the next job, then the next part, as they become free, so one that the
    // system holds back does not hold up the others. Which thread computes a part never
    // changes its numbers. The parts start once every job is done; a thread only waits for
    // jobs that others have taken and are running.
    std::atomic<int> next_job{0}, jobs_done{0}, next{0};
    // No more threads than ws has packing space for (it was prepared by forward(), maybe
    // inside another parallel run, with fewer threads).
    const int threads = std::min({parts, detail::available_threads(), int(ws.gemm_scratch_.size())});
    detail::run_parallel(threads, [&](int thread, int) {
        for (int j = next_job.fetch_add(1); j < jobs; j = next_job.fetch_add(1)) {
            prologue(j);
            jobs_done.fetch_add(1, std::memory_order_release);
        }
        while (jobs_done.load(std::memory_order_acquire) < jobs) detail::cpu_pause();
        for (int p = next.fetch_add(1); p < parts; p = next.fetch_add(1)) fn(p, parts, thread);
    });
}

// ---- dense layers ------------------------------------------------------------------------

template <class S>
void Model<S>::dense_forward(int l, const S* in, Eigen::Index in_stride, S* out, Workspace<S>& ws) const {
    const DenseShape& s = layers_[l];
    const int rows = ws.rows_;
    const ConstDenseRef<S> p = layer(l);
    const detail::Operand<S> x{in, in_stride, false};
    const double work = double(rows) * s.in * s.out;
    // Split into parts, the product packs X once for all of them (gemm.hpp).
    const bool shared = splits(ws, work);
    SharedPacking<S> packing;
    detail::PackedBatch<S> packed_x;
    if (shared) packed_x = packing.add(x, rows, s.in, ws.packed_batch_[0]);
    const auto pack = [&](int job) { packing.run(job); };
    for_each_part(
        ws, work, column_parts<S>(s.out), packing.jobs(), pack, [&](int part, int parts, int thread) {
            int c0, c1;
            column_range<S>(s.out, part, parts, c0, c1);
            if (c0 == c1) return;
            StridedMap<S> Y(out + c0, rows, c1 - c0, Eigen::OuterStride<>(s.out));
            Y.setZero();
            // Y = X W[:, c0:c1], then bias and activation fused in one pass.
            const detail::Operand<S> w{p.W.data() + c0, s.out, false};
            Vector<S>& scratch = ws.gemm_scratch_[thread];
            if (shared)
                detail::gemm_columns<S>(c1 - c0, packed_x, w, out + c0, s.out, S(1), scratch);
            else
                detail::gemm_accumulate<S>(rows, c1 - c0, s.in, x, w, out + c0, s.out, S(1), scratch);
            add_bias_and_activate<S>(Y, ConstRowVectorMap<S>(p.b.data() + c0, c1 - c0), s.activation);
        });
}

template <class S>
void Model<S>::dense_backward(int l, const S* in, Eigen::Index in_stride, const S* delta, S scale, S* grad,
                              S* delta_in, const S* a_in, Workspace<S>& ws) const {
    const DenseShape& s = layers_[l];
    const int rows = ws.rows_;
    const S* W = layer(l).W.data();
    S* dW = grad + s.offset;
    S* db = dW + std::size_t(s.in) * s.out;
    const double work = double(rows) * s.in * s.out * (delta_in ? 2 : 1);
    const detail::Operand<S> x_t{in, in_stride, true}, dy{delta, s.out, false};
    // Split into parts, the two products pack X^T and dY once for all of them (gemm.hpp).
    const bool shared = splits(ws, work);
    SharedPacking<S> packing;
    detail::PackedBatch<S> packed_x_t, packed_dy;
    if (shared) {
        packed_x_t = packing.add(x_t, s.in, rows, ws.packed_batch_[0]);
        if (delta_in) packed_dy = packing.add(dy, rows, s.out, ws.packed_batch_[1]);
    }
    const auto pack = [&](int job) { packing.run(job); };
    const int split = std::max(column_parts<S>(s.out), delta_in ? column_parts<S>(s.in) : 1);
    for_each_part(ws, work, split, packing.jobs(), pack, [&](int part, int parts, int thread) {
        Vector<S>& scratch = ws.gemm_scratch_[thread];
        int c0, c1;
        column_range<S>(s.out, part, parts, c0, c1);
        if (c0 < c1) {
            // dL/dW[:, c0:c1] = X^T dL/dY[:, c0:c1]
            StridedMap<S>(dW + c0, s.in, c1 - c0, Eigen::OuterStride<>(s.out)).setZero();
            const detail::Operand<S> dy_part{delta + c0, s.out, false};
            if (shared)
                detail::gemm_columns<S>(c1 - c0, packed_x_t, dy_part, dW + c0, s.out, scale, scratch);
            else
                detail::gemm_accumulate<S>(s.in, c1 - c0, rows, x_t, dy_part, dW + c0, s.out, scale, scratch);
            // dL/db = sum over rows of dL/dY
            RowVectorMap<S> bias(db + c0, c1 - c0);
            bias = ConstRowVectorMap<S>(delta + c0, c1 - c0);
            for (int i = 1; i < rows; ++i)
                bias += ConstRowVectorMap<S>(delta + std::size_t(i) * s.out + c0, c1 - c0);
            bias *= scale;
        }
        if (!delta_in) return;
        column_range<S>(s.in, part, parts, c0, c1);
        if (c0 == c1) return;
        // dL/dX[:, c0:c1] = dL/dY W[c0:c1, :]^T
        StridedMap<S> DI(delta_in + c0, rows, c1 - c0, Eigen::OuterStride<>(s.in));
        DI.setZero();
        const detail::Operand<S> w_t{W + std::size_t(c0) * s.out, s.out, true};
        if (shared)
            detail::gemm_columns<S>(c1 - c0, packed_dy, w_t, delta_in + c0, s.in, scale, scratch);
        else
            detail::gemm_accumulate<S>(rows, c1 - c0, s.out, dy, w_t, delta_in + c0, s.in, scale, scratch);
        if (a_in)
            multiply_by_derivative<S>(
                DI, ConstStridedMap<S>(a_in + c0, rows, c1 - c0, Eigen::OuterStride<>(s.in)),
                layers_[l - 1].activation);
    });
}

// ---- forward -----------------------------------------------------------------------------

template <class S>
void Model<S>::run_encoder(const S* x, Eigen::Index x_stride, Workspace<S>& ws) const {
    const S* in = x;
    Eigen::Index stride = x_stride;
    for (int l = 0; l <= head_; ++l) {
        dense_forward(l, in, stride, ws.outputs_[l].data(), ws);
        in = ws.outputs_[l].data();
        stride = layers_[l].out;
    }
}

template <class S>
void Model<S>::run_decoder(const S* z, Eigen::Index z_stride, Workspace<S>& ws) const {
    const S* in = z;
    Eigen::Index stride = z_stride;
    for (int l = head_ + 1; l < num_layers(); ++l) {
        dense_forward(l, in, stride, ws.outputs_[l].data(), ws);
        in = ws.outputs_[l].data();
        stride = layers_[l].out;
    }
}

template <class S>
double Model<S>::reparameterize(Workspace<S>& ws) const {
    const int L = spec_.latent_dim;
    const int width = layers_[head_].out;
    double kl = 0.0;
    for (int i = 0; i < ws.rows_; ++i) {
        const S* mu = ws.outputs_[head_].data() + std::size_t(i) * width;
        S* z = ws.z_.data() + std::size_t(i) * L;
        if (!variational()) {
            for (int k = 0; k < L; ++k) z[k] = mu[k];  // autoencoder: z = mu
            continue;
        }
        const S* lv = mu + L;
        const S* eps = ws.eps_.data() + std::size_t(i) * L;
        double row_kl = 0.0;
        for (int k = 0; k < L; ++k) {
            const S sigma = std::exp(S(0.5) * lv[k]);
            z[k] = mu[k] + sigma * eps[k];  // z = mu + sigma * eps
            // KL(N(mu, sigma^2) || N(0, 1)) = 0.5 (sigma^2 + mu^2 - log sigma^2 - 1)
            row_kl += double(sigma * sigma) + double(mu[k]) * mu[k] - double(lv[k]) - 1.0;
        }
        kl += 0.5 * row_kl;
    }
    return kl;
}

template <class S>
double Model<S>::reconstruction_loss(const BatchRef<S>& x, Workspace<S>& ws) const {
    const int D = spec_.input_dim;
    const int rows = ws.rows_;
    ConstMatrixMap<S> logits(ws.outputs_.back().data(), rows, D);
    MatrixMap<S> grad(ws.recon_grad_.data(), rows, D);
    // About 16 multiply-adds' worth of work per element (exp, log1p, sigmoid).
    const double work = 16.0 * rows * D;
    const int parts = splits(ws, work) ? ws.parts_ : 1;
    for_each_part(ws, work, [&](int part, int, int) {
        int begin, end;
        detail::split_range(rows, part, parts, begin, end);
        double total = 0.0;
        for (Eigen::Index i = begin; i < end; ++i) {
            const auto l = logits.row(i).array();
            const auto xi = x.row(i).array();
            auto g = grad.row(i).array();
            if (spec_.likelihood == Likelihood::Bernoulli) {
                // BCE from logits, stable for any l: max(l, 0) - l x + log1p(exp(-|l|)).
                g = (-l.abs()).exp();  // exp(-|l|), kept in g for the next line
                total += double((l.max(S(0)) - l * xi + g.log1p()).sum());
                g = l.logistic() - xi;  // d/dl = sigmoid(l) - x
            } else {
                g = l - xi;
                total += double(g.square().sum());  // (l - x)^2
                g *= S(2);                          // d/dl = 2 (l - x)
            }
        }
        ws.part_sums_[part] = total;
    });
    double total = 0.0;
    for (int p = 0; p < parts; ++p) total += ws.part_sums_[p];  // in part order: reproducible
    return total;
}

template <class S>
LossParts Model<S>::forward_prepared(const BatchRef<S>& x, Workspace<S>& ws) const {
    run_encoder(x.data(), x.outerStride(), ws);
    const double kl = reparameterize(ws);
    run_decoder(ws.z_.data(), spec_.latent_dim, ws);
    const double recon = reconstruction_loss(x, ws);
    ws.forward_done_ = true;
    return {recon / ws.rows_, kl / ws.rows_};
}

template <class S>
LossParts Model<S>::forward(const BatchRef<S>& x, const BatchRef<S>& eps, Workspace<S>& ws) const {
    check_batch(x, "Model::forward");
    const int rows = static_cast<int>(x.rows());
    if (variational() && (eps.rows() != rows || eps.cols() != spec_.latent_dim))
        throw std::invalid_argument("Model::forward: eps must be " + std::to_string(rows) + " x " +
                                    std::to_string(spec_.latent_dim));
    ws.prepare(*this, rows);
    if (variational()) MatrixMap<S>(ws.eps_.data(), rows, spec_.latent_dim) = eps;
    return forward_prepared(x, ws);
}

template <class S>
LossParts Model<S>::forward(const BatchRef<S>& x, Rng& rng, Workspace<S>& ws) const {
    check_batch(x, "Model::forward");
    const int rows = static_cast<int>(x.rows());
    ws.prepare(*this, rows);
    if (variational()) {
        S* eps = ws.eps_.data();  // row by row
        for (Eigen::Index k = 0; k < Eigen::Index(rows) * spec_.latent_dim; ++k) eps[k] = S(rng.normal());
    }
    return forward_prepared(x, ws);
}

template <class S>
void Model<S>::encode(const BatchRef<S>& x, Workspace<S>& ws) const {
    check_batch(x, "Model::encode");
    ws.prepare(*this, static_cast<int>(x.rows()));
    run_encoder(x.data(), x.outerStride(), ws);
}

template <class S>
void Model<S>::decode(const BatchRef<S>& z, Workspace<S>& ws) const {
    if (z.rows() < 1 || z.cols() != spec_.latent_dim)
        throw std::invalid_argument("Model::decode: z must have rows and " +
                                    std::to_string(spec_.latent_dim) + " columns");
    ws.prepare(*this, static_cast<int>(z.rows()));
    run_decoder(z.data(), z.outerStride(), ws);
}

// ---- backward ----------------------------------------------------------------------------

template <class S>
void Model<S>::backward(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws) {
    check_batch(x, "Model::backward");
    if (!ws.forward_done_ || x.rows() != ws.rows_)
        throw std::invalid_argument("Model::backward: call forward() with this batch and workspace first");
    backward_impl(x, weights, ws, ws.rows_, grads_.data());
}

template <class S>
void Model<S>::backward_part(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws,
                             int batch_rows, VectorRef<S> grad) const {
    check_batch(x, "Model::backward_part");
    if (!ws.forward_done_ || x.rows() != ws.rows_)
        throw std::invalid_argument(
            "Model::backward_part: call forward() with this slice and workspace first");
    if (batch_rows < x.rows() || grad.size() != params_.size())
        throw std::invalid_argument(
            "Model::backward_part: batch_rows must cover the slice and grad hold num_params() values");
    backward_impl(x, weights, ws, batch_rows, grad.data());
}

template <class S>
void Model<S>::backward_impl(const BatchRef<S>& x, const LossWeights& weights, Workspace<S>& ws,
                             double batch_rows, S* grad) const {
    const int rows = ws.rows_;
    const int L = spec_.latent_dim;
    // The loss averages over the batch, so each sample's term carries 1/B.
    const S recon_scale = S(weights.recon / batch_rows);
    const S kl_scale = S(weights.kl / batch_rows);
    S* buffers[2] = {ws.delta_a_.data(), ws.delta_b_.data()};
    int next = 0;

    // Decoder, output layer first. Only the output layer needs the recon scale; after it the
    // deltas carry it.
    const S* delta = ws.recon_grad_.data();
    S scale = recon_scale;
    for (int l = num_layers() - 1; l > head_; --l) {
        const bool reads_z = l == head_ + 1;
        const S* in = reads_z ? ws.z_.data() : ws.outputs_[l - 1].data();
        S* delta_in = buffers[next];
        next ^= 1;
        dense_backward(l, in, layers_[l].in, delta, scale, grad, delta_in, reads_z ? nullptr : in, ws);
        delta = delta_in;
        scale = S(1);
    }

    // delta is now dL/dz. Through the reparameterization to the head [mu | log sigma^2]:
    //   dL/dmu = dL/dz + kl_w mu
    //   dL/dlv = dL/dz * eps * sigma / 2 + kl_w (sigma^2 - 1) / 2
    if (variational()) {
        const int width = layers_[head_].out;
        S* dhead = buffers[next];
        next ^= 1;
        for (int i = 0; i < rows; ++i) {
            const S* mu = ws.outputs_[head_].data() + std::size_t(i) * width;
            const S* lv = mu + L;
            const S* eps = ws.eps_.data() + std::size_t(i) * L;
            S* dmu = dhead + std::size_t(i) * width;
            S* dlv = dmu + L;
            for (int k = 0; k < L; ++k) {
                const S sigma = std::exp(S(0.5) * lv[k]);
                const S dz = delta[i * L + k];
                dmu[k] = dz + kl_scale * mu[k];
                dlv[k] = S(0.5) * dz * eps[k] * sigma + S(0.5) * kl_scale * (sigma * sigma - S(1));
            }
        }
        delta = dhead;
    }

    // Encoder, head first. The first layer's input gradient (dL/dx) is never needed.
    for (int l = head_; l >= 0; --l) {
        const S* in = l == 0 ? x.data() : ws.outputs_[l - 1].data();
        const Eigen::Index stride = l == 0 ? x.outerStride() : layers_[l].in;
        S* delta_in = l > 0 ? buffers[next] : nullptr;
        next ^= 1;
        dense_backward(l, in, stride, delta, S(1), grad, delta_in, l > 0 ? in : nullptr, ws);
        delta = delta_in;
    }
}

template class Model<float>;
template class Model<double>;

}  // namespace vae::nn
