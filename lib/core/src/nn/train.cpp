#include "vae/nn/train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "epoch_output.hpp"
#include "vae/data/idx.hpp"
#include "vae/error.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/gradient.hpp"

namespace vae::nn {

namespace {

void check_config(const TrainConfig& c, Eigen::Index rows, Eigen::Index cols, int input_dim,
                  const char* which) {
    if (c.epochs < 1) throw UsageError("training needs at least 1 epoch");
    if (c.batch_size < 1) throw UsageError("the batch size must be at least 1");
    if (c.eval_batch_size < 1) throw UsageError("the evaluation batch size must be at least 1");
    if (c.parts < 0) throw UsageError("the number of parts must be >= 0 (0: automatic)");
    if (!(c.clip_norm >= 0) || !std::isfinite(c.clip_norm))
        throw UsageError("the gradient clipping norm must be finite and >= 0");
    if (!(c.adam.lr > 0)) throw UsageError("the learning rate must be > 0");
    if (rows < 1) throw UsageError(std::string("the ") + which + " set has no samples");
    if (cols != input_dim)
        throw UsageError(std::string("the ") + which + " set has " + std::to_string(cols) +
                         " features, the model expects " + std::to_string(input_dim));
}

[[noreturn]] void diverged(const std::string& what, int epoch, int batch, int batches) {
    throw NumericError("training stopped: " + what + " at epoch " + std::to_string(epoch) + ", batch " +
                       std::to_string(batch) + " of " + std::to_string(batches) +
                       " (try a smaller learning rate or gradient clipping)");
}

}  // namespace

template <class S>
void TrainingRows<S>::gather(const Eigen::Index* order, Eigen::Ref<RowMatrix<S>> out) const {
    if (values_) {
        for (Eigen::Index i = 0; i < out.rows(); ++i) out.row(i) = values_->row(order[i]);
        return;
    }
    const Eigen::Index cols = bytes_->cols();
    for (Eigen::Index i = 0; i < out.rows(); ++i) {
        const std::uint8_t* from = bytes_->data() + order[i] * cols;
        S* to = out.row(i).data();
        // byte_intensity is inline, so this loop still vectorises (a division rounds the same
        // in every vector lane, so the lanes give its bits).
        for (Eigen::Index j = 0; j < cols; ++j) to[j] = S(data::byte_intensity(from[j]));
    }
}

template <class S>
std::vector<EpochStats> train(Model<S>& model, const TrainingRows<typename NoDeduce<S>::type>& train_x,
                              const RowMatrix<typename NoDeduce<S>::type>* test_x, const TrainConfig& config,
                              const EpochCallback<typename NoDeduce<S>::type>& on_epoch) {
    check_config(config, train_x.rows(), train_x.cols(), model.input_dim(), "training");
    if (test_x) check_config(config, test_x->rows(), test_x->cols(), model.input_dim(), "test");

    const Eigen::Index n = train_x.rows();
    const int batch = static_cast<int>(std::min<Eigen::Index>(config.batch_size, n));
    const int batches = static_cast<int>((n + batch - 1) / batch);

    // Allocated here, or (the workspaces) during the first batch; never after it.
    Workspace<S> ws, eval_ws;
    ws.set_parts(config.parts);
    eval_ws.set_parts(config.parts);
    RowMatrix<S> xb(batch, train_x.cols());
    Adam<S> adam(model.num_params(), config.adam);
    Rng shuffle_rng(config.seed, Stream::Shuffle);
    Rng noise_rng(config.seed, Stream::Noise);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});

    detail::EpochTable table(config.out, config.progress, config.epochs, batches);
    detail::CsvLog csv(config.csv_path);
    table.header();

    std::vector<EpochStats> history;
    history.reserve(static_cast<std::size_t>(config.epochs));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int e = 0; e < config.epochs; ++e) {
        EpochStats s;
        s.epoch = e + 1;
        s.beta = config.beta.at(e);
        if (config.shuffle) shuffle_rng.shuffle(order);

        const auto start = std::chrono::steady_clock::now();
        double recon_sum = 0.0, kl_sum = 0.0, norm_sum = 0.0;
        for (int b = 0; b < batches; ++b) {
            const Eigen::Index first = Eigen::Index(b) * batch;
            const Eigen::Index rows = std::min<Eigen::Index>(batch, n - first);
            train_x.gather(order.data() + first, xb.topRows(rows));
            const auto x = xb.topRows(rows);

            const LossParts loss = model.forward(x, noise_rng, ws);
            if (!std::isfinite(loss.recon) || !std::isfinite(loss.kl))
                diverged(std::isfinite(loss.recon) ? "the KL term became NaN or infinite"
                                                   : "the reconstruction loss became NaN or infinite",
                         s.epoch, b + 1, batches);
            model.backward(x, s.beta, ws);
            double norm;
            if (config.clip_norm > 0.0) {
                // Clipping as PyTorch's clip_grad_norm_ needs the norm first; it is then
                // folded into the Adam pass.
                norm = gradient_norm(model.grads());
                if (!std::isfinite(norm))
                    diverged("the gradient became NaN or infinite", s.epoch, b + 1, batches);
                adam.step(model.params(), model.grads(), std::min(1.0, config.clip_norm / (norm + 1e-6)));
            } else {
                // One pass over the gradient for both. A NaN has reached the parameters by
                // the time it is seen, but training stops there.
                norm = adam.step_and_norm(model.params(), model.grads());
                if (!std::isfinite(norm))
                    diverged("the gradient became NaN or infinite", s.epoch, b + 1, batches);
            }

            recon_sum += loss.recon * rows;
            kl_sum += loss.kl * rows;
            norm_sum += norm;
            table.progress(s.epoch, b + 1);
        }
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        s.recon = recon_sum / n;
        s.kl = kl_sum / n;
        s.total = s.recon + s.beta * s.kl;
        s.grad_norm = norm_sum / batches;

        s.test_total = s.test_recon = s.test_kl = nan;
        if (test_x) {
            const LossParts t = evaluate(model, *test_x, config.seed, config.eval_batch_size, eval_ws);
            s.has_test = true;
            s.test_recon = t.recon;
            s.test_kl = t.kl;
            s.test_total = t.total(s.beta);
        }
        history.push_back(s);
        table.row(s);
        csv.append(s);
        if (on_epoch) on_epoch(s, model);
    }
    return history;
}

template class TrainingRows<float>;
template class TrainingRows<double>;
template std::vector<EpochStats> train<float>(Model<float>&, const TrainingRows<float>&,
                                              const RowMatrix<float>*, const TrainConfig&,
                                              const EpochCallback<float>&);
template std::vector<EpochStats> train<double>(Model<double>&, const TrainingRows<double>&,
                                               const RowMatrix<double>*, const TrainConfig&,
                                               const EpochCallback<double>&);

}  // namespace vae::nn
