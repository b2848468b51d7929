#pragma once
// The importance-weighted estimate of log p(x) (Burda, Grosse and Salakhutdinov, 2016): a
// likelihood, where the ELBO is only a lower bound of one.
//
// For one input x draw K codes from the encoder, z_k = mu + sigma * eps_k, and weigh each by
//     log w_k = log p(x | z_k) + log p(z_k) - log q(z_k | x)
//             = -recon(x, z_k) - 0.5 sum_j (z_kj^2 - eps_kj^2 - log sigma_j^2)
// (the 2 pi terms of the prior and the posterior cancel). Then
//     log p_K(x) = log (1/K) sum_k w_k = logsumexp_k(log w_k) - log K.
// Its expectation rises with K towards log p(x) and never passes it; at K = 1 it is the
// single-sample ELBO with the Monte Carlo KL, log q - log p at the drawn z, in place of the
// closed-form KL (the two have the same mean).
//
// log p(x | z) follows the model's loss convention, -recon (see model.hpp): for Bernoulli
// it is the log-likelihood itself; for Gaussian, -sum (x - l)^2 is log N(x; l, I/2) without
// its constant -(D/2) log pi (likelihood_log_constant), so that the estimate and the ELBO
// training reports subtract to a meaningful gap.
//
// Cost: K decoder passes per input, run in batches of kIwRowsPerPass codes, so the products
// are large and fill the threads; the encoder runs once per input. Measured on an "Intel(R)
// Xeon(R) Processor" (AVX-512, 2 cores, busy with other builds, so CPU seconds, not wall):
// K = 1000 on 1000 MNIST test images took 9.6 s of CPU for 784-400-[20] and 15.0 s for
// 784-512-256-[2], 2.8 and 2.7 times the CPU of one training epoch on 60000 images measured
// beside it; the decoder's products are three quarters of it, the likelihoods the rest.
#include <cstdint>

#include "vae/nn/model.hpp"

namespace vae::nn {

// Codes decoded per pass (rows of one decoder batch).
inline constexpr int kIwRowsPerPass = 1024;

// log((1/n) sum_i exp(v_i)), stable for any finite v: the largest term is factored out,
//     m + log((1/n) sum_i exp(v_i - m)),   m = max_i v_i,
// so no exp overflows and the largest term contributes exactly 1. -inf when every v_i is
// -inf; n >= 1.
double log_mean_exp(const double* v, Eigen::Index n);

// log w for each input row i and sample k (rows x samples, double): the K codes of row i
// use eps from Rng(eps_seed, Stream::Noise), drawn input by input, sample by sample, so
// with samples = 1 they are exactly the eps of evaluate(model, x, eps_seed). A VAE only
// (UsageError for an autoencoder); samples >= 1.
template <class S>
RowMatrix<double> iw_log_weights(const Model<S>& model, const BatchArg<S>& x, int samples,
                                 std::uint64_t eps_seed);

// The estimate over a set of inputs.
struct IwEstimate {
    int samples = 0;        // K
    double nll = 0;         // mean over inputs of -log p_K(x), nats per input
    double std_error = 0;   // of that mean, over the inputs: sd(-log p_K(x_i)) / sqrt(n)
    Vector<double> log_px;  // log p_K(x_i) per input
};

// The estimate from the first `samples` columns of log_weights (1 <= samples <= its
// columns). Taking prefixes of one matrix gives the estimates for K = 1, 10, 100, ... at the
// price of the largest: each prefix is itself an estimate with that many independent draws.
IwEstimate iw_estimate(const RowMatrix<double>& log_weights, int samples);

// iw_estimate(iw_log_weights(model, x, samples, eps_seed), samples).
template <class S>
IwEstimate iw_nll(const Model<S>& model, const BatchArg<S>& x, int samples, std::uint64_t eps_seed);

// What -recon leaves out of the log-density log p(x | z): 0 for Bernoulli, -(D/2) log pi
// for Gaussian (the model's squared error is the Gaussian of variance 1/2 without it).
double likelihood_log_constant(const ModelSpec& spec);

}  // namespace vae::nn
