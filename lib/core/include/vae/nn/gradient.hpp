#pragma once
// Whole-gradient operations on the flat gradient buffer (e.g. model.grads()).
#include "vae/nn/types.hpp"

namespace vae::nn {

// The L2 norm of the full gradient (every parameter, biases included): blocks of 4096
// summed in the scalar type, the blocks added in double; split between threads when large,
// with the same result for any thread count.
double gradient_norm(const ConstVectorRef<float>& grads);
double gradient_norm(const ConstVectorRef<double>& grads);

// As PyTorch's clip_grad_norm_: if max_norm > 0 and the norm exceeds it, scales the gradient
// by max_norm / (norm + 1e-6). Returns the norm BEFORE clipping. max_norm <= 0: no clipping.
double clip_gradient_norm(VectorRef<float> grads, double max_norm);
double clip_gradient_norm(VectorRef<double> grads, double max_norm);

}  // namespace vae::nn
