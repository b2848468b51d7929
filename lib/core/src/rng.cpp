#include "vae/rng.hpp"

#include <cmath>
#include <stdexcept>

namespace vae {

std::uint64_t stream_seed(std::uint64_t seed, Stream stream) {
    // SplitMix64 (Steele, Lea, Flood 2014): a cheap bijective mixer, so nearby seeds and
    // stream ids give unrelated engine states.
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(stream) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed, Stream stream) : engine_(stream_seed(seed, stream)) {}

double Rng::uniform() {
    // The top 53 bits give k in [0, 2^53); (k + 0.5) / 2^53 lies strictly inside (0, 1), so
    // log(u) below is always finite.
    const std::uint64_t k = engine_() >> 11;
    return (static_cast<double>(k) + 0.5) * 0x1.0p-53;
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    // Marsaglia polar method: draw (u, v) uniform in the square [-1, 1]^2 until it lands in
    // the unit disc; then u*f and v*f are two independent N(0, 1) draws.
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0) throw std::invalid_argument("Rng::below(n) needs n > 0");
    // Rejection: accept only draws below the largest multiple of n, so every residue is
    // equally likely.
    const std::uint64_t limit = (~std::uint64_t{0}) - ((~std::uint64_t{0}) % n);
    std::uint64_t x;
    do {
        x = engine_();
    } while (x >= limit);
    return x % n;
}

}  // namespace vae
