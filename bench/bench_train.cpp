// Training throughput of the VAE core on MNIST-sized random data, next to the machine's
// measured single-precision matrix-product speed.
//
// FLOPs of one training step: forward X W is 2 B in out per layer, backward dW = X^T dY and
// dX = dY W^T are 2 B in out each, so ~6 B sum(in * out): the "nominal" count. The first
// layer's dX is never computed, so the work actually done is 2 B in0 out0 less: "actual".
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "vae/nn/denormals.hpp"
#include "vae/nn/train.hpp"

using namespace vae::nn;
using Clock = std::chrono::steady_clock;

// CPU time of the whole process (all threads): with other programs competing for the cores,
// wall time says little, while CPU time still measures our work (plus any spin-waiting).
double process_cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

namespace {

struct Flags {
    long samples = 60000;
    int epochs = 2;
    int batch = 128;
    std::string arch = "all";  // small (784-400-20), deep (784-512-256-2) or all
    bool flush_denormals = true;
    bool gemm = true;
    bool train = true;
    int threads = 0;  // 0: the OpenMP default
    int parts = 0;    // 0: automatic
};

void usage() {
    std::puts(
        "bench_train: VAE training throughput on 60000 x 784 random inputs in [0, 1]\n"
        "  --samples N     training rows (default 60000)\n"
        "  --epochs E      epochs per model (default 2; the first includes warm-up)\n"
        "  --batch B       batch size (default 128)\n"
        "  --arch A        small (784-400-20), deep (784-512-256-2) or all (default)\n"
        "  --threads T     threads (default: all cores, or OMP_NUM_THREADS)\n"
        "  --parts P       parts the loss is summed in (default 4; 1: nothing split between threads)\n"
        "  --no-ftz        keep denormals (default: flush to zero)\n"
        "  --no-gemm       skip the GEMM peak measurement\n"
        "  --gemm-only     only measure GEMM");
}

Flags parse(int argc, char** argv) {
    Flags f;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_train: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--samples")
            f.samples = std::atol(value());
        else if (a == "--epochs")
            f.epochs = std::atoi(value());
        else if (a == "--batch")
            f.batch = std::atoi(value());
        else if (a == "--arch")
            f.arch = value();
        else if (a == "--threads")
            f.threads = std::atoi(value());
        else if (a == "--parts")
            f.parts = std::atoi(value());
        else if (a == "--no-ftz")
            f.flush_denormals = false;
        else if (a == "--no-gemm")
            f.gemm = false;
        else if (a == "--gemm-only")
            f.train = false;
        else if (a == "--help" || a == "-h") {
            usage();
            std::exit(0);
        } else {
            std::fprintf(stderr, "bench_train: unknown flag %s (try --help)\n", a.c_str());
            std::exit(2);
        }
    }
    if (f.samples < 1 || f.epochs < 1 || f.batch < 1) {
        std::fprintf(stderr, "bench_train: --samples, --epochs and --batch must be >= 1\n");
        std::exit(2);
    }
    return f;
}

