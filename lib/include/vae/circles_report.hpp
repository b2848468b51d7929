#pragma once
// The machinery of exercise 8 that is not its lesson: its flags, the split into training and
// held-out images, the check of the student's generator against lib's, the table and the
// plots. The exercise file keeps the image generator and the correlations.
#include <string>
#include <utility>
#include <vector>

#include "vae/circles_models.hpp"
#include "vae/data/circles.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae::circles {

// Exercise 8's own flags: --seed, --n (training images), --test-n, --epochs, --beta, --shape,
// --min-radius, --max-radius.
std::vector<FlagSpec> flags();
// Why the golden file's tolerances are what they are (written into its header).
std::vector<std::string> golden_comments();

// The generator's settings for all the images (held-out first, then training): n is
// --test-n + --n. Throws UsageError when the radii are out of order or do not fit.
data::CircleOptions image_options(const Options& options);
// The training settings from --epochs, --beta and --seed (stderr lines unless --csv).
TrainSettings train_settings(const Options& options);

// The first test_n images are held out, the rest are for training. Because the generator
// draws image by image, the held-out images stay the same when --n changes.
struct Split {
    data::CircleImages test, train;
};
Split split(const data::CircleImages& all, long test_n);
long test_count(const Options& options);

// Pearson r of each latent dimension with the centre's x and y, and of the two dimensions.
struct Correlations {
    double z1_x = 0, z1_y = 0, z2_x = 0, z2_y = 0, z1_z2 = 0;
};

// The largest differences between images and centres made by another generator (the
// student's) and make_circles with the same options: 0 when they agree bit for bit.
struct GeneratorCheck {
    double max_pixel_difference = 0;
    double max_centre_difference = 0;
};
GeneratorCheck compare_with_library(const data::CircleImages& own, const data::CircleOptions& options);

// The table (and, with plots on, the PNGs and the GIF) comparing the two models.
Report report_circles(const std::string& title, const Options& options, const data::CircleImages& test,
                      const TrainedModel& ae, const Correlations& r_ae, const TrainedModel& vae,
                      const Correlations& r_vae, const GeneratorCheck& check);

}  // namespace vae::circles
