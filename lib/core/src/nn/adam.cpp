#include "vae/nn/adam.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "norm_blocks.hpp"
#include "parallel.hpp"

namespace vae::nn {

template <class S>
Adam<S>::Adam(std::size_t n, const AdamConfig& config)
    : config_(config),
      m_(Vector<S>::Zero(static_cast<Eigen::Index>(n))),
      v_(Vector<S>::Zero(static_cast<Eigen::Index>(n))),
      block_norms_((n + detail::kNormBlock - 1) / detail::kNormBlock) {}

template <class S>
void Adam<S>::step(VectorRef<S> params, const ConstVectorRef<S>& grads, double grad_scale) {
    update(params, grads, grad_scale, false);
}

template <class S>
double Adam<S>::step_and_norm(VectorRef<S> params, const ConstVectorRef<S>& grads) {
    return update(params, grads, 1.0, true);
}

template <class S>
double Adam<S>::update(VectorRef<S> params, const ConstVectorRef<S>& grads, double grad_scale, bool measure) {
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

    // One pass in blocks of the norm's size (norm_blocks.hpp), each updated in L1-sized
    // pieces: the three lines touch the same piece while it is in L1, which is what a
    // hand-fused loop would do, and each line is vectorised. Measuring, a block's squared
    // norm is taken just before its update, while the block is in cache.
    constexpr Eigen::Index kPiece = 1024;
    const Eigen::Index n = m_.size();
    const Eigen::Index blocks = Eigen::Index(block_norms_.size());
    double* const norms = block_norms_.data();
    const int threads = n >= (Eigen::Index(1) << 16) ? detail::available_threads() : 1;
    detail::run_parallel(threads, [&](int t, int T) {
        Eigen::Index first, last;
        detail::split_range(blocks, t, T, first, last);
        for (Eigen::Index block = first; block < last; ++block) {
            const Eigen::Index block_start = block * detail::kNormBlock;
            const Eigen::Index block_end = std::min(n, block_start + detail::kNormBlock);
            if (measure)
                norms[block] =
                    detail::block_squared_norm(grads.segment(block_start, block_end - block_start));
            for (Eigen::Index start = block_start; start < block_end; start += kPiece) {
                const Eigen::Index len = std::min(kPiece, block_end - start);
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
        }
    });
    if (!measure) return 0.0;
    double total = 0.0;
    for (Eigen::Index b = 0; b < blocks; ++b) total += norms[b];  // in block order, as gradient_norm
    return std::sqrt(total);
}

template class Adam<float>;
template class Adam<double>;

}  // namespace vae::nn
