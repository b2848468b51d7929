// Exercise 6 — VAEs trained on Iris and Wine: scaling, vanilla vs beta-VAE, latent structure.
//
// For each data set (Iris: 4 features, Wine: 13; three classes each) the program splits the
// rows 80/20 (stratified, seeded), scales the features, and trains three VAEs with a 2-D
// latent: a vanilla VAE (beta = 1) and two beta-VAEs (beta = 0.1 and beta = 4). The models
// never see the class labels; afterwards we ask how well their latent means separate them.
// Then comes the scaling lesson: standard-scaled data scored with binary cross-entropy.
//
// The exercise in full: docs/exercise6.md. The ideas: docs/concepts.md §1 (Gaussian and
// Bernoulli likelihoods), §3 (the ELBO), §4 (the KL term), §6 (beta), §7 (collapse).
//
// You write the parts that teach; lib provides the network (forward, backward, Adam), the
// data, the analysis, the table and the plots.
//   6a. fit_scaler and scale: a min-max or standard scaler fitted on the TRAINING rows only.
//   6b. negative_elbo: the beta-weighted loss from one forward pass's outputs.
//   6c. train_vae: the epoch loop.
// Then:
//   ./build/exercise6                        the table, and plots in plots/exercise6_*.png
//   ./build/exercise6 --dataset iris --epochs 1000 --beta-high 8      explore
//   ctest --test-dir build -R exercise6      are your numbers right?
// The program checks your scaler and your ELBO against lib's as it runs and stops with a
// message naming the first number that differs.
//
// Questions (try them first, and write your answers in exercises/answers.md; docs/exercise6.md
// discusses them under the headings "6e." and "6f."):
//   6e. Which beta keeps the most latent dimensions active? Which separates the classes best
//       (5-NN accuracy, silhouette)? Is that the same model as the one with the lowest test
//       reconstruction term?
//   6f. Why does the 'loss' go negative with standard scaling and BCE, and why does it not
//       with a Gaussian likelihood? What do the negative values make the model do?
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
//   standard:  offset_j = mean_i x_ij, scale_j = sqrt(mean_i (x_ij - offset_j)^2)   (divide by n)
// A constant column has nothing to scale: set its scale to 1 instead of 0.
// Set s.kind, s.offset and s.scale (row vectors, one entry per column).
// Eigen tips: train.colwise().minCoeff(), .maxCoeff(), .mean(), .squaredNorm(); .cwiseSqrt().
Scaling fit_scaler(const RowMatrix& train, ScalingKind kind) {
    vae::todo("6a: fit_scaler — offset and scale of each column, from the training rows");
}

// y_ij = (x_ij - offset_j) / scale_j
// Eigen tips: (x.rowwise() - s.offset) subtracts a row vector from every row;
// M.array().rowwise() / v.array() divides every row element-wise.
RowMatrix scale(const Scaling& s, const RowMatrix& x) {
    vae::todo("6a: scale — y = (x - offset) / scale, column by column");
}

// 6b. The beta-weighted negative ELBO of a batch x (B rows) from one forward pass's outputs:
// ws.logits() (the decoder's l, B x features), ws.mu() and ws.logvar() (B x latent).
// Per sample, summed over features j and latent dimensions k, then averaged over the batch:
//   recon = (1/B) sum_i sum_j  max(l, 0) - l x + log1p(exp(-|l|))      Bernoulli (BCE)
//         = (1/B) sum_i sum_j  (x - l)^2 / (2 sigma^2)                  Gaussian
//   KL    = (1/B) sum_i 0.5 sum_k (exp(lv) + mu^2 - lv - 1)
//   total = recon + beta * KL
// decoder.likelihood says which (nn::Likelihood::Bernoulli or ::Gaussian); decoder.sigma is sigma.
// Eigen tips: .array() for element-wise maths; a.max(0.0), a.abs(), a.exp(), a.log1p(), .sum().
Losses negative_elbo(const RowMatrix& x, const nn::Workspace<double>& ws, double beta,
                     const tabular::Decoder& decoder) {
    vae::todo("6b: negative_elbo — recon, KL and recon + beta * KL, averaged over the batch");
}

// 6c. The epoch loop. Before the first epoch:
//   nn::Adam<double> adam(model.num_params(), {s.learning_rate});   nn::Workspace<double> ws;
//   vae::Rng order_rng(s.seed, vae::Stream::Shuffle), noise(s.seed, vae::Stream::Noise);
//   order = 0, 1, ..., n-1 (std::iota);   tabular::History history;
//   weights = nn::LossWeights{s.decoder.recon_weight(), beta}: backward() differentiates
//     weights.recon * (lib's recon) + weights.kl * KL, and lib scores a Gaussian decoder by
//     (x - l)^2 alone, so 6b's (x - l)^2 / (2 sigma^2) needs weight 1 / (2 sigma^2).
// Each of the s.epochs epochs:
//   order_rng.shuffle(order); then for each minibatch of s.batch_size rows in that order (the
//   last one may be smaller):
//     copy the rows train.row(order[...]) into a batch matrix;
//     lib_loss = model.forward(batch, noise, ws)     draws eps ~ N(0, I), fills ws
//     loss = negative_elbo(batch, ws, beta, s.decoder);
//     tabular::check_elbo(loss, lib_loss, beta, s.decoder);   stops at once if yours differs
//     model.backward(batch, weights, ws);  adam.step(model.params(), model.grads());
//     history.add_batch(loss); add loss.recon * rows and loss.kl * rows to running sums.
//   The epoch's training losses are those sums / n (total = recon + beta KL).
//   Test losses: vae::Rng test_noise(s.seed, vae::Stream::Noise) made afresh each epoch (the
//   same eps every time, so epochs compare); model.forward(test, test_noise, ws); then
//   negative_elbo(test, ws, beta, s.decoder).  history.add_epoch(train_losses, test_losses).
// Return the history.
tabular::History train_vae(nn::Model<double>& model, const RowMatrix& train, const RowMatrix& test,
                           double beta, const tabular::Settings& s) {
    vae::todo("6c: train_vae — the epoch loop: shuffle, forward, loss, backward, Adam");
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
