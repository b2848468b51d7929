#pragma once
// A portable, seeded random number generator.
//
// The standard library's normal and uniform-real distributions are implementation-defined:
// libstdc++, libc++ and MSVC give different numbers for the same seed. Only the engines are
// specified bit for bit, so we take std::mt19937_64's raw 64-bit output and build uniforms and
// normals from it ourselves. Normals use Marsaglia's polar method (no sin or cos needed).
//
// Each purpose (data, noise, weights, shuffling, ...) gets its own stream derived from the
// seed, so that changing how many numbers one purpose draws never shifts another's.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace vae {

// One stream per purpose. Values are part of the golden files' meaning: never renumber them.
enum class Stream : std::uint64_t {
    Data = 1,     // the data set itself (exercise 1, synthetic images)
    Noise = 2,    // epsilon of the reparameterization trick
    Weights = 3,  // initial network weights
    Shuffle = 4,  // minibatch order
    Split = 5,    // train/test split
    Cluster = 6,  // k-means++ seeding
    Sample = 7,   // sampling from the prior for plots
    Replica = 8,  // the nudge of a tolerance-measuring replica (vae/nn/replica.hpp)
};

// The name written into golden-file headers.
inline constexpr const char* kGeneratorName =
    "mt19937_64 raw output; uniform (k+0.5)/2^53 from the top 53 bits; normals by Marsaglia "
    "polar; stream seed = splitmix64(seed, stream)";

// Mixes a seed and a stream id into an engine seed (SplitMix64 finaliser).
std::uint64_t stream_seed(std::uint64_t seed, Stream stream);

class Rng {
public:
    Rng(std::uint64_t seed, Stream stream);

    std::uint64_t next_u64() { return engine_(); }
    // Uniform on the open interval (0, 1): never exactly 0 or 1.
    double uniform();
    // Standard normal N(0, 1).
    double normal();
    // Uniform integer in [0, n), without modulo bias. n must be > 0.
    std::uint64_t below(std::uint64_t n);

    // Fisher-Yates shuffle with below(): the same order on every standard library.
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            std::size_t j = static_cast<std::size_t>(below(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    std::mt19937_64 engine_;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace vae
