#pragma once
// Exercise 6's settings and the flags that set them: which data sets, how to scale them, the
// decoder's likelihood, the network and the training schedule.
#include <cstdint>
#include <string>
#include <vector>

#include "vae/nn/spec.hpp"
#include "vae/options.hpp"

namespace vae::tabular {

enum class ScalingKind {
    MinMax,    // each training column onto [0, 1]: y = (x - min) / (max - min)
    Standard,  // each training column to mean 0, sd 1: y = (x - mean) / sd
};
std::string to_string(ScalingKind kind);  // "minmax" | "standard"

// How the decoder scores a reconstruction, per sample (summed over the d features):
//   Bernoulli:  sum_j  max(l_j, 0) - l_j x_j + log1p(exp(-|l_j|))   (binary cross-entropy)
//   Gaussian:   sum_j  (x_j - l_j)^2 / (2 sigma^2)
// The Gaussian term is the negative log-likelihood of N(l, sigma^2) without its constant
// (d/2) log(2 pi sigma^2), which does not depend on the model.
struct Decoder {
    nn::Likelihood likelihood = nn::Likelihood::Gaussian;
    double sigma = 0.1;  // Gaussian only: the noise standard deviation, in scaled units

    // lib's Model scores a Gaussian decoder by (x - l)^2 alone; times this weight it becomes
    // the term above: 1 / (2 sigma^2) for a Gaussian, 1 for a Bernoulli decoder.
    double recon_weight() const;
    // "Gaussian with sigma = 0.1" or "Bernoulli (binary cross-entropy)".
    std::string describe() const;
};

struct Settings {
    std::vector<std::string> datasets = {"iris", "wine"};  // in that order
    ScalingKind scaling = ScalingKind::MinMax;
    Decoder decoder;
    double beta_low = 0.1, beta_high = 4;  // the beta-VAEs, one with beta < 1 and one with beta > 1
    // The vanilla VAE first, then the beta-VAEs: {1, beta_low, beta_high}.
    std::vector<double> betas = {1.0, 0.1, 4.0};
    std::vector<int> hidden = {32, 16};  // encoder widths; the decoder mirrors them
    int latent = 2;
    int epochs = 400;
    int batch_size = 16;
    double learning_rate = 3e-3;
    int demo_epochs = 20;  // the short runs of the scaling lesson
    std::uint64_t seed = 42;

    // The VAE for data with `features` columns: features-32-16-[latent]-16-32-features, ReLU.
    nn::ModelSpec model_spec(int features) const;
    // "network 4-32-16-[2]-16-32-4 ...; decoder Gaussian with sigma = 0.1; Adam lr 0.003, ...".
    std::string describe(int features) const;
};

// The exercise's flags, bound to the members of settings (whose values are the defaults).
// After parsing, throws UsageError naming the flag when --beta-low is not below 1 or
// --beta-high not above 1 (they would not be the beta < 1 and beta > 1 models), and sets betas.
void add_flags(Flags& flags, Settings& settings);

// "0.1", "1", "4": a beta as it appears in quantity names.
std::string beta_label(double beta);

}  // namespace vae::tabular
