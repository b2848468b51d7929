#include "ex06/settings.hpp"

#include "vae/error.hpp"
#include "vae/report.hpp"

namespace vae::tabular {

std::string to_string(ScalingKind kind) { return kind == ScalingKind::MinMax ? "minmax" : "standard"; }

double Decoder::recon_weight() const {
    // (x - l)^2 * 1/(2 sigma^2) is the Gaussian negative log-likelihood up to its constant.
    return likelihood == nn::Likelihood::Gaussian ? 1.0 / (2.0 * sigma * sigma) : 1.0;
}

std::string Decoder::describe() const {
    if (likelihood == nn::Likelihood::Bernoulli) return "Bernoulli (binary cross-entropy)";
    return "Gaussian with sigma = " + format_value(sigma);
}

nn::ModelSpec Settings::model_spec(int features) const {
    return nn::ModelSpec::mirrored(features, hidden, latent, nn::Activation::ReLU, decoder.likelihood);
}

std::string Settings::describe(int features) const {
    return "network " + model_spec(features).describe() + "; decoder " + decoder.describe() + "; Adam lr " +
           format_value(learning_rate) + ", batch " + std::to_string(batch_size) + ", " +
           std::to_string(epochs) + " epochs";
}

void add_flags(Flags& flags, Settings& s) {
    flags.seed(s.seed)
        .choice("dataset", s.datasets, "which data set to train on",
                {{"iris", {"iris"}}, {"wine", {"wine"}}, {"both", {"iris", "wine"}}})
        .choice("scaling", s.scaling, "feature scaling, fitted on the training split only",
                {{"minmax", ScalingKind::MinMax}, {"standard", ScalingKind::Standard}})
        .choice("likelihood", s.decoder.likelihood, "how the decoder scores a reconstruction",
                {{"gaussian", nn::Likelihood::Gaussian}, {"bernoulli", nn::Likelihood::Bernoulli}})
        .positive("sigma", s.decoder.sigma,
                  "noise standard deviation of the Gaussian decoder, in scaled units")
        .epochs(s.epochs)
        .count("batch-size", s.batch_size, "samples per minibatch")
        .positive("lr", s.learning_rate, "Adam's learning rate")
        // Far above the 4 or 13 features of the data; beyond it the model only eats memory.
        .count("latent", s.latent, "latent dimensions", 4096)
        .positive("beta-low", s.beta_low, "beta of the beta-VAE with beta < 1")
        .positive("beta-high", s.beta_high, "beta of the beta-VAE with beta > 1")
        .count("demo-epochs", s.demo_epochs, "epochs of the short runs that show the scaling lesson",
               kMaxEpochs)
        .then([&s] {
            if (!(s.beta_low < 1.0))
                throw UsageError("--beta-low expects a number below 1 (the beta-VAE with beta < 1), got '" +
                                 format_value(s.beta_low) + "'");
            if (!(s.beta_high > 1.0))
                throw UsageError("--beta-high expects a number above 1 (the beta-VAE with beta > 1), got '" +
                                 format_value(s.beta_high) + "'");
            s.betas = {1.0, s.beta_low, s.beta_high};
        });
}

std::string beta_label(double beta) { return format_value(beta); }

}  // namespace vae::tabular
