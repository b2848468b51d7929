#pragma once
// Exercise 8's settings and the flags that set them: the images (how many, which shape, which
// radii) and the training of the two models.
#include <cstdint>

#include "ex08/models.hpp"
#include "vae/data/circles.hpp"
#include "vae/options.hpp"

namespace vae::circles {

struct Settings {
    std::uint64_t seed = 42;  // the images, the initial weights, the minibatches and eps
    long n = 10000;           // training images
    long test_n = 1000;       // held-out images
    int epochs = 40;
    double beta = 1.0;  // weight of the VAE's KL term
    data::CircleStyle shape = data::CircleStyle::Disc;
    double min_radius = 5, max_radius = 5;  // pixels; equal: every circle has that radius
};

// The exercise's flags, bound to the members of settings (whose values are the defaults):
// --seed, --n, --test-n, --epochs, --beta, --shape, --min-radius, --max-radius. After parsing
// it checks them with check_settings.
void add_flags(Flags& flags, Settings& settings);

// Throws UsageError naming the flag when there are fewer than 10 held-out images (too few to
// correlate), more than a million images in all, or radii out of order or too large to fit.
void check_settings(const Settings& settings);

// The generator's settings for all the images (held-out first, then training): n is
// test_n + n.
data::CircleOptions image_options(const Settings& settings);
// The training settings (one line per model on stderr, unless --csv).
TrainSettings train_settings(const Settings& settings, const Options& options);

}  // namespace vae::circles
