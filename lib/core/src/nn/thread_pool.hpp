#pragma once
// Private: the threads that run the parts of the matrix products (and the Adam and norm
// loops).
//
// Why not OpenMP's parallel regions: libgomp's waiting threads spin actively by default,
// and with only two cores, any other busy program then stalls each of the many short regions
// of a training step (bench/bench_regions: 26% per region with one core kept busy, far more
// under heavier load; docs/architecture.md). The policy can only be changed through the
// environment (OMP_WAIT_POLICY) before the program starts. These workers spin for a few tens
// of microseconds (the gap between two regions of a step), then sleep on a condition variable.
#include <functional>
#include <type_traits>

namespace vae::nn::detail {

// Threads a new parallel run may use: 1 when called from inside one (no nesting); else
// omp_get_max_threads() with OpenMP (so OMP_NUM_THREADS and omp_set_num_threads apply),
// or the hardware concurrency without it.
int available_threads();

// The untyped form of run_parallel: fn(context, t, T).
void run_parallel_raw(int threads, void (*fn)(void*, int, int), void* context);

// Calls body(t, T) for t = 0..T-1 on T threads (the caller is t = 0) and returns when all
// are done. T <= threads; T < threads only if the pool is busy with another caller's run,
// so bodies must split their work by T. An exception thrown by a body is rethrown here.
// (A function pointer and the body's address are passed on, never a std::function, which
// could allocate.)
template <class Body>
void run_parallel(int threads, Body&& body) {
    using B = std::remove_reference_t<Body>;
    run_parallel_raw(
        threads, [](void* context, int t, int T) { (*static_cast<B*>(context))(t, T); },
        const_cast<void*>(static_cast<const void*>(&body)));
}

// One pause of a spinning wait (the x86 PAUSE instruction; nothing elsewhere).
void cpu_pause();

// Runs fn once on every pool thread (and the caller), e.g. to set per-thread CPU flags.
void on_every_thread(const std::function<void()>& fn);

}  // namespace vae::nn::detail
