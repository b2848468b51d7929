// The network's products must give the same bits whatever caches the CPU reports. Eigen's
// own blocking heuristic cuts a long dot product into sweeps sized from the L1/L2/L3 sizes it
// reads at run time, so the same training run summed in a different order on an AMD and an
// Intel CPU. Eigen lets a program replace those sizes (setCpuCacheSizes), which is how this
// test plays several CPUs on one machine.
#include <Eigen/Core>
#include <cstring>
#include <vector>

#include "catch_compat.hpp"
#include "vae/nn/model.hpp"

namespace test_nn_blocking {

using namespace vae::nn;

namespace {

struct CacheSizes {
    std::ptrdiff_t l1, l2, l3;
    const char* cpu;
};

// What a few real CPUs report per core (L1d, L2) and per socket (L3).
const std::vector<CacheSizes> kCpus = {
    {32 * 1024, 1024 * 1024, 32 * 1024 * 1024, "32 KiB L1d, 1 MiB L2 (AMD Zen 4)"},
    {48 * 1024, 2048 * 1024, 105 * 1024 * 1024, "48 KiB L1d, 2 MiB L2 (Intel Sapphire Rapids)"},
    {16 * 1024, 256 * 1024, 4 * 1024 * 1024, "16 KiB L1d, 256 KiB L2 (a small core)"},
};

// Restores the machine's own cache sizes when a test ends, passed or not.
class CacheSizeOverride {
public:
    CacheSizeOverride() { Eigen::internal::manage_caching_sizes(Eigen::GetAction, &l1_, &l2_, &l3_); }
    ~CacheSizeOverride() { Eigen::setCpuCacheSizes(l1_, l2_, l3_); }
    void set(const CacheSizes& c) { Eigen::setCpuCacheSizes(c.l1, c.l2, c.l3); }

private:
    std::ptrdiff_t l1_ = 0, l2_ = 0, l3_ = 0;
};

RowMatrix<float> pixels(int rows, int cols, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<float> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = float(rng.uniform());
    return m;
}

bool same_bits(const float* a, const float* b, Eigen::Index n) {
    return std::memcmp(a, b, std::size_t(n) * sizeof(float)) == 0;
}

struct Pass {
    double recon = 0, kl = 0;
    RowMatrix<float> logits;
    Vector<float> grads;
};

// One float forward and backward pass of an MNIST-sized VAE: every encoder product has
// depth 784, and the backward pass's dW products have depth = the batch (256).
Pass run_pass(const CacheSizes& cpu, int parts) {
    CacheSizeOverride caches;
    caches.set(cpu);
    const ModelSpec spec = ModelSpec::mirrored(784, {400}, 20);
    Model<float> model(spec, 7);
    const RowMatrix<float> x = pixels(256, 784, 3);
    Workspace<float> ws;
    ws.set_parts(parts);
    vae::Rng noise(11, vae::Stream::Noise);
    const LossParts loss = model.forward(x, noise, ws);
    model.backward(x, 1.0, ws);
    return {loss.recon, loss.kl, RowMatrix<float>(ws.logits()), model.grads()};
}

}  // namespace

TEST_CASE("A depth-784 float forward and backward pass gives the same bits for any cache sizes",
          "[nn][blocking]") {
    for (int parts : {1, 2}) {
        const Pass reference = run_pass(kCpus[0], parts);
        REQUIRE(reference.grads.norm() > 0.0f);
        for (std::size_t c = 1; c < kCpus.size(); ++c) {
            INFO("parts " << parts << ": " << kCpus[0].cpu << " against " << kCpus[c].cpu);
            const Pass other = run_pass(kCpus[c], parts);
            CHECK(other.recon == reference.recon);
            CHECK(other.kl == reference.kl);
            CHECK(same_bits(other.logits.data(), reference.logits.data(), reference.logits.size()));
            CHECK(same_bits(other.grads.data(), reference.grads.data(), reference.grads.size()));
        }
    }
}

TEST_CASE("Splitting the products into parts changes no bit of the logits or the gradient",
          "[nn][blocking]") {
    // One part runs each product through Eigen's own sequential product; two or more pack the
    // batch side once and share it between the parts (gemm.hpp). Both must add the same
    // numbers in the same order. (The loss is summed part by part, so only it may differ.)
    const Pass whole = run_pass(kCpus[1], 1);
    for (int parts : {2, 3, 4, 7}) {
        INFO(parts << " parts");
        const Pass split = run_pass(kCpus[1], parts);
        CHECK(same_bits(split.logits.data(), whole.logits.data(), whole.logits.size()));
        CHECK(same_bits(split.grads.data(), whole.grads.data(), whole.grads.size()));
        CHECK(split.kl == whole.kl);
    }
}

}  // namespace test_nn_blocking
