#pragma once
// Private: splitting work between the threads of thread_pool.hpp.
#include "thread_pool.hpp"

namespace vae::nn::detail {

// The t-th of T near-equal contiguous parts of [0, n).
template <class Index>
inline void split_range(Index n, int t, int T, Index& begin, Index& end) {
    begin = n * t / T;
    end = n * (t + 1) / T;
}

}  // namespace vae::nn::detail
