#pragma once
// Exercise 8's two models: a deterministic autoencoder and a VAE with the same layers, data,
// seed and 2-D latent, trained on circle images; and what is measured on held-out images.
//
// The network (both models): 784 -> 128 -> 32 -> [2] -> 32 -> 128 -> 784, ReLU hidden layers,
// Bernoulli likelihood (binary cross-entropy on pixel values in [0, 1]), Adam with learning
// rate 2e-3, minibatches of 128. The VAE's head gives mu and log sigma^2 and its loss adds
// beta * KL; the autoencoder's head gives z directly and has no KL.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ex08/alignment.hpp"
#include "vae/data/circles.hpp"
#include "vae/nn/model.hpp"
#include "vae/nn/train.hpp"

namespace vae::circles {

struct TrainSettings {
    std::vector<int> hidden = {128, 32};  // encoder widths; the decoder mirrors them
    int epochs = 40;
    int batch_size = 128;
    double learning_rate = 2e-3;
    double beta = 1.0;        // weight of the VAE's KL term
    std::uint64_t seed = 42;  // initial weights, minibatch order and eps
    // Each product is split into this many parts whatever the number of cores, so a run
    // gives the same numbers on every machine with the same CPU features.
    int parts = 2;
    bool verbose = false;  // one line per model on stderr when its training ends
};

nn::ModelSpec model_spec(nn::Mode mode, const TrainSettings& settings);

// A trained model and what it does with the held-out images.
struct TrainedModel {
    TrainedModel(nn::Mode m, nn::Model<float> net) : mode(m), model(std::move(net)) {}

    nn::Mode mode;
    nn::Model<float> model;
    // Per epoch, with the held-out images' loss after each (has_test).
    std::vector<nn::EpochStats> history;
    Matrix test_mu;      // n_test x 2: the latent code (the posterior mean for the VAE)
    Matrix test_logvar;  // n_test x 2: log sigma^2 (VAE only; empty for the autoencoder)
    // Mean over held-out images and pixels of (x - decoder(mu(x)))^2: the reconstruction
    // through the latent code, no sampling, so both models are judged alike.
    double recon_mse = 0;
    // The VAE's test ELBO terms, nats per image (eps from the seed): recon and KL. For the
    // autoencoder recon is the cross-entropy of decoder(z(x)) and KL is 0.
    double test_recon = 0, test_kl = 0;
    double seconds = 0;  // training wall time
    int parts = 2;       // TrainSettings::parts, for every later pass through the model

    bool variational() const { return mode == nn::Mode::Variational; }
    std::string key() const { return variational() ? "vae" : "ae"; }
    std::string name() const { return variational() ? "VAE" : "autoencoder"; }
};

// Trains a model of the given mode on train (n x 784 pixel rows) and measures it on test.
TrainedModel train_model(nn::Mode mode, const data::ImageMatrix& train, const data::ImageMatrix& test,
                         const TrainSettings& settings);

// The mean over pixels of each pixel's variance across the images: the squared error of
// always answering with the mean image, the yardstick for recon_mse.
double pixel_variance(const data::ImageMatrix& images);

// Decoded images (sigmoid of the logits) for latent points z (rows x 2).
data::ImageMatrix decode(const TrainedModel& m, const Matrix& z);

}  // namespace vae::circles
