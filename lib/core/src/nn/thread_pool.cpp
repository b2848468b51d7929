#include "thread_pool.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define VAE_CPU_PAUSE() _mm_pause()
#else
#define VAE_CPU_PAUSE() ((void)0)
#endif

namespace vae::nn::detail {

namespace {

// How long a waiting thread spins before it sleeps. Spinning pays on an idle machine: a thread
// that sleeps between two regions of a training step has to be woken through the kernel
// (about 3600 wake-ups in two 30000-image epochs). Spinning costs under load: a spinning
// thread holds a core that the thread with the work could have had. Measured with
// bench_train (30000 images, 2 threads, medians; Intel Xeon, 2 cores): 20000 pauses (about
// 0.5 ms) against 2000 made an epoch 8-15% faster idle and 1.6 times slower with one core
// kept busy. So the budget adapts: a thread that the system keeps preempting (involuntary
// context switches, counted every kCheckEvery waits) spins briefly, any other spins long.
constexpr int kLongSpins = 20000;
constexpr int kShortSpins = 2000;
constexpr int kCheckEvery = 256;
constexpr long kPreemptionsMeaningLoad = 4;  // in kCheckEvery waits

class SpinBudget {
public:
    int spins() {
#ifdef RUSAGE_THREAD
        if (++waits_ % kCheckEvery == 0) {
            rusage usage{};
            if (getrusage(RUSAGE_THREAD, &usage) == 0) {
                const long preempted = usage.ru_nivcsw - last_preemptions_;
                last_preemptions_ = usage.ru_nivcsw;
                spins_ = preempted >= kPreemptionsMeaningLoad ? kShortSpins : kLongSpins;
            }
        }
        return spins_;
#else
        return kShortSpins;
#endif
    }

private:
    long waits_ = 0;
    long last_preemptions_ = 0;
    int spins_ = kShortSpins;  // until the first count
};

thread_local SpinBudget spin_budget;

thread_local bool inside_run = false;

class Pool {
public:
    explicit Pool(int workers) {
        for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { work(i + 1); });
    }
    ~Pool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
            generation_.fetch_add(1);
        }
        wake_.notify_all();
        for (std::thread& t : threads_) t.join();
    }

    int size() const { return int(threads_.size()) + 1; }

    // One run at a time; a second caller gets false and runs its body alone.
    bool try_run(int threads, void (*fn)(void*, int, int), void* context) {
        std::unique_lock<std::mutex> busy(run_mutex_, std::try_to_lock);
        if (!busy.owns_lock()) return false;
        fn_ = fn;
        context_ = context;
        count_ = std::min(threads, size());
        error_ = nullptr;
        pending_.store(int(threads_.size()));
        generation_.fetch_add(1);  // seq_cst: ordered before reading sleepers_ below
        if (sleepers_.load() > 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            wake_.notify_all();
        }
        inside_run = true;
        try {
            fn(context, 0, count_);
        } catch (...) {
            record_error();
        }
        inside_run = false;
        wait_until_done();
        if (error_) std::rethrow_exception(error_);
        return true;
    }

private:
    void work(int id) {
        std::uint64_t seen = 0;
        for (;;) {
            std::uint64_t now = generation_.load();
            const int spins = spin_budget.spins();
            for (int spin = 0; now == seen && spin < spins; ++spin) {
                VAE_CPU_PAUSE();
                now = generation_.load();
            }
            if (now == seen) {
                std::unique_lock<std::mutex> lock(mutex_);
                sleepers_.fetch_add(1);
                wake_.wait(lock, [&] { return generation_.load() != seen; });
                sleepers_.fetch_sub(1);
                now = generation_.load();
            }
            seen = now;
            if (stop_) return;
            if (id < count_) {
                inside_run = true;
                try {
                    fn_(context_, id, count_);
                } catch (...) {
                    record_error();
                }
                inside_run = false;
            }
            if (pending_.fetch_sub(1) == 1 && caller_sleeping_.load()) {
                std::lock_guard<std::mutex> lock(mutex_);
                done_.notify_one();
            }
        }
    }

    void wait_until_done() {
        const int spins = spin_budget.spins();
        for (int spin = 0; pending_.load() != 0 && spin < spins; ++spin) VAE_CPU_PAUSE();
        if (pending_.load() == 0) return;
        std::unique_lock<std::mutex> lock(mutex_);
        caller_sleeping_.store(true);
        done_.wait(lock, [&] { return pending_.load() == 0; });
        caller_sleeping_.store(false);
    }

    void record_error() {
        std::lock_guard<std::mutex> lock(error_mutex_);
        if (!error_) error_ = std::current_exception();
    }

    std::vector<std::thread> threads_;
    std::mutex run_mutex_, mutex_, error_mutex_;
    std::condition_variable wake_, done_;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<int> pending_{0};
    std::atomic<int> sleepers_{0};
    std::atomic<bool> caller_sleeping_{false};
    void (*fn_)(void*, int, int) = nullptr;
    void* context_ = nullptr;
    int count_ = 1;
    bool stop_ = false;
    std::exception_ptr error_;
};

int configured_threads() {
#ifdef _OPENMP
    return std::max(1, omp_get_max_threads());
#else
    return std::max(1, int(std::thread::hardware_concurrency()));
#endif
}

Pool& pool() {
    // Sized once, at first use, from the thread count configured then.
    static Pool instance(configured_threads() - 1);
    return instance;
}

}  // namespace

void cpu_pause() { VAE_CPU_PAUSE(); }

int available_threads() {
    if (inside_run) return 1;
    return std::min(configured_threads(), pool().size());
}

void run_parallel_raw(int threads, void (*fn)(void*, int, int), void* context) {
    if (threads > 1 && !inside_run && pool().try_run(threads, fn, context)) return;
    fn(context, 0, 1);
}

void on_every_thread(const std::function<void()>& fn) {
    fn();
    // Every pool thread takes part in a full-size run; each runs fn for itself.
    run_parallel(pool().size(), [&](int t, int) {
        if (t > 0) fn();
    });
}

}  // namespace vae::nn::detail
