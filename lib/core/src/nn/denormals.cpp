#include "vae/nn/denormals.hpp"

#include "thread_pool.hpp"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define VAE_HAVE_MXCSR 1
#endif

namespace vae::nn {

bool enable_flush_denormals() {
#ifdef VAE_HAVE_MXCSR
    // 0x8000 = FTZ, 0x0040 = DAZ. MXCSR is per thread, so set it on the training threads and
    // on OpenMP's (Eigen's own parallel products); both keep their threads, so it stays set.
    const auto set = [] { _mm_setcsr(_mm_getcsr() | 0x8040u); };
    detail::on_every_thread(set);
#ifdef _OPENMP
#pragma omp parallel
    set();
#endif
    return true;
#else
    return false;
#endif
}

}  // namespace vae::nn
