// Exercise 6 — VAEs trained on Iris and Wine: scaling, vanilla vs beta-VAE, latent structure
// (reference solution).
//
// For each data set: split it 80/20 (stratified), fit a scaler on the training rows only,
// train a vanilla VAE (beta = 1) and two beta-VAEs (beta < 1, beta > 1) with our own epoch
// loop, and see how beta trades reconstruction against KL and shapes the latent space. Then
// the scaling lesson: the same VAE on standard-scaled data with binary cross-entropy.
// The exercise and its questions 6e and 6f: docs/exercise6.md.
#include <algorithm>
#include <cmath>
#include <ex06/report.hpp>
#include <numeric>
#include <vae/exercise.hpp>
#include <vae/nn/adam.hpp>
#include <vae/nn/model.hpp>
#include <vae/rng.hpp>
#include <vector>

namespace nn = vae::nn;
namespace tabular = vae::tabular;
using tabular::Losses;
using tabular::RowMatrix;
using tabular::Scaling;
using tabular::ScalingKind;

// 6a. Fit on the training rows only: the test rows must not leak into the model.
//   min-max:   offset_j = min_i x_ij,  scale_j = max_i x_ij - min_i x_ij
//   standard:  offset_j = mean_i x_ij, scale_j = sqrt(mean_i (x_ij - offset_j)^2)
// A constant column has nothing to scale: its scale is set to 1 instead of 0.
Scaling fit_scaler(const RowMatrix& train, ScalingKind kind) {
    Scaling s;
    s.kind = kind;
    if (kind == ScalingKind::MinMax) {
        s.offset = train.colwise().minCoeff();
        s.scale = train.colwise().maxCoeff() - s.offset;
    } else {
        s.offset = train.colwise().mean();
        const RowMatrix centred = train.rowwise() - s.offset;
        s.scale = (centred.colwise().squaredNorm() / double(train.rows())).cwiseSqrt();
    }
    s.scale = (s.scale.array() == 0.0).select(1.0, s.scale.array()).matrix();
    return s;
}

// y_ij = (x_ij - offset_j) / scale_j
RowMatrix scale(const Scaling& s, const RowMatrix& x) {
    return (x.rowwise() - s.offset).array().rowwise() / s.scale.array();
}

// 6b. The beta-weighted negative ELBO of a batch x (B rows) from one forward pass's outputs:
// the decoder's logits l, and the encoder's mu and log sigma^2. Per sample, summed over
// features j and latent dimensions k, then averaged over the batch:
//   recon = (1/B) sum_i sum_j  max(l, 0) - l x + log1p(exp(-|l|))      Bernoulli (BCE)
//         = (1/B) sum_i sum_j  (x - l)^2 / (2 sigma^2)                  Gaussian
//   KL    = (1/B) sum_i 0.5 sum_k (exp(lv) + mu^2 - lv - 1)
//   total = recon + beta * KL
Losses negative_elbo(const RowMatrix& x, const nn::Workspace<double>& ws, double beta,
                     const tabular::Decoder& decoder) {
    const double B = double(x.rows());
    const auto l = ws.logits().array();
    const auto mu = ws.mu().array();
    const auto lv = ws.logvar().array();
    Losses loss;
    if (decoder.likelihood == nn::Likelihood::Bernoulli)
        loss.recon = (l.max(0.0) - l * x.array() + (-l.abs()).exp().log1p()).sum() / B;
    else
        loss.recon = (x.array() - l).square().sum() / (2.0 * decoder.sigma * decoder.sigma) / B;
    loss.kl = 0.5 * (lv.exp() + mu.square() - lv - 1.0).sum() / B;
    loss.total = loss.recon + beta * loss.kl;
    return loss;
}

