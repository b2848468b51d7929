#pragma once
// The settings of exercises 1-5 and the flags that set them: the sheet's data (N points from a
// seed) and, for exercise 5, beta. The defaults are the sheet's.
#include <cstdint>

#include "vae/options.hpp"

namespace vae::sheet {

struct Settings {
    std::uint64_t seed = 42;  // --seed: the data and the noise eps
    long n = 1000;            // --n: data points
    double beta = 0.2;        // --beta: exercise 5's weight of the KL term
};

// Exercise 2 takes no flags of its own: its probes and weights are fixed.
void no_flags(Flags& flags, Settings& settings);
// --seed and --n: exercises 1, 3 and 4.
void data_flags(Flags& flags, Settings& settings);
// --seed, --n and --beta: exercise 5.
void beta_flags(Flags& flags, Settings& settings);

}  // namespace vae::sheet
