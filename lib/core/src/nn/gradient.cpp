#include "vae/nn/gradient.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "norm_blocks.hpp"
#include "parallel.hpp"

namespace vae::nn {

namespace {

using detail::kNormBlock;

// Squared norm block by block (norm_blocks.hpp).
template <class S>
double squared_norm(const ConstVectorRef<S>& g) {
    const Eigen::Index n = g.size();
    const Eigen::Index blocks = (n + kNormBlock - 1) / kNormBlock;
    // Kept per calling thread: it grows once and is then reused (no allocation per step).
    // (A thread_local is not captured: the lambda below must use this pointer, since in a
    // pool thread the name `partial` would mean that thread's own, empty, vector.)
    static thread_local std::vector<double> partial;
    partial.resize(static_cast<std::size_t>(blocks));
    double* const sums = partial.data();
    const int threads = n >= (Eigen::Index(1) << 17) ? detail::available_threads() : 1;
    detail::run_parallel(threads, [&](int t, int T) {
        Eigen::Index first, last;
        detail::split_range(blocks, t, T, first, last);
        for (Eigen::Index b = first; b < last; ++b)
            sums[b] = detail::block_squared_norm(
                g.segment(b * kNormBlock, std::min(kNormBlock, n - b * kNormBlock)));
    });
    double total = 0.0;
    for (double p : partial) total += p;
    return total;
}

template <class S>
double clip(VectorRef<S> grads, double max_norm) {
    const double norm = std::sqrt(squared_norm<S>(grads));
    if (max_norm > 0.0) {
        const double coef = max_norm / (norm + 1e-6);  // the 1e-6 as in PyTorch
        if (coef < 1.0) grads *= S(coef);
    }
    return norm;
}

}  // namespace

double gradient_norm(const ConstVectorRef<float>& grads) { return std::sqrt(squared_norm<float>(grads)); }
double gradient_norm(const ConstVectorRef<double>& grads) { return std::sqrt(squared_norm<double>(grads)); }
double clip_gradient_norm(VectorRef<float> grads, double max_norm) { return clip<float>(grads, max_norm); }
double clip_gradient_norm(VectorRef<double> grads, double max_norm) { return clip<double>(grads, max_norm); }

}  // namespace vae::nn