// 6c. The epoch loop. Each epoch: shuffle the row order, then for every minibatch run the
// forward pass (it draws eps ~ N(0, I)), compute the loss, backpropagate and take one Adam
// step. After the epoch, score the whole test split with a fixed eps so epochs compare.
tabular::History train_vae(nn::Model<double>& model, const RowMatrix& train, const RowMatrix& test,
                           double beta, const tabular::Settings& s) {
    nn::Adam<double> adam(model.num_params(), {s.learning_rate});
    nn::Workspace<double> ws;
    vae::Rng order_rng(s.seed, vae::Stream::Shuffle);
    vae::Rng noise(s.seed, vae::Stream::Noise);
    // What backward() differentiates: weight * lib's recon + beta * KL. lib scores a Gaussian
    // decoder by (x - l)^2, so our (x - l)^2 / (2 sigma^2) needs weight 1 / (2 sigma^2).
    const nn::LossWeights weights{s.decoder.recon_weight(), beta};

    const Eigen::Index n = train.rows();
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    RowMatrix batch;
    tabular::History history;
    for (int epoch = 0; epoch < s.epochs; ++epoch) {
        order_rng.shuffle(order);
        Losses sum;
        for (Eigen::Index first = 0; first < n; first += s.batch_size) {
            const Eigen::Index rows = std::min<Eigen::Index>(s.batch_size, n - first);
            batch.resize(rows, train.cols());
            for (Eigen::Index i = 0; i < rows; ++i) batch.row(i) = train.row(order[std::size_t(first + i)]);

            const nn::LossParts lib_loss = model.forward(batch, noise, ws);
            const Losses loss = negative_elbo(batch, ws, beta, s.decoder);
            tabular::check_elbo(loss, lib_loss, beta, s.decoder);  // stops at once if ours is wrong
            model.backward(batch, weights, ws);
            adam.step(model.params(), model.grads());

            history.add_batch(loss);
            sum.recon += loss.recon * double(rows);  // back to sums: the last batch may be smaller
            sum.kl += loss.kl * double(rows);
        }
        const Losses train_loss{sum.recon / double(n), sum.kl / double(n),
                                (sum.recon + beta * sum.kl) / double(n)};

        vae::Rng test_noise(s.seed, vae::Stream::Noise);  // the same eps after every epoch
        model.forward(test, test_noise, ws);
        history.add_epoch(train_loss, negative_elbo(test, ws, beta, s.decoder));
    }
    return history;
}

// s holds the flags (data sets, scaling, likelihood, network, schedule: --help lists them);
// options says where the data are and the plots go.
vae::Report run_exercise(const tabular::Settings& s, const vae::Options& options) {
    tabular::Experiment experiment(vae::exercise_info.title, options, s);
    for (const std::string& name : s.datasets) {
        const tabular::Dataset d = tabular::load_dataset(options.data_dir(), name, s.seed);  // 80/20
        const Scaling scaling = fit_scaler(d.train.features, s.scaling);                     // 6a
        const RowMatrix train = scale(scaling, d.train.features);
        const RowMatrix test = scale(scaling, d.test.features);  // with the training rows' scaler
        experiment.begin_dataset(d, scaling, train, test);

        for (double beta : s.betas) {  // vanilla (beta = 1), then beta < 1 and beta > 1
            nn::Model<double> model(s.model_spec(d.features()), s.seed);
            experiment.add_run(beta, model, train_vae(model, train, test, beta, s));  // 6b, 6c
        }

        // 6d. The scaling lesson: a short vanilla run with standard scaling + BCE, and beside it
        // the two fixes, min-max scaling + BCE and standard scaling + a Gaussian likelihood.
        for (const tabular::DemoVariant& v : tabular::scaling_lesson()) {
            const tabular::Settings lesson = tabular::demo_settings(s, v);
            const Scaling sc = fit_scaler(d.train.features, v.scaling);
            nn::Model<double> model(lesson.model_spec(d.features()), s.seed);
            const tabular::History h =
                train_vae(model, scale(sc, d.train.features), scale(sc, d.test.features), 1.0, lesson);
            experiment.add_demo(v, sc, model, h);
        }

        // Anomaly detection: a vanilla VAE trained on every class but one, the held-out class
        // playing the anomalies; the test rows of the others are the normal ones.
        for (const tabular::AnomalySplit& a : tabular::anomaly_splits(d)) {
            const Scaling sc = fit_scaler(a.train, s.scaling);
            nn::Model<double> model(s.model_spec(d.features()), s.seed);
            const tabular::History h = train_vae(model, scale(sc, a.train), scale(sc, a.normal), 1.0, s);
            experiment.add_anomaly(a, sc, model, h);
        }
    }
    return experiment.finish();
}

// The program: exercise 6's flags (into tabular::Settings), then the run above.
const vae::Program vae::program(tabular::add_flags, run_exercise);
