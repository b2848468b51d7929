#pragma once
// Activation functions of the hidden layers.
//
// Every derivative here is written in terms of the activation's OUTPUT a = f(u), so the
// backward pass needs only the cached outputs, never the pre-activations u:
//   ReLU      a = max(u, 0)          f'(u) = [a > 0]
//   sigmoid   a = 1 / (1 + e^-u)     f'(u) = a (1 - a)
//   tanh      a = tanh(u)            f'(u) = 1 - a^2
//   identity  a = u                  f'(u) = 1
#include <string>

#include "vae/nn/types.hpp"

namespace vae::nn {

enum class Activation { ReLU = 0, Sigmoid = 1, Tanh = 2, Identity = 3 };

// "relu", "sigmoid", "tanh", "identity".
std::string to_string(Activation a);
// Parses the names above; throws UsageError listing the valid names otherwise.
Activation parse_activation(const std::string& name);

// Y <- f(Y + b) row by row, in one pass over Y (b is added to every row). Y may be a block
// of columns of a wider matrix (hence the row stride).
template <class S>
void add_bias_and_activate(StridedMap<S> y, ConstRowVectorMap<S> b, Activation a);

// delta <- delta * f'(u), with f'(u) computed from the cached outputs a = f(u).
template <class S>
void multiply_by_derivative(StridedMap<S> delta, ConstStridedMap<S> a, Activation a_kind);

}  // namespace vae::nn
