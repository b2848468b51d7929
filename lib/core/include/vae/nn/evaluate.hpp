#pragma once
// Using a model on a whole data set, in batches.
#include <cstdint>

#include "vae/nn/model.hpp"

namespace vae::nn {

// Test-set ELBO terms, averaged per sample: recon and KL (nats per sample, same convention
// as training). eps comes from Rng(eps_seed, Stream::Noise), drawn batch by batch in row
// order, so the same seed gives the same numbers on every call.
template <class S>
LossParts evaluate(const Model<S>& model, const BatchArg<S>& x, std::uint64_t eps_seed, int batch_size = 500);
// The same with a caller-owned workspace (no allocation once it has grown).
template <class S>
LossParts evaluate(const Model<S>& model, const BatchArg<S>& x, std::uint64_t eps_seed, int batch_size,
                   Workspace<S>& ws);

// The encoder mean mu of every row of x (rows x latent): the usual latent-space plot.
template <class S>
RowMatrix<S> encode(const Model<S>& model, const BatchArg<S>& x, int batch_size = 500);

// Output means for latent points z (rows x latent): sigmoid(logits) for Bernoulli, the
// logits themselves for Gaussian.
template <class S>
RowMatrix<S> decode(const Model<S>& model, const BatchArg<S>& z, int batch_size = 500);

// decode(encode(x)): the reconstruction through the means, without sampling.
template <class S>
RowMatrix<S> reconstruct(const Model<S>& model, const BatchArg<S>& x, int batch_size = 500);

}  // namespace vae::nn
