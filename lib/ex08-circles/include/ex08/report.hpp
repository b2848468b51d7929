#pragma once
// The machinery of exercise 8 that is not its lesson: the split into training and held-out
// images, the checks of the student's generator and correlations against lib's, the table and
// the plots (its settings and flags: settings.hpp). The exercise file keeps the image
// generator and the correlations.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ex08/models.hpp"
#include "ex08/settings.hpp"
#include "vae/data/circles.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae::circles {

// The tolerances the golden file's header quotes (the {name}s of exercise 8's tolerance_notes
// in exercises/manifest.json), as they are in the code: "pixel_tolerance" -> "1e-06", ...
std::map<std::string, std::string> tolerance_note_values();
// The golden tolerance of a trained value ("vae_test_kl", ...), from the one table of them,
// each 3 times the spread tools/measure-spread measured. Throws std::logic_error for a name
// that was never measured.
double trained_tolerance(const std::string& name);

// The first test_n images are held out, the rest are for training. Because the generator
// draws image by image, the held-out images stay the same when --n changes.
struct Split {
    data::CircleImages test, train;
};
Split split(const data::CircleImages& all, long test_n);

// ---- The student's generator (TODOs 8a-c), checked before training ----

// The three functions of TODOs 8a-c, as the exercise file writes them.
struct Generator {
    std::function<double(double d, double radius, const data::CircleOptions& o)> pixel_value;  // 8a
    std::function<void(Eigen::Ref<Eigen::RowVectorXf> image, double x, double y, double radius,
                       const data::CircleOptions& o)>
        draw_circle;                                                              // 8b
    std::function<data::CircleImages(const data::CircleOptions& o)> make_images;  // 8c
};

// The run's flags reach one shape and, by default, one radius; these small cases (50 images
// each) reach the rest: discs and rings, each with a fixed and a drawn radius, and a ring on
// a non-square image with its own stroke width and margin.
std::vector<data::CircleOptions> extra_generator_cases();
// "rings (stroke 1.5), radii 3..6, 50 images of 28 x 28, margin 1, seed 7"
std::string describe_case(const data::CircleOptions& o);

// How far the run's images are from make_circles with the same options (0: bit for bit).
// Kept in the table and the golden file although check_generator stops the program on a
// real difference: it allows the rounding of a formula written in another order (a few float
// ulps), and these numbers show how much of that allowance a solution used.
struct GeneratorCheck {
    double max_pixel_difference = 0;
    double max_centre_difference = 0;  // over the centres and the radii, pixels
};
// Compares `yours` (made by generator.make_images(options), the images the models will train
// on) and generator.make_images of every extra_generator_cases() with vae::data::make_circles.
// On the first difference beyond rounding it throws std::logic_error naming the case, the
// image and pixel (or the radius or centre), both values, and the TODO to look at: when the
// pixels differ it tries the same circle with the student's pixel_value (8a) and draw_circle
// (8b) to tell which of the three is wrong.
GeneratorCheck check_generator(const data::CircleImages& yours, const data::CircleOptions& options,
                               const Generator& generator);

// ---- The student's correlations (TODOs 8d-e) ----

// Pearson r of each latent dimension with the centre's x and y, and of the two dimensions.
struct Correlations {
    double z1_x = 0, z1_y = 0, z2_x = 0, z2_y = 0, z1_z2 = 0;
};
// The same five numbers from lib's vae::analysis::pearson (r = 0 when a vector is constant).
Correlations library_correlations(const Matrix& latent, const Matrix& centres);
// max |a - b| over the five fields; infinite when a field of either is not finite.
double max_difference(const Correlations& a, const Correlations& b);

using PearsonFunction = std::function<double(const Vector& a, const Vector& b)>;
using CorrelateFunction = std::function<Correlations(const Matrix& latent, const Matrix& centres)>;
// The student's pearson on a few fixed pairs (related, r = -1, a constant a, a constant b) and
// correlate on a small made-up latent, each against lib's to 1e-12: throws std::logic_error
// with both numbers, the case and the TODO (8d or 8e). Cheap, so it runs before training.
void check_correlations(const PearsonFunction& pearson, const CorrelateFunction& correlate);

// The table (and, with plots on, the PNGs and the GIF) comparing the two models. r_ae and
// r_vae are the student's correlations of each model's test_mu with test.centres.
Report report_circles(const std::string& title, const Options& options, const data::CircleImages& test,
                      const TrainedModel& ae, const Correlations& r_ae, const TrainedModel& vae,
                      const Correlations& r_vae, const GeneratorCheck& check);

}  // namespace vae::circles
