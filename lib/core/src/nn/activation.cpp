#include "vae/nn/activation.hpp"

#include "vae/error.hpp"

namespace vae::nn {

std::string to_string(Activation a) {
    switch (a) {
        case Activation::ReLU:
            return "relu";
        case Activation::Sigmoid:
            return "sigmoid";
        case Activation::Tanh:
            return "tanh";
        case Activation::Identity:
            return "identity";
    }
    return "unknown";
}

Activation parse_activation(const std::string& name) {
    for (Activation a : {Activation::ReLU, Activation::Sigmoid, Activation::Tanh, Activation::Identity}) {
        if (name == to_string(a)) return a;
    }
    throw UsageError("unknown activation '" + name + "' (expected relu, sigmoid, tanh or identity)");
}

template <class S>
void add_bias_and_activate(StridedMap<S> y, ConstRowVectorMap<S> b, Activation a) {
    // Row by row: each row is contiguous, so every line below is one vectorised pass.
    const Eigen::Index rows = y.rows();
    switch (a) {
        case Activation::ReLU:
            for (Eigen::Index i = 0; i < rows; ++i) y.row(i) = (y.row(i) + b).cwiseMax(S(0));
            break;
        case Activation::Sigmoid:
            for (Eigen::Index i = 0; i < rows; ++i) y.row(i) = (y.row(i) + b).array().logistic().matrix();
            break;
        case Activation::Tanh:
            for (Eigen::Index i = 0; i < rows; ++i) y.row(i) = (y.row(i) + b).array().tanh().matrix();
            break;
        case Activation::Identity:
            for (Eigen::Index i = 0; i < rows; ++i) y.row(i) += b;
            break;
    }
}

template <class S>
void multiply_by_derivative(StridedMap<S> delta, ConstStridedMap<S> a, Activation a_kind) {
    for (Eigen::Index i = 0; i < delta.rows(); ++i) {
        auto d = delta.row(i).array();
        const auto out = a.row(i).array();
        switch (a_kind) {
            case Activation::ReLU:  // f' = [a > 0]
                d = (out > S(0)).select(d, S(0));
                break;
            case Activation::Sigmoid:  // f' = a (1 - a)
                d *= out * (S(1) - out);
                break;
            case Activation::Tanh:  // f' = 1 - a^2
                d *= S(1) - out.square();
                break;
            case Activation::Identity:
                break;
        }
    }
}

template void add_bias_and_activate<float>(StridedMap<float>, ConstRowVectorMap<float>, Activation);
template void add_bias_and_activate<double>(StridedMap<double>, ConstRowVectorMap<double>, Activation);
template void multiply_by_derivative<float>(StridedMap<float>, ConstStridedMap<float>, Activation);
template void multiply_by_derivative<double>(StridedMap<double>, ConstStridedMap<double>, Activation);

}  // namespace vae::nn
