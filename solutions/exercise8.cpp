// Exercise 8 — autoencoder vs VAE on circle images: does the latent find the centre?
// (reference solution)
//
// Make 28 x 28 images of discs (or rings) at random centres, train an autoencoder and a VAE
// with a 2-D latent on them, and measure how each latent dimension correlates with the
// centre's x and y on held-out images. The exercise: docs/exercise8.md.
#include <algorithm>
#include <cmath>
#include <ex08/report.hpp>
#include <vae/exercise.hpp>
#include <vae/rng.hpp>

using vae::circles::Correlations;
using vae::circles::Matrix;
using vae::circles::Vector;
using vae::data::CircleImages;
using vae::data::CircleOptions;
using vae::data::CircleStyle;

// 8a. The share of a pixel the shape covers, from the distance d between the pixel's centre
// and the circle's centre. s is how far the pixel's centre lies outside the shape's edge:
//   disc: s = d - r                 ring: s = |d - r| - w / 2   (w = ring width)
//   value = clamp(0.5 - s, 0, 1)    (an edge fades from 1 to 0 over one pixel)
double pixel_value(double d, double radius, const CircleOptions& o) {
    const double outside =
        o.style == CircleStyle::Ring ? std::abs(d - radius) - 0.5 * o.ring_width : d - radius;
    return std::clamp(0.5 - outside, 0.0, 1.0);
}

// 8b. Pixel (row i, column j) is centred on the point (j, i): d = hypot(j - x, i - y).
void draw_circle(Eigen::Ref<Eigen::RowVectorXf> image, double x, double y, double radius,
                 const CircleOptions& o) {
    for (int i = 0; i < o.height; ++i)
        for (int j = 0; j < o.width; ++j)
            image(i * o.width + j) = static_cast<float>(pixel_value(std::hypot(j - x, i - y), radius, o));
}

// 8c. Per image, from one Rng(seed, Data) in this order: the radius (only if min < max),
// then x, then y, each as lo + (hi - lo) * u. The outer edge R (r for a disc, r + w/2 for a
// ring) stays `margin` inside the image: x in [R + margin - 0.5, width - 0.5 - R - margin].
CircleImages make_images(const CircleOptions& o) {
    CircleImages out;
    out.height = o.height;
    out.width = o.width;
    out.images.resize(o.n, o.height * o.width);
    out.centres.resize(o.n, 2);
    out.radii.resize(o.n);
    vae::Rng rng(o.seed, vae::Stream::Data);
    auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * rng.uniform(); };
    for (int k = 0; k < o.n; ++k) {
        const double radius =
            o.min_radius < o.max_radius ? uniform(o.min_radius, o.max_radius) : o.min_radius;
        const double R = o.style == CircleStyle::Ring ? radius + 0.5 * o.ring_width : radius;
        const double edge = R + o.margin;
        const double x = uniform(edge - 0.5, o.width - 0.5 - edge);
        const double y = uniform(edge - 0.5, o.height - 0.5 - edge);
        out.radii(k) = radius;
        out.centres(k, 0) = x;
        out.centres(k, 1) = y;
        draw_circle(out.images.row(k), x, y, radius, o);
    }
    return out;
}

// 8d. r = sum (a_i - mean a)(b_i - mean b) / sqrt(sum (a_i - mean a)^2 * sum (b_i - mean b)^2)
// A constant vector makes that 0 / 0; like lib, answer 0 ("no linear association").
double pearson(const Vector& a, const Vector& b) {
    const auto constant = [](const Vector& v) { return (v.array() == v(0)).all(); };
    if (constant(a) || constant(b)) return 0;
    const Vector da = a.array() - a.mean();
    const Vector db = b.array() - b.mean();
    return da.dot(db) / std::sqrt(da.squaredNorm() * db.squaredNorm());
}

// 8e. Each latent dimension against the centre's x (column 0) and y (column 1), and the two
// dimensions against each other.
Correlations correlate(const Matrix& latent, const Matrix& centres) {
    Correlations r;
    r.z1_x = pearson(latent.col(0), centres.col(0));
    r.z1_y = pearson(latent.col(0), centres.col(1));
    r.z2_x = pearson(latent.col(1), centres.col(0));
    r.z2_y = pearson(latent.col(1), centres.col(1));
    r.z1_z2 = pearson(latent.col(0), latent.col(1));
    return r;
}

// s holds the flags (images, shape, radii, training: --help lists them); options says where
// the plots go.
vae::Report run_exercise(const vae::circles::Settings& s, const vae::Options& options) {
    namespace circles = vae::circles;
    const CircleOptions geometry = circles::image_options(s);  // from the flags
    const CircleImages all = make_images(geometry);            // 8a-c
    // Yours against lib's before any training: these images, and small cases that reach every
    // branch (discs, rings, drawn radii). A difference stops the program, naming the TODO.
    const circles::GeneratorCheck check =
        circles::check_generator(all, geometry, {pixel_value, draw_circle, make_images});
    circles::check_correlations(pearson, correlate);  // 8d-e, on a few made-up vectors
    const circles::Split data = circles::split(all, s.test_n);

    // Same layers, data and seed; the VAE adds sampling and the KL term.
    const circles::TrainSettings settings = circles::train_settings(s, options);
    const circles::TrainedModel ae =
        circles::train_model(vae::nn::Mode::Autoencoder, data.train.images, data.test.images, settings);
    const circles::TrainedModel vae_model =
        circles::train_model(vae::nn::Mode::Variational, data.train.images, data.test.images, settings);

    const Matrix centres = data.test.centres;
    const Correlations r_ae = correlate(ae.test_mu, centres);          // 8e
    const Correlations r_vae = correlate(vae_model.test_mu, centres);  // 8e
    return circles::report_circles(vae::exercise_info.title, options, data.test, ae, r_ae, vae_model, r_vae,
                                   check);
}

// The program: exercise 8's flags (into circles::Settings), the run above, and the tolerances
// its golden file's header quotes.
const vae::Program vae::program(vae::circles::add_flags, run_exercise, vae::circles::tolerance_note_values);
