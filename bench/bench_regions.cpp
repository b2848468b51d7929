// Why the network's parallel parts run on our own thread pool (lib/core/src/nn/thread_pool.hpp)
// rather than in OpenMP's parallel regions: the cost of many short regions, as a training step
// has (about 20 per step of 1-3 ms), on an idle machine and with another program keeping one
// core busy.
//
//   bench_regions [--regions N] [--work-us W] [--threads T]
//
// Each region does W microseconds of arithmetic (one thread's worth), split into T parts. The
// busy program is a child process that spins until the measurement ends.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "nn/thread_pool.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// A dependent chain of multiply-adds: its time does not depend on memory or on the other
// thread, so a slower region means waiting, not working.
float spin_work(long iterations) {
    volatile float seed = 1.0f;
    float x = seed;
    for (long i = 0; i < iterations; ++i) x = x * 0.999999f + 1e-7f;
    return x;
}

long iterations_per_microsecond() {
    const long n = 20'000'000;
    const auto t0 = Clock::now();
    volatile float sink = spin_work(n);
    (void)sink;
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    return std::max(1L, long(double(n) / us));
}

// Microseconds per region, the median of 5 rounds of regions calls of run_region().
template <class Run>
double per_region_us(int regions, Run&& run_region) {
    std::vector<double> rounds;
    for (int r = 0; r < 5; ++r) {
        const auto t0 = Clock::now();
        for (int i = 0; i < regions; ++i) run_region();
        rounds.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / regions);
    }
    std::sort(rounds.begin(), rounds.end());
    return rounds[2];
}

// A child process that keeps one core busy until killed.
pid_t start_busy_core() {
    const pid_t pid = fork();
    if (pid == 0) {
        volatile unsigned long n = 0;
        for (;;) n = n + 1;
    }
    return pid;
}

void stop(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

int usage(const char* problem) {
    std::fprintf(
        stderr,
        "bench_regions: %s\n  usage: bench_regions [--regions N (1-1000000)] [--work-us W (1-100000)] "
        "[--threads T (1-256)]\n",
        problem);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int regions = 20000, work_us = 100, threads = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage(("flag without a value: " + a).c_str());
        const int v = std::atoi(argv[++i]);
        if (a == "--regions")
            regions = v;
        else if (a == "--work-us")
            work_us = v;
        else if (a == "--threads")
            threads = v;
        else
            return usage(("unknown flag " + a).c_str());
    }
    if (regions < 1 || regions > 1000000) return usage("--regions must be a whole number from 1 to 1000000");
    if (work_us < 1 || work_us > 100000) return usage("--work-us must be a whole number from 1 to 100000");
    if (threads < 1 || threads > 256) return usage("--threads must be a whole number from 1 to 256");

    const long part_iterations = iterations_per_microsecond() * work_us / threads;
    auto part = [&](int, int) {
        volatile float sink = spin_work(part_iterations);
        (void)sink;
    };
    auto pool_region = [&] { vae::nn::detail::run_parallel(threads, part); };
#ifdef _OPENMP
    auto openmp_region = [&] {
#pragma omp parallel num_threads(threads)
        part(omp_get_thread_num(), threads);
    };
    const char* wait_policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("%d regions of %d us of work in %d parts; OMP_WAIT_POLICY=%s. Microseconds per region:\n",
                regions, work_us, threads, wait_policy ? wait_policy : "(unset, libgomp's default)");
#else
    std::printf("%d regions of %d us of work in %d parts (built without OpenMP). Microseconds per region:\n",
                regions, work_us, threads);
#endif
    std::printf("%-22s %10s %10s\n", "", "our pool", "OpenMP");
    for (const bool busy : {false, true}) {
        const pid_t busy_pid = busy ? start_busy_core() : 0;
        const double pool = per_region_us(regions, pool_region);
#ifdef _OPENMP
        const double openmp = per_region_us(regions, openmp_region);
#else
        const double openmp = 0;
#endif
        stop(busy_pid);
        std::printf("%-22s %10.1f %10.1f\n", busy ? "one core kept busy" : "idle machine", pool, openmp);
    }
    return 0;
}
