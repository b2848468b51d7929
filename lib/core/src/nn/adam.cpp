#include "vae/nn/adam.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "parallel.hpp"

namespace vae::nn {

template <class S>
Adam<S>::Adam(std::size_t n, const AdamConfig& config)
    : config_(config),
      m_(Vector<S>::Zero(static_cast<Eigen::Index>(n))),
      v_(Vector<S>::Zero(static_cast<Eigen::Index>(n))) {}

template <class S>
void Adam<S>::step(VectorRef<S> params, const ConstVectorRef<S>& grads, double grad_scale) {
    if (params.size() != m_.size() || grads.size() != m_.size())
        throw std::invalid_argument("Adam::step: expected " + std::to_string(m_.size()) +
                                    " parameters and gradients");
    ++t_;
    const double bias1 = 1.0 - std::pow(config_.beta1, double(t_));
    const double bias2 = 1.0 - std::pow(config_.beta2, double(t_));
    const S b1 = S(config_.beta1), b2 = S(config_.beta2);
    const S step_size = S(config_.lr / bias1);
    const S sqrt_bias2 = S(std::sqrt(bias2));
    const S eps = S(config_.eps);
    const S scale = S(grad_scale);
    const bool scaled = grad_scale != 1.0;

    // One pass in cache-sized blocks: the three lines touch the same block while it is in
    // L1, which is what a hand-fused loop would do, and each line is vectorised.
    constexpr Eigen::Index kBlock = 1024;
    const Eigen::Index n = m_.size();
    const Eigen::Index blocks = (n + kBlock - 1) / kBlock;
    const int threads = n >= (Eigen::Index(1) << 16) ? detail::available_threads() : 1;
    detail::run_parallel(threads, [&](int t, int T) {
        Eigen::Index first, last;
        detail::split_range(blocks, t, T, first, last);
        for (Eigen::Index block = first; block < last; ++block) {
            const Eigen::Index start = block * kBlock;
            const Eigen::Index len = std::min(kBlock, n - start);
            auto g = grads.segment(start, len).array();
            auto m = m_.segment(start, len).array();
            auto v = v_.segment(start, len).array();
            auto p = params.segment(start, len).array();
            if (scaled) {
                m = b1 * m + (S(1) - b1) * (scale * g);
                v = b2 * v + (S(1) - b2) * (scale * g).square();
            } else {
                m = b1 * m + (S(1) - b1) * g;
                v = b2 * v + (S(1) - b2) * g.square();
            }
            p -= step_size * m / (v.sqrt() / sqrt_bias2 + eps);
        }
    });
}

template class Adam<float>;
template class Adam<double>;

}  // namespace vae::nn
