#include "ex08/settings.hpp"

#include <algorithm>

#include "vae/error.hpp"
#include "vae/report.hpp"

namespace vae::circles {

void add_flags(Flags& flags, Settings& s) {
    flags.seed(s.seed)
        .n(s.n, "number of training images")
        .count("test-n", s.test_n, "number of held-out images (at least 10)", kMaxN)
        .epochs(s.epochs)
        .beta(s.beta)
        .choice("shape", s.shape, "what each image shows: a filled disc or a ring",
                {{"disc", data::CircleStyle::Disc}, {"ring", data::CircleStyle::Ring}})
        .positive("min-radius", s.min_radius, "smallest radius, pixels")
        .positive("max-radius", s.max_radius,
                  "largest radius (equal to --min-radius: every circle has that radius)")
        .then([&s] { check_settings(s); });
}

void check_settings(const Settings& s) {
    if (s.test_n < 10) throw UsageError("--test-n must be at least 10, got " + std::to_string(s.test_n));
    // A million images already take 3 GB as floats.
    if (s.test_n + s.n > 1'000'000) throw UsageError("--n + --test-n must be at most 1000000");
    if (s.max_radius < s.min_radius)
        throw UsageError("--max-radius (" + format_value(s.max_radius) + ") must be at least --min-radius (" +
                         format_value(s.min_radius) + ")");
    const data::CircleOptions o = image_options(s);
    const double room = 0.5 * std::min(o.width, o.height) - o.margin;
    if (data::outer_radius(o.max_radius, o) > room)
        throw UsageError("--max-radius " + format_value(o.max_radius) + " is too large: a " +
                         (s.shape == data::CircleStyle::Ring ? "ring" : "disc") +
                         " must fit inside the 28 x 28 image with a 1-pixel margin (outer radius at most " +
                         format_value(room) + ")");
}

data::CircleOptions image_options(const Settings& s) {
    data::CircleOptions o;
    o.n = static_cast<int>(s.test_n + s.n);
    o.style = s.shape;
    o.min_radius = s.min_radius;
    o.max_radius = s.max_radius;
    o.seed = s.seed;
    return o;
}

TrainSettings train_settings(const Settings& s, const Options& options) {
    TrainSettings t;
    t.epochs = s.epochs;
    t.beta = s.beta;
    t.seed = s.seed;
    t.verbose = !options.csv();
    return t;
}

}  // namespace vae::circles
