#include "vae/nn/replica.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

#include "vae/error.hpp"
#include "vae/rng.hpp"

namespace vae::nn {

int replica_number() {
    const char* text = std::getenv("VAE_REPLICA");
    if (!text || !*text) return 0;
    char* end = nullptr;
    const long k = std::strtol(text, &end, 10);
    if (*end != '\0' || k < 0 || k > 1000000)
        throw UsageError(std::string("VAE_REPLICA must be a whole number from 0 to 1000000, got '") + text +
                         "'");
    return static_cast<int>(k);
}

namespace {

template <class S>
bool nudge(VectorMap<S> params) {
    const int k = replica_number();
    if (k == 0) return false;
    Rng rng(static_cast<std::uint64_t>(k), Stream::Replica);
    const double size = replica_nudge<S>();
    for (Eigen::Index i = 0; i < params.size(); ++i)
        params[i] = S(double(params[i]) * (1.0 + size * (2.0 * rng.uniform() - 1.0)));
    static bool said = false;
    if (!said) {
        std::cerr << "replica " << k << ": initial weights nudged by up to " << size
                  << " relative (VAE_REPLICA); not a golden run\n";
        said = true;
    }
    return true;
}

}  // namespace

bool nudge_for_replica(VectorMap<float> params) { return nudge<float>(params); }
bool nudge_for_replica(VectorMap<double> params) { return nudge<double>(params); }

}  // namespace vae::nn
