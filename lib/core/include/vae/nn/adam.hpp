#pragma once
// Adam with bias correction, written as PyTorch's torch.optim.Adam does it (no weight decay,
// no amsgrad), so the two give the same numbers:
// (g below is the gradient times grad_scale)
//   m <- b1 m + (1 - b1) g
//   v <- b2 v + (1 - b2) g^2
//   p <- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
// The update is one fused loop over the model's flat parameter buffer.
#include <cstddef>
#include <vector>

#include "vae/nn/types.hpp"

namespace vae::nn {

struct AdamConfig {
    double lr = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
};

template <class S>
class Adam {
public:
    // An optimizer for n parameters, with zero moments and step count 0.
    explicit Adam(std::size_t n, const AdamConfig& config = {});

    // One update of params from grads (both of length n). Increments steps(). The gradient
    // is used times grad_scale (how clipping is applied without a separate pass). Large
    // buffers are split between the OpenMP threads; each element's arithmetic is the same
    // either way.
    void step(VectorRef<S> params, const ConstVectorRef<S>& grads, double grad_scale = 1.0);
    // step(params, grads) that also returns the L2 norm of grads, with the bits of
    // gradient_norm(grads), measured in the same pass over the gradient: a training step
    // without clipping then reads the gradient once, not twice. The update happens whatever
    // the norm is; a caller that finds it NaN must stop using the parameters.
    double step_and_norm(VectorRef<S> params, const ConstVectorRef<S>& grads);

    const AdamConfig& config() const { return config_; }
    void set_learning_rate(double lr) { config_.lr = lr; }
    long steps() const { return t_; }
    const Vector<S>& first_moment() const { return m_; }
    const Vector<S>& second_moment() const { return v_; }

private:
    double update(VectorRef<S> params, const ConstVectorRef<S>& grads, double grad_scale, bool measure);

    AdamConfig config_;
    Vector<S> m_, v_;
    std::vector<double> block_norms_;  // squared norm of each norm block of the last step
    long t_ = 0;
};

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace vae::nn
