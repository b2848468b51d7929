#include "vae/nn/spec.hpp"

#include "vae/error.hpp"

namespace vae::nn {

std::string to_string(Likelihood l) { return l == Likelihood::Bernoulli ? "bernoulli" : "gaussian"; }

std::string to_string(Mode m) { return m == Mode::Variational ? "vae" : "ae"; }

Likelihood parse_likelihood(const std::string& name) {
    if (name == "bernoulli") return Likelihood::Bernoulli;
    if (name == "gaussian") return Likelihood::Gaussian;
    throw UsageError("unknown likelihood '" + name + "' (expected bernoulli or gaussian)");
}

Mode parse_mode(const std::string& name) {
    if (name == "vae") return Mode::Variational;
    if (name == "ae") return Mode::Autoencoder;
    throw UsageError("unknown mode '" + name + "' (expected vae or ae)");
}

ModelSpec ModelSpec::mirrored(int input_dim, std::vector<int> hidden, int latent_dim, Activation activation,
                              Likelihood likelihood, Mode mode) {
    ModelSpec s;
    s.input_dim = input_dim;
    s.encoder_hidden = hidden;
    s.latent_dim = latent_dim;
    s.decoder_hidden.assign(hidden.rbegin(), hidden.rend());
    s.encoder_activation = activation;
    s.decoder_activation = activation;
    s.likelihood = likelihood;
    s.mode = mode;
    return s;
}

long long ModelSpec::weight_count() const {
    long long total = 0;
    int prev = input_dim;
    for (int w : encoder_hidden) {
        total += static_cast<long long>(prev) * w;
        prev = w;
    }
    total += static_cast<long long>(prev) * head_width();
    prev = latent_dim;
    for (int w : decoder_hidden) {
        total += static_cast<long long>(prev) * w;
        prev = w;
    }
    return total + static_cast<long long>(prev) * input_dim;
}

long long ModelSpec::parameter_count() const {
    long long biases = head_width() + input_dim;
    for (int w : encoder_hidden) biases += w;
    for (int w : decoder_hidden) biases += w;
    return weight_count() + biases;
}

std::string ModelSpec::describe() const {
    std::string s = std::to_string(input_dim);
    for (int w : encoder_hidden) s += "-" + std::to_string(w);
    s += "-[" + std::to_string(latent_dim) + "]";
    for (int w : decoder_hidden) s += "-" + std::to_string(w);
    s += "-" + std::to_string(input_dim);
    s += " " + to_string(encoder_activation) + "/" + to_string(decoder_activation) + " " +
         to_string(likelihood) + " " + to_string(mode);
    return s;
}

void ModelSpec::validate() const {
    auto check = [](int w, const std::string& what) {
        if (w < 1) throw UsageError(what + " must be at least 1 (got " + std::to_string(w) + ")");
    };
    check(input_dim, "the input dimension");
    check(latent_dim, "the latent dimension");
    for (std::size_t i = 0; i < encoder_hidden.size(); ++i)
        check(encoder_hidden[i], "encoder hidden layer " + std::to_string(i + 1) + "'s width");
    for (std::size_t i = 0; i < decoder_hidden.size(); ++i)
        check(decoder_hidden[i], "decoder hidden layer " + std::to_string(i + 1) + "'s width");
}

bool ModelSpec::operator==(const ModelSpec& o) const {
    return input_dim == o.input_dim && encoder_hidden == o.encoder_hidden && latent_dim == o.latent_dim &&
           decoder_hidden == o.decoder_hidden && encoder_activation == o.encoder_activation &&
           decoder_activation == o.decoder_activation && likelihood == o.likelihood && mode == o.mode;
}

}  // namespace vae::nn
