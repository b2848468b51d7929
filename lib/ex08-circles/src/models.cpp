#include "ex08/models.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>

#include "vae/nn/denormals.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/workspace.hpp"

namespace vae::circles {

nn::ModelSpec model_spec(nn::Mode mode, const TrainSettings& s) {
    return nn::ModelSpec::mirrored(28 * 28, s.hidden, 2, nn::Activation::ReLU, nn::Likelihood::Bernoulli,
                                   mode);
}

TrainedModel train_model(nn::Mode mode, const data::ImageMatrix& train, const data::ImageMatrix& test,
                         const TrainSettings& s) {
    // Subnormal floats only slow training down; flushing them changes no digit we report
    // beyond float rounding, and does so the same way on every run.
    nn::enable_flush_denormals();
    TrainedModel out(mode, nn::Model<float>(model_spec(mode, s), s.seed));

    nn::TrainConfig config;
    config.epochs = s.epochs;
    config.batch_size = s.batch_size;
    config.seed = s.seed;
    config.adam.lr = s.learning_rate;
    config.beta = nn::BetaSchedule::constant(mode == nn::Mode::Variational ? s.beta : 0.0);
    config.parts = s.parts;
    config.out = nullptr;

    const auto start = std::chrono::steady_clock::now();
    // With the held-out images after every epoch: the loss curves show both. Their eps has its own
    // Rng, so the training itself is the same as without them.
    out.history = nn::train(out.model, train, &test, config);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    // The latent code of every held-out image, in one pass. Every workspace here uses the
    // same fixed number of parts as training, for the same reason.
    out.parts = s.parts;
    nn::Workspace<float> ws;
    ws.set_parts(s.parts);
    out.model.encode(test, ws);
    out.test_mu = ws.mu().cast<double>();
    if (out.variational()) out.test_logvar = ws.logvar().cast<double>();

    const data::ImageMatrix recon = decode(out, out.test_mu);
    out.recon_mse = (recon.cast<double>() - test.cast<double>()).array().square().mean();
    const nn::LossParts elbo = nn::evaluate(out.model, test, s.seed, 500, ws);
    out.test_recon = elbo.recon;
    out.test_kl = elbo.kl;

    if (s.verbose) {
        std::cerr << "trained the " << out.name() << " (" << model_spec(mode, s).describe() << ", "
                  << s.epochs << " epochs) in " << std::fixed << std::setprecision(1) << out.seconds << " s\n"
                  << std::defaultfloat;
    }
    return out;
}

double pixel_variance(const data::ImageMatrix& images) {
    const Eigen::MatrixXd x = images.cast<double>();
    const Eigen::RowVectorXd mean = x.colwise().mean();
    return (x.rowwise() - mean).array().square().mean();
}

data::ImageMatrix decode(const TrainedModel& m, const Matrix& z) {
    const nn::RowMatrix<float> zf = z.cast<float>();
    nn::Workspace<float> ws;
    ws.set_parts(m.parts);
    m.model.decode(zf, ws);
    // Bernoulli likelihood: the image is sigmoid(logits).
    return ws.logits().array().logistic().matrix();
}

}  // namespace vae::circles