// GFLOP/s of C = A B (m x k times k x n) in float, repeated for about half a second.
double gemm_gflops(int m, int k, int n, bool transpose_a) {
    RowMatrix<float> A = RowMatrix<float>::Random(transpose_a ? k : m, transpose_a ? m : k);
    RowMatrix<float> B = RowMatrix<float>::Random(k, n);
    RowMatrix<float> C(m, n);
    auto once = [&] {
        if (transpose_a)
            C.noalias() = A.transpose() * B;
        else
            C.noalias() = A * B;
    };
    once();
    long reps = 0;
    const auto start = Clock::now();
    double seconds = 0;
    do {
        once();
        ++reps;
        seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (seconds < 0.5);
    return 2.0 * m * k * n * reps / seconds * 1e-9;
}

double measure_gemm_peak(int batch) {
    struct Shape {
        int m, k, n;
        bool ta;
        const char* what;
    };
    const Shape shapes[] = {
        {batch, 784, 400, false, "forward  X W      (B x 784) (784 x 400)"},
        {784, batch, 400, true, "backward X^T dY   (784 x B) (B x 400)"},
        {batch, 400, 784, false, "backward dY W^T  (B x 400) (400 x 784)"},
        {batch, 784, 512, false, "forward  X W      (B x 784) (784 x 512)"},
        {784, batch, 512, true, "backward X^T dY   (784 x B) (B x 512)"},
        {1024, 1024, 1024, false, "square           1024^3"},
    };
    std::printf("Single-precision GEMM (Eigen, %d thread%s):\n", Eigen::nbThreads(),
                Eigen::nbThreads() == 1 ? "" : "s");
    gemm_gflops(512, 512, 512, false);  // warm-up: clocks, caches, OpenMP threads
    double peak = 0;
    for (const Shape& s : shapes) {
        const double g = gemm_gflops(s.m, s.k, s.n, s.ta);
        peak = std::max(peak, g);
        std::printf("  %-42s %8.1f GFLOP/s\n", s.what, g);
    }
    std::printf("  measured peak %.1f GFLOP/s\n\n", peak);
    return peak;
}

void bench_model(const char* label, const ModelSpec& spec, const RowMatrix<float>& x, const Flags& f,
                 double peak) {
    Model<float> model(spec, 1);
    TrainConfig c;
    c.epochs = f.epochs;
    c.batch_size = f.batch;
    c.seed = 1;
    c.parts = f.parts;
    std::vector<double> cpu;
    double cpu_mark = process_cpu_seconds();
    const auto history = train(model, x, nullptr, c, [&](const EpochStats&, const Model<float>&) {
        const double now = process_cpu_seconds();
        cpu.push_back(now - cpu_mark);
        cpu_mark = now;
    });
    const double flops_per_sample = 6.0 * double(spec.weight_count());
    const double first_layer =
        double(spec.input_dim) * (spec.encoder_hidden.empty() ? spec.head_width() : spec.encoder_hidden[0]);
    const double actual_per_sample = flops_per_sample - 2.0 * first_layer;
    std::printf("%s  %s  (%lld weights, %.2f MFLOP per sample per step nominal, %.2f actual)\n", label,
                spec.describe().c_str(), spec.weight_count(), flops_per_sample * 1e-6,
                actual_per_sample * 1e-6);
    double best = 1e300;
    for (const EpochStats& s : history) {
        const double gflops = flops_per_sample * double(x.rows()) / s.seconds * 1e-9;
        const double actual = actual_per_sample * double(x.rows()) / s.seconds * 1e-9;
        std::printf("  epoch %d: %7.3f s (cpu %7.3f s)  %9.0f samples/s  %6.1f GFLOP/s nominal, %6.1f actual",
                    s.epoch, s.seconds, cpu[std::size_t(s.epoch - 1)], double(x.rows()) / s.seconds, gflops,
                    actual);
        if (peak > 0) std::printf(" (%.0f%% of peak)", 100.0 * actual / peak);
        std::printf("  loss %.3f\n", s.total);
        best = std::min(best, s.seconds);
    }
    const double per_60k = best * 60000.0 / double(x.rows());
    std::printf("  best epoch scaled to 60000 samples: %.3f s\n\n", per_60k);
}

}  // namespace

int main(int argc, char** argv) {
    const Flags f = parse(argc, argv);
#ifdef _OPENMP
    if (f.threads > 0) omp_set_num_threads(f.threads);
#endif
    if (f.flush_denormals) enable_flush_denormals();
    std::printf("bench_train: threads %d, denormals %s, batch %d\n\n", Eigen::nbThreads(),
                f.flush_denormals ? "flushed to zero" : "kept", f.batch);

    const double peak = f.gemm ? measure_gemm_peak(f.batch) : 0.0;
    if (!f.train) return 0;

    // Random "images" in [0, 1], as many as asked.
    RowMatrix<float> x(f.samples, 784);
    vae::Rng rng(1, vae::Stream::Data);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(rng.uniform());

    if (f.arch == "small" || f.arch == "all")
        bench_model("small", ModelSpec::mirrored(784, {400}, 20, Activation::ReLU), x, f, peak);
    if (f.arch == "deep" || f.arch == "all")
        bench_model("deep ", ModelSpec::mirrored(784, {512, 256}, 2, Activation::ReLU), x, f, peak);
    return 0;
}
