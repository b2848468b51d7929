// Why the network's products run through our own gemm_accumulate (lib/core/src/nn/gemm.hpp)
// rather than Eigen's `A * B` or a BLAS: speed on one thread at the shapes of a training step
// of the 784-400-20 network, and whether the result's bits depend on the machine.
//
//   bench_gemm [--batch B] [--repeats N]
//
// Bits: Eigen's product reads the CPU's cache sizes to cut the depth into sweeps; run here
// with two sets of sizes that real CPUs have, it changes bits. OpenBLAS (if installed:
// apt-get install libopenblas0-pthread) picks its kernel by CPU model; the program runs itself
// again with OPENBLAS_CORETYPE set to each kernel this CPU can run and compares the results.
#include <dlfcn.h>
#include <unistd.h>

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "nn/gemm.hpp"

namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Clock = std::chrono::steady_clock;

// One product C (rows x cols) += op(A) op(B) of a training step; depth is the shared size.
struct Shape {
    const char* what;
    int rows, cols, depth;
    bool a_transposed, b_transposed;
};

std::vector<Shape> step_shapes(int batch) {
    return {{"forward  X W1    ", batch, 400, 784, false, false},
            {"backward dW1=X'dY", 784, 400, batch, true, false},
            {"forward  H W4    ", batch, 784, 400, false, false},
            {"backward dH=dY W4'", batch, 400, 784, false, true}};
}

// Deterministic inputs in [-1, 1): the same bits on every run and machine.
Matrix filled(int rows, int cols, std::uint64_t seed) {
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        m.data()[i] = float(double(seed >> 40) / double(1ULL << 24) * 2 - 1);
    }
    return m;
}

struct Operands {
    Matrix a, b;  // stored as used: a is depth x rows when transposed, b is cols x depth
};

Operands operands(const Shape& s) {
    return {s.a_transposed ? filled(s.depth, s.rows, 1) : filled(s.rows, s.depth, 1),
            s.b_transposed ? filled(s.cols, s.depth, 2) : filled(s.depth, s.cols, 2)};
}

Matrix ours(const Shape& s, const Operands& o, vae::nn::detail::GemmScratch<float>& scratch) {
    Matrix c = Matrix::Zero(s.rows, s.cols);
    vae::nn::detail::gemm_accumulate<float>(s.rows, s.cols, s.depth, {o.a.data(), o.a.cols(), s.a_transposed},
                                            {o.b.data(), o.b.cols(), s.b_transposed}, c.data(), c.cols(),
                                            1.0f, scratch);
    return c;
}

Matrix eigen(const Shape& s, const Operands& o) {
    Matrix c = Matrix::Zero(s.rows, s.cols);
    if (s.a_transposed)
        c.noalias() += o.a.transpose() * o.b;
    else if (s.b_transposed)
        c.noalias() += o.a * o.b.transpose();
    else
        c.noalias() += o.a * o.b;
    return c;
}

// OpenBLAS through dlopen, so the bench builds and runs without it.
using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float,
                       float*, int);
struct Blas {
    Sgemm sgemm = nullptr;
    const char* (*corename)() = nullptr;
};

Blas open_blas() {
    Blas blas;
    void* lib = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return blas;
    if (auto threads = reinterpret_cast<void (*)(int)>(dlsym(lib, "openblas_set_num_threads"))) threads(1);
    blas.sgemm = reinterpret_cast<Sgemm>(dlsym(lib, "cblas_sgemm"));
    blas.corename = reinterpret_cast<const char* (*)()>(dlsym(lib, "openblas_get_corename"));
    return blas;
}

Matrix openblas(const Blas& blas, const Shape& s, const Operands& o) {
    constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
    Matrix c = Matrix::Zero(s.rows, s.cols);
    blas.sgemm(kRowMajor, s.a_transposed ? kTrans : kNoTrans, s.b_transposed ? kTrans : kNoTrans, s.rows,
               s.cols, s.depth, 1.0f, o.a.data(), int(o.a.cols()), o.b.data(), int(o.b.cols()), 1.0f,
               c.data(), int(c.cols()));
    return c;
}

// FNV-1a over the result's bytes: equal hashes, equal bits.
std::uint64_t hash(const Matrix& m) {
    std::uint64_t h = 1469598103934665603ULL;
    const auto* bytes = reinterpret_cast<const unsigned char*>(m.data());
    for (std::size_t i = 0; i < std::size_t(m.size()) * sizeof(float); ++i)
        h = (h ^ bytes[i]) * 1099511628211ULL;
    return h;
}

long differing(const Matrix& x, const Matrix& y) {
    long n = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        n += std::memcmp(&x.data()[i], &y.data()[i], sizeof(float)) != 0;
    return n;
}

