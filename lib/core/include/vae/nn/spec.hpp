#pragma once
// The shape of a model, fixed at run time: layer widths, activations, likelihood and mode.
#include <string>
#include <vector>

#include "vae/nn/activation.hpp"

namespace vae::nn {

// How the decoder's outputs (logits) score the data.
enum class Likelihood {
    // Data in [0, 1]. Per feature: binary cross-entropy from the logit l,
    //   max(l, 0) - l x + log1p(exp(-|l|)), and the output mean is sigmoid(l).
    Bernoulli = 0,
    // Real-valued data. Per feature: squared error (x - l)^2, and the output mean is l.
    Gaussian = 1,
};

enum class Mode {
    Variational = 0,  // a VAE: the head gives mu and log sigma^2, z = mu + sigma * eps
    Autoencoder = 1,  // deterministic: the head gives z = mu only; no sampling, no KL
};

std::string to_string(Likelihood l);
std::string to_string(Mode m);
Likelihood parse_likelihood(const std::string& name);  // "bernoulli" | "gaussian"
Mode parse_mode(const std::string& name);              // "vae" | "ae"

struct ModelSpec {
    int input_dim = 0;                // features per sample
    std::vector<int> encoder_hidden;  // widths of the encoder's hidden layers, input side first
    int latent_dim = 2;
    std::vector<int> decoder_hidden;  // widths of the decoder's hidden layers, latent side first
    Activation encoder_activation = Activation::ReLU;
    Activation decoder_activation = Activation::ReLU;
    Likelihood likelihood = Likelihood::Bernoulli;
    Mode mode = Mode::Variational;

    // The usual symmetric network: the decoder's hidden widths are the encoder's, reversed,
    // and both halves use the same activation.
    static ModelSpec mirrored(int input_dim, std::vector<int> hidden, int latent_dim,
                              Activation activation = Activation::ReLU,
                              Likelihood likelihood = Likelihood::Bernoulli, Mode mode = Mode::Variational);

    // Outputs of the mu / log sigma^2 head: 2 * latent_dim for a VAE, latent_dim for an AE.
    int head_width() const { return mode == Mode::Variational ? 2 * latent_dim : latent_dim; }

    // Sum over layers of in * out: the multiply-adds of one sample's forward pass.
    long long weight_count() const;
    // Every weight and bias: the length of a model's params().
    long long parameter_count() const;

    // E.g. "784-400-[20]-400-784 relu/relu bernoulli vae".
    std::string describe() const;

    // Throws UsageError naming the bad size (every width must be at least 1).
    void validate() const;

    bool operator==(const ModelSpec& other) const;
    bool operator!=(const ModelSpec& other) const { return !(*this == other); }
};

}  // namespace vae::nn
