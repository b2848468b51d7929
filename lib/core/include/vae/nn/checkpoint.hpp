#pragma once
// Saving and loading trained models.
//
// Format (all integers little-endian; version 1):
//   8 bytes   magic "VAENNCKP"
//   u32       format version
//   u32       input_dim, u32 latent_dim
//   u32       number of encoder hidden layers, then each width (u32)
//   u32       number of decoder hidden layers, then each width (u32)
//   u8 x 4    encoder activation, decoder activation, likelihood, mode (enum values)
//   u64       number of parameters
//   f64 x n   the parameters in the model's flat order (float models widen exactly)
//   u64       FNV-1a hash of every byte before it
// The file is written to a temporary name and renamed over the target, so it is never
// left half written.
#include <cstdint>
#include <string>

#include "vae/nn/model.hpp"

namespace vae::nn {

template <class S>
void save_checkpoint(const Model<S>& model, const std::string& path);

// Reads the spec and parameters from path into a new model. Throws InputError naming the
// file and what was wrong: missing, wrong magic, other version, truncated, trailing bytes,
// corrupt (hash), sizes that do not add up, or a parameter too large for S (named by its
// index, layer and position).
template <class S>
Model<S> load_checkpoint(const std::string& path);

// Loads into an existing model, which must have the same layer sizes, activations,
// likelihood and mode; otherwise throws InputError saying which differs.
template <class S>
void load_checkpoint_into(Model<S>& model, const std::string& path);

}  // namespace vae::nn