// GFLOP/s of the median of repeats calls.
template <class F>
double gflops(const Shape& s, int repeats, F&& product) {
    std::vector<double> seconds;
    product();  // warm-up: page faults, first-touch of the packing space
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        product();
        seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::nth_element(seconds.begin(), seconds.begin() + repeats / 2, seconds.end());
    return 2.0 * s.rows * s.cols * s.depth / seconds[std::size_t(repeats / 2)] * 1e-9;
}

// The kernels of a DYNAMIC_ARCH OpenBLAS for x86-64, newest first; one runs only where the CPU
// has its instructions.
const char* const kCoreTypes[] = {"SkylakeX", "Haswell", "Sandybridge", "Nehalem", "Prescott"};

int usage(const char* problem) {
    std::fprintf(stderr,
                 "bench_gemm: %s\n  usage: bench_gemm [--batch B (1-4096)] [--repeats N (1-100000)]\n",
                 problem);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int batch = 128, repeats = 200;
    bool hashes_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--batch" && has_value)
            batch = std::atoi(argv[++i]);
        else if (a == "--repeats" && has_value)
            repeats = std::atoi(argv[++i]);
        else if (a == "--blas-hashes")  // the child run, under one OPENBLAS_CORETYPE
            hashes_only = true;
        else
            return usage(("unknown or incomplete flag " + a).c_str());
    }
    if (batch < 1 || batch > 4096) return usage("--batch must be a whole number from 1 to 4096");
    if (repeats < 1 || repeats > 100000) return usage("--repeats must be a whole number from 1 to 100000");
    Eigen::setNbThreads(1);
    const Blas blas = open_blas();
    const std::vector<Shape> shapes = step_shapes(batch);

    if (hashes_only) {
        if (!blas.sgemm) return 1;
        std::printf("%s", blas.corename ? blas.corename() : "?");
        for (const Shape& s : shapes)
            std::printf(" %016llx", (unsigned long long)hash(openblas(blas, s, operands(s))));
        std::printf("\n");
        return 0;
    }

    std::printf("One thread, batch %d, median of %d calls. GFLOP/s:\n", batch, repeats);
    std::printf("%-20s %8s %8s %8s\n", "product", "ours", "Eigen", blas.sgemm ? "OpenBLAS" : "(no BLAS)");
    if (blas.sgemm && blas.corename)
        std::printf("(OpenBLAS runs its %s kernel on this CPU)\n", blas.corename());
    vae::nn::detail::GemmScratch<float> scratch;
    for (const Shape& s : shapes) {
        const Operands o = operands(s);
        const double g_ours = gflops(s, repeats, [&] { ours(s, o, scratch); });
        const double g_eigen = gflops(s, repeats, [&] { eigen(s, o); });
        std::printf("%-20s %8.1f %8.1f", s.what, g_ours, g_eigen);
        if (blas.sgemm) std::printf(" %8.1f", gflops(s, repeats, [&] { openblas(blas, s, o); }));
        std::printf("\n");
    }

    // Cache sizes of two real CPUs: a 32 KiB L1 and 1 MiB L2 (Skylake-SP), a 48 KiB L1 and
    // 2 MiB L2 (Sapphire Rapids).
    std::printf("\nBits under two CPUs' cache sizes (entries that differ, of each product):\n");
    for (const Shape& s : shapes) {
        const Operands o = operands(s);
        Eigen::setCpuCacheSizes(32 * 1024, 1024 * 1024, 32 * 1024 * 1024);
        const Matrix eigen_small = eigen(s, o), ours_small = ours(s, o, scratch);
        Eigen::setCpuCacheSizes(48 * 1024, 2 * 1024 * 1024, 32 * 1024 * 1024);
        const Matrix eigen_large = eigen(s, o), ours_large = ours(s, o, scratch);
        std::printf("%-20s ours %ld, Eigen %ld of %ld\n", s.what, differing(ours_small, ours_large),
                    differing(eigen_small, eigen_large), long(eigen_small.size()));
    }

    if (!blas.sgemm) {
        std::printf(
            "\nOpenBLAS is not installed (apt-get install libopenblas0-pthread): its kernels not "
            "compared.\n");
        return 0;
    }
    std::printf("\nOpenBLAS, one kernel per OPENBLAS_CORETYPE (a hash of each product's result):\n");
    for (const char* core : kCoreTypes) {
        // Run by a shell, /proc/self/exe would name the shell: name this program instead.
        std::string self(4096, '\0');
        const ssize_t n = readlink("/proc/self/exe", self.data(), self.size() - 1);
        if (n <= 0) return 1;
        self.resize(std::size_t(n));
        const std::string run = std::string("OPENBLAS_CORETYPE=") + core + " '" + self + "' --blas-hashes";
        if (FILE* child = popen(run.c_str(), "r")) {
            char line[256] = {0};
            const bool got = std::fgets(line, sizeof line, child) != nullptr;
            pclose(child);
            std::printf("  asked %-12s ran %s", core, got ? line : "(failed)\n");
        }
    }
    return 0;
}
