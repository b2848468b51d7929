#pragma once
// The Gaussian decoder's negative log-likelihood in full, per sample with d features:
//     -log N(x; l, sigma^2 I) = sum_j (x_j - l_j)^2 / (2 sigma^2)  +  (d/2) log(2 pi sigma^2).
// Exercise 6 reports the first term alone: it is >= 0 and compares models and epochs. The
// second is the same for every model with the same d and sigma, and negative once
// sigma^2 < 1 / (2 pi), i.e. sigma < 0.399: a density can exceed 1, so its negative log can
// fall below 0, and a "loss" that keeps this constant may be negative without anything being
// wrong. (With sigma = 0.1 each feature adds (1/2) log(2 pi 0.01) = -1.384 nats.)
namespace vae::tabular {

// (d/2) log(2 pi sigma^2). sigma > 0, features >= 1 (std::invalid_argument otherwise).
double gaussian_nll_constant(int features, double sigma);

}  // namespace vae::tabular
