#include "ex08/report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "ex08/alignment.hpp"
#include "ex08/history.hpp"
#include "ex08/plots.hpp"
#include "vae/analysis/correlation.hpp"
#include "vae/error.hpp"
#include "vae/format.hpp"
#include "vae/plot_helpers.hpp"

namespace vae::circles {

namespace {

// ---- Exercise 8's golden tolerances, all of them ----
// A golden value passes when |got - expected| <= tolerance * max(1, |expected|) (golden.hpp).
// Trained numbers move between CPUs and compilers. Each tolerance below is 3 times the largest
// deviation from the golden value that tools/measure-spread found over 21 runs (builds for
// native AVX-512, x86-64-v3 and x86-64; at each, the run itself and 6 replicas whose initial
// weights were nudged by 16 float ulps), rounded up to 1, 2 or 5 x 10^k. All these values are
// below 1 except the KL, so all but the KL's are absolute. Measured 2026-11-30 on an Intel Xeon
// (Sapphire Rapids); the largest deviations are in the golden file's header (exercise 8's
// tolerance_notes in exercises/manifest.json).
struct TrainedTolerance {
    const char* name;
    double tolerance;
};
constexpr TrainedTolerance kTrainedTolerances[] = {
    {"ae_recon_mse", 5e-3},            // largest deviation 1.1e-3
    {"ae_variance_explained", 5e-2},   // 1.5e-2
    {"ae_canonical_r1", 5e-2},         // 1.3e-2
    {"ae_canonical_r2", 1e-1},         // 1.7e-2
    {"ae_abs_r_z1_z2", 2e-1},          // 4.4e-2
    {"vae_recon_mse", 1e-2},           // 1.8e-3
    {"vae_variance_explained", 1e-1},  // 2.5e-2
    {"vae_canonical_r1", 5e-2},        // 7.6e-3
    {"vae_canonical_r2", 2e-1},        // 5.1e-2
    {"vae_abs_r_z1_z2", 2e-1},         // 4.3e-2
    {"vae_test_kl", 2e-1},             // 4.5e-2 relative (the KL is about 9 nats)
    {"vae_sigma_min", 5e-2},           // 9.8e-3
    {"vae_sigma_max", 1e-1},           // 1.8e-2
    // The last epoch's loss terms (history.cpp), nats per image, so relative. The VAE's
    // reconstruction terms (7.4e-2) and the per-axis KL (6.9e-2) are printed only: the golden
    // file's header says why.
    {"ae_final_train_recon", 5e-2},  // 1.4e-2
    {"ae_final_test_recon", 2e-1},   // 3.7e-2
    {"vae_final_train_kl", 1e-1},    // 1.9e-2
};

// No training involved: exact up to rounding. The first two are also how far check_generator
// lets a pixel or a centre stray, so a run that got this far always passes them.
constexpr double kPixelTol = 1e-6;          // a few float ulps of a pixel in [0, 1]
constexpr double kCentreTol = 1e-9;         // a centre or a radius, pixels
constexpr double kPixelVarianceTol = 1e-9;  // relative
constexpr double kPearsonTol = 1e-12;       // the student's r against lib's (and check_correlations)

// check_generator's allowance for pixel_value, which works in double.
constexpr double kPixelValueSlack = 1e-9;

const char* const kGeneratorTodos = "8a-c (pixel_value, draw_circle, make_images)";
const char* const kCorrelationTodos = "8d-e (pearson, correlate)";

std::string num(double v) { return format_value(v); }

// Written as a negation so that a NaN counts as a difference.
bool differ(double got, double expected, double allowed) { return !(std::abs(got - expected) <= allowed); }

data::CircleImages rows_of(const data::CircleImages& all, long first, long count) {
    data::CircleImages out;
    out.height = all.height;
    out.width = all.width;
    out.images = all.images.middleRows(first, count);
    out.centres = all.centres.middleRows(first, count);
    out.radii = all.radii.segment(first, count);
    return out;
}

// ---- check_generator ----

// what: where the images differ; hint: which TODO to look at, and what it should do.
[[noreturn]] void generator_differs(const std::string& case_name, const std::string& what,
                                    const std::string& hint) {
    throw std::logic_error("your images differ from lib's (vae::data::make_circles) for " + case_name +
                           ", one of the checks before training: " + what + hint);
}

std::string pixel_formula(const data::CircleOptions& o) {
    if (o.style == data::CircleStyle::Disc) return "its disc branch: s = d - r, value = clamp(0.5 - s, 0, 1)";
    return "its ring branch: s = |d - r| - w / 2 with w = o.ring_width (" + num(o.ring_width) +
           "), value = clamp(0.5 - s, 0, 1)";
}

// Image k's pixel p differs while its centre and radius agree. Drawing that same circle with
// the student's pixel_value, then draw_circle, tells which of 8a, 8b and 8c went wrong.
[[noreturn]] void explain_pixel(const data::CircleImages& yours, const data::CircleImages& lib, long k,
                                long p, const data::CircleOptions& o, const Generator& g,
                                const std::string& case_name) {
    auto where = [&o](long q) {
        return "pixel (row " + std::to_string(q / o.width) + ", column " + std::to_string(q % o.width) + ")";
    };
    const double x = lib.centres(k, 0), y = lib.centres(k, 1), r = lib.radii(k);
    const std::string what = "image " + std::to_string(k) + ", " + where(p) + " is " +
                             num(yours.images(k, p)) + " in yours and " + num(lib.images(k, p)) +
                             " in lib's (both put the circle at x = " + num(x) + ", y = " + num(y) +
                             " with radius " + num(r) + "). ";

    const double d = std::hypot(static_cast<double>(p % o.width) - x, static_cast<double>(p / o.width) - y);
    const double mine = g.pixel_value(d, r, o), ref = data::circle_pixel_value(d, r, o);
    if (differ(mine, ref, kPixelValueSlack))
        generator_differs(case_name, what,
                          "That pixel's centre is d = " + num(d) + " from the circle's, and your " +
                              "pixel_value(d, r) gives " + num(mine) + " where lib's gives " + num(ref) +
                              ": look at TODO 8a (pixel_value), " + pixel_formula(o) + ".");

    const Eigen::Index pixels = static_cast<Eigen::Index>(o.height) * o.width;
    // Starts at -1 so that a pixel draw_circle never sets shows as a difference.
    Eigen::RowVectorXf drawn = Eigen::RowVectorXf::Constant(pixels, -1.0f), expected(pixels);
    g.draw_circle(drawn, x, y, r, o);
    data::draw_circle(expected, o.height, o.width, x, y, r, o);
    for (Eigen::Index q = 0; q < pixels; ++q)
        if (differ(drawn(q), expected(q), kPixelTol))
            generator_differs(
                case_name, what,
                "Your pixel_value agrees with lib's there, but your draw_circle of that circle sets " +
                    where(q) + " to " + num(drawn(q)) + " where lib's sets " + num(expected(q)) +
                    ": look at TODO 8b (draw_circle): pixel (row i, column j) is centred on the "
                    "point (j, i), d = std::hypot(j - x, i - y), and is image(i * o.width + j); "
                    "every pixel is set.");
    generator_differs(case_name, what,
                      "Your pixel_value and draw_circle draw that circle as lib's do, so your make_images "
                      "stores something else in row " +
                          std::to_string(k) +
                          ": look at TODO 8c (make_images): draw_circle(out.images.row(k), x, y, radius, o) "
                          "with image k's own centre and radius.");
}

// One case: the student's images against make_circles with the same options.
GeneratorCheck compare_case(const data::CircleImages& yours, const data::CircleOptions& o, const Generator& g,
                            const std::string& case_name) {
    const data::CircleImages lib = data::make_circles(o);
    const long n = lib.size(), pixels = static_cast<long>(lib.images.cols());
    auto count = [](long v) { return std::to_string(v); };
    if (yours.images.rows() != n || yours.images.cols() != pixels || yours.centres.rows() != n ||
        yours.radii.size() != n)
        generator_differs(case_name,
                          "your make_images gives " + count(yours.images.rows()) + " x " +
                              count(yours.images.cols()) + " pixels, " + count(yours.centres.rows()) +
                              " centres and " + count(yours.radii.size()) + " radii where lib's gives " +
                              count(n) + " x " + count(pixels) + ", " + count(n) + " and " + count(n) + ". ",
                          "Look at TODO 8c (make_images): o.n images, each one row of o.height * o.width "
                          "pixels, one centre and one radius.");
    const std::string placement =
        "Look at TODO 8c (make_images): one vae::Rng(o.seed, vae::Stream::Data) for all images; per image "
        "the radius (a draw only when min_radius < max_radius), then x, then y, each lo + (hi - lo) * "
        "rng.uniform(); x in [R + margin - 0.5, width - 0.5 - R - margin], y likewise with height; R = r for "
        "a disc, r + w / 2 for a ring.";
    GeneratorCheck c;
    for (long k = 0; k < n; ++k) {
        const std::string image = "image " + count(k);
        if (differ(yours.radii(k), lib.radii(k), kCentreTol))
            generator_differs(case_name,
                              image + " has radius " + num(yours.radii(k)) + " in yours and " +
                                  num(lib.radii(k)) + " in lib's. ",
                              placement);
        for (int axis = 0; axis < 2; ++axis)
            if (differ(yours.centres(k, axis), lib.centres(k, axis), kCentreTol))
                generator_differs(case_name,
                                  image + "'s centre " + (axis == 0 ? "x" : "y") + " is " +
                                      num(yours.centres(k, axis)) + " in yours and " +
                                      num(lib.centres(k, axis)) + " in lib's (radius " + num(lib.radii(k)) +
                                      " in both). ",
                                  placement);
        for (long p = 0; p < pixels; ++p)
            if (differ(yours.images(k, p), lib.images(k, p), kPixelTol))
                explain_pixel(yours, lib, k, p, o, g, case_name);
        c.max_centre_difference = std::max({c.max_centre_difference, std::abs(yours.radii(k) - lib.radii(k)),
                                            std::abs(yours.centres(k, 0) - lib.centres(k, 0)),
                                            std::abs(yours.centres(k, 1) - lib.centres(k, 1))});
    }
    if (n > 0)
        c.max_pixel_difference =
            (yours.images.cast<double>() - lib.images.cast<double>()).cwiseAbs().maxCoeff();
    return c;
}

// ---- The report ----

// "z_1 follows x (r = 0.98)" style verdicts. A dimension tracks one coordinate when it
// correlates strongly with it (|r| >= 0.9) and weakly with the other (|r| <= 0.25).
bool tracks_axes(const Correlations& r) {
    auto one_axis = [](double a, double b) { return std::abs(a) >= 0.9 && std::abs(b) <= 0.25; };
    const bool straight = one_axis(r.z1_x, r.z1_y) && one_axis(r.z2_y, r.z2_x);
    const bool swapped = one_axis(r.z1_y, r.z1_x) && one_axis(r.z2_x, r.z2_y);
    return straight || swapped;
}

// Everything reported about one model; returns the best rotation for the notes. The golden
// file gets what the objective fixes whichever way the latent plane is turned; the numbers
// that turn with it are printed only (add_unchecked), because the objective barely cares
// which way it points and a correct run on another CPU may land tens of degrees away.
Rotation add_model(Report& report, const TrainedModel& m, const Correlations& r, const Correlations& lib,
                   const data::CircleImages& test, double pixel_var) {
    const std::string k = m.key() + "_", who = m.name();
    const std::string latent = m.variational() ? "mu_" : "z_";
    const double explained = 1 - m.recon_mse / pixel_var;
    report.add(k + "recon_mse", m.recon_mse, who + ": mean squared pixel error of held-out reconstructions",
               trained_tolerance(k + "recon_mse"));
    report.add(k + "variance_explained", explained, who + ": 1 - recon_mse / pixel_variance (1 = perfect)",
               trained_tolerance(k + "variance_explained"));
    // Canonical correlations do not change under any invertible linear map of the latent,
    // rotations included.
    const Vector cc = canonical_correlations(m.test_mu, test.centres);
    report.add(k + "canonical_r1", cc(0), who + ": first canonical correlation, latent vs centre",
               trained_tolerance(k + "canonical_r1"));
    report.add(k + "canonical_r2", cc(1), who + ": second canonical correlation",
               trained_tolerance(k + "canonical_r2"));
    // From lib's pearson, so that a wrong pearson fails pearson_max_diff alone.
    report.add(k + "abs_r_z1_z2", std::abs(lib.z1_z2), who + ": |r(" + latent + "1, " + latent + "2)|",
               trained_tolerance(k + "abs_r_z1_z2"));

    report.add_unchecked(k + "r_z1_x", r.z1_x, who + ": r(" + latent + "1, centre x)");
    report.add_unchecked(k + "r_z1_y", r.z1_y, who + ": r(" + latent + "1, centre y)");
    report.add_unchecked(k + "r_z2_x", r.z2_x, who + ": r(" + latent + "2, centre x)");
    report.add_unchecked(k + "r_z2_y", r.z2_y, who + ": r(" + latent + "2, centre y)");
    report.add_unchecked(k + "r_z1_z2", r.z1_z2, who + ": r(" + latent + "1, " + latent + "2)");
    report.depends_on(k + "r_", kCorrelationTodos);
    const Alignment raw = axis_alignment(m.test_mu, test.centres);
    const Rotation best = best_rotation(m.test_mu, test.centres);
    report.add_unchecked(k + "axis_alignment", raw.score,
                         who + ": mean |r| of each dimension with its best-matching coordinate");
    report.add_unchecked(k + "best_rotation_deg", best.angle_deg,
                         who + ": rotation of the standardised latent that aligns it best (degrees)");
    report.add_unchecked(k + "rotated_alignment", best.alignment.score,
                         who + ": axis_alignment after that rotation");
    return best;
}

std::string describe(const TrainedModel& m, const Correlations& r, const Rotation& best) {
    std::string s = m.name() + ": ";
    if (tracks_axes(r)) {
        s += "each dimension tracks one coordinate of the centre";
    } else {
        s += "the dimensions mix x and y";
    }
    s += " (r with x, y: z_1 " + vae::fixed(r.z1_x, 2) + ", " + vae::fixed(r.z1_y, 2) + "; z_2 " +
         vae::fixed(r.z2_x, 2) + ", " + vae::fixed(r.z2_y, 2) + "; r(z_1, z_2) = " + vae::fixed(r.z1_z2, 2) +
         ").";
    s += " Rotating the standardised latent by " + vae::fixed(best.angle_deg, 1) +
         " degrees gives mean |r| " + vae::fixed(best.alignment.score, 2) + ".";
    return s;
}

}  // namespace

double trained_tolerance(const std::string& name) {
    for (const auto& t : kTrainedTolerances)
        if (name == t.name) return t.tolerance;
    throw std::logic_error("exercise 8 has no measured tolerance for " + name);
}

std::map<std::string, std::string> tolerance_note_values() {
    return {{"pixel_tolerance", num(kPixelTol)},
            {"centre_tolerance", num(kCentreTol)},
            {"pixel_variance_tolerance", num(kPixelVarianceTol)},
            {"pearson_tolerance", num(kPearsonTol)}};
}

Split split(const data::CircleImages& all, long test_n) {
    if (test_n < 1 || test_n >= all.size())
        throw std::invalid_argument("split: need 1 <= test_n < " + std::to_string(all.size()));
    return {rows_of(all, 0, test_n), rows_of(all, test_n, all.size() - test_n)};
}

std::vector<data::CircleOptions> extra_generator_cases() {
    data::CircleOptions base;
    base.n = 50;
    // Not the default run's 42, so a seed written into the code instead of o.seed shows.
    base.seed = 7;
    std::vector<data::CircleOptions> cases;
    for (const auto style : {data::CircleStyle::Disc, data::CircleStyle::Ring}) {
        for (const double max_radius : {4.0, 6.0}) {
            data::CircleOptions o = base;
            o.style = style;
            o.min_radius = max_radius == 4.0 ? 4.0 : 3.0;
            o.max_radius = max_radius;
            cases.push_back(o);
        }
    }
    // Not square, with its own stroke and margin: height and width, ring_width and margin
    // must each come from the options, not from 28, 1.5 and 1.
    data::CircleOptions odd = base;
    odd.style = data::CircleStyle::Ring;
    odd.min_radius = 3;
    odd.max_radius = 6;
    odd.ring_width = 2;
    odd.margin = 2;
    odd.height = 20;
    odd.width = 24;
    cases.push_back(odd);
    return cases;
}

std::string describe_case(const data::CircleOptions& o) {
    const std::string shape =
        o.style == data::CircleStyle::Ring ? "rings (stroke " + num(o.ring_width) + ")" : "discs";
    const std::string radii = o.min_radius < o.max_radius
                                  ? "radii " + num(o.min_radius) + ".." + num(o.max_radius)
                                  : "radius " + num(o.min_radius);
    return shape + ", " + radii + ", " + std::to_string(o.n) + " images of " + std::to_string(o.height) +
           " rows x " + std::to_string(o.width) + " columns, margin " + num(o.margin) + ", seed " +
           std::to_string(o.seed);
}

GeneratorCheck check_generator(const data::CircleImages& yours, const data::CircleOptions& options,
                               const Generator& generator) {
    const GeneratorCheck run =
        compare_case(yours, options, generator, "the run's own images (" + describe_case(options) + ")");
    for (const data::CircleOptions& o : extra_generator_cases())
        compare_case(generator.make_images(o), o, generator, describe_case(o));
    return run;
}

Correlations library_correlations(const Matrix& latent, const Matrix& centres) {
    if (latent.cols() != 2 || centres.cols() != 2 || latent.rows() != centres.rows())
        throw std::invalid_argument("library_correlations: needs two n x 2 matrices");
    auto r = [](const Vector& a, const Vector& b) { return analysis::pearson(a, b).r; };
    Correlations c;
    c.z1_x = r(latent.col(0), centres.col(0));
    c.z1_y = r(latent.col(0), centres.col(1));
    c.z2_x = r(latent.col(1), centres.col(0));
    c.z2_y = r(latent.col(1), centres.col(1));
    c.z1_z2 = r(latent.col(0), latent.col(1));
    return c;
}

namespace {

// The five fields by name, with the lib call each one should equal.
struct Field {
    const char* name;
    double Correlations::*value;
    const char* lib_call;
};
constexpr Field kFields[] = {
    {"z1_x", &Correlations::z1_x, "pearson(latent.col(0), centres.col(0))"},
    {"z1_y", &Correlations::z1_y, "pearson(latent.col(0), centres.col(1))"},
    {"z2_x", &Correlations::z2_x, "pearson(latent.col(1), centres.col(0))"},
    {"z2_y", &Correlations::z2_y, "pearson(latent.col(1), centres.col(1))"},
    {"z1_z2", &Correlations::z1_z2, "pearson(latent.col(0), latent.col(1))"},
};

}  // namespace

double max_difference(const Correlations& a, const Correlations& b) {
    double worst = 0;
    for (const Field& f : kFields) {
        const double d = std::abs(a.*f.value - b.*f.value);
        if (!std::isfinite(d)) return std::numeric_limits<double>::infinity();
        worst = std::max(worst, d);
    }
    return worst;
}

void check_correlations(const PearsonFunction& pearson, const CorrelateFunction& correlate) {
    Vector a(7), b(7);
    a << 1.5, -0.25, 3.0, 2.25, 0.5, -1.0, 4.0;
    b << 2.0, 1.0, 2.5, 4.0, 0.0, -0.5, 3.0;
    const Vector line = (3.0 - 2.0 * a.array()).matrix();
    // Seven copies of 0.5 have the mean 0.5 exactly, so a - mean a is exactly 0 and the bare
    // formula gives 0 / 0. (Where the mean misses by a bit, it gives about 1e-17 instead.)
    const Vector constant = Vector::Constant(7, 0.5);
    struct Case {
        const char* what;
        const Vector& x;
        const Vector& y;
    };
    const Case cases[] = {{"a = (1.5, -0.25, 3, 2.25, 0.5, -1, 4) and b = (2, 1, 2.5, 4, 0, -0.5, 3)", a, b},
                          {"that a and b = 3 - 2 a (r = -1)", a, line},
                          {"a constant (seven entries of 0.5) and that b", constant, b},
                          {"that a and b constant (seven entries of 0.5)", a, constant}};
    for (const Case& c : cases) {
        const double got = pearson(c.x, c.y), want = analysis::pearson(c.x, c.y).r;
        if (!differ(got, want, kPearsonTol)) continue;
        const bool is_constant = analysis::is_constant(c.x) || analysis::is_constant(c.y);
        throw std::logic_error(
            "your pearson gives " + num(got) + " for " + c.what +
            " where lib's vae::analysis::pearson gives " + num(want) +
            " (checked before training): look at TODO 8d (pearson): " +
            (is_constant
                 ? "when every entry of a (or of b) equals its first entry, r is 0 / 0; return 0 there, "
                   "as lib does."
                 : "r = sum (a_i - mean a)(b_i - mean b) / sqrt(sum (a_i - mean a)^2 * sum "
                   "(b_i - mean b)^2)."));
    }

    // A made-up latent whose five correlations all differ, so a swapped field shows.
    Matrix centres(20, 2), latent(20, 2);
    for (int i = 0; i < 20; ++i) {
        centres(i, 0) = (7 * i) % 20;
        centres(i, 1) = (3 * i) % 11 + 0.5 * (i % 3);
        latent(i, 0) = 0.8 * centres(i, 0) - 0.3 * centres(i, 1) + (i % 4);
        latent(i, 1) = -0.2 * centres(i, 0) + 0.9 * centres(i, 1) - 0.5 * (i % 5);
    }
    const Correlations got = correlate(latent, centres), want = library_correlations(latent, centres);
    for (const Field& f : kFields)
        if (differ(got.*f.value, want.*f.value, kPearsonTol))
            throw std::logic_error(std::string("your correlate's ") + f.name + " is " + num(got.*f.value) +
                                   " where lib's " + f.lib_call + " gives " + num(want.*f.value) +
                                   " on a made-up 20-point latent (checked before training): look at TODO 8e "
                                   "(correlate): column 0 of centres is x, column 1 is y; column k of latent "
                                   "is z_(k+1).");
}

Report report_circles(const std::string& title, const Options& options, const data::CircleImages& test,
                      const TrainedModel& ae, const Correlations& r_ae, const TrainedModel& vae,
                      const Correlations& r_vae, const GeneratorCheck& check) {
    Report report(title);
    report.add("generator_max_pixel_diff", check.max_pixel_difference,
               "largest |your pixel - lib's pixel| over the run's images (0 = identical)", kPixelTol);
    report.add("generator_max_centre_diff", check.max_centre_difference,
               "largest |your centre or radius - lib's|, pixels", kCentreTol);
    const double pixel_var = pixel_variance(test.images);
    report.add("pixel_variance", pixel_var,
               "held-out images: mean pixel variance (error of always guessing the mean image)",
               kPixelVarianceTol);
    report.depends_on("generator_", kGeneratorTodos);
    report.depends_on("pixel_variance", kGeneratorTodos);

    const Correlations lib_ae = library_correlations(ae.test_mu, test.centres);
    const Correlations lib_vae = library_correlations(vae.test_mu, test.centres);
    report.add("pearson_max_diff", std::max(max_difference(r_ae, lib_ae), max_difference(r_vae, lib_vae)),
               "largest |your r - lib's r| over both models' five correlations (0 = identical)", kPearsonTol);
    report.depends_on("pearson_", kCorrelationTodos);

    const Rotation ae_best = add_model(report, ae, r_ae, lib_ae, test, pixel_var);
    const Rotation vae_best = add_model(report, vae, r_vae, lib_vae, test, pixel_var);

    report.add("vae_test_kl", vae.test_kl, "VAE: KL(q(z|x) || N(0, I)) on held-out images, nats",
               trained_tolerance("vae_test_kl"));
    // Sorted, because which latent axis has the wider posterior turns with the latent.
    const Vector sigma = (0.5 * vae.test_logvar.array()).exp().colwise().mean().transpose();
    const double sigma_min = sigma.minCoeff(), sigma_max = sigma.maxCoeff();
    report.add("vae_sigma_min", sigma_min, "VAE: mean posterior sigma, the narrower axis (prior: 1)",
               trained_tolerance("vae_sigma_min"));
    report.add("vae_sigma_max", sigma_max, "VAE: mean posterior sigma, the wider axis",
               trained_tolerance("vae_sigma_max"));
    // Printed only: it measures how elongated the posteriors are, and a small change in that
    // shows in the thin margin this number is made of (it is not rotation invariant either).
    const double gap45 = rotation_elbo_gap(vae.test_logvar, kPi / 4);
    report.add_unchecked("vae_elbo_gap_rotate45", gap45,
                         "VAE: ELBO lost, nats per image, if its latent were turned 45 degrees");
    add_kl_per_dimension(report, vae);
    add_final_epoch_quantities(report, ae, vae);
    // Everything else was trained by lib on the student's images.
    report.depends_on("", kGeneratorTodos);

    report.note(describe(ae, r_ae, ae_best));
    report.note(describe(vae, r_vae, vae_best));
    report.note("Reconstruction: the autoencoder explains " +
                vae::fixed(100 * (1 - ae.recon_mse / pixel_var), 1) + "% of the pixel variance, the VAE " +
                vae::fixed(100 * (1 - vae.recon_mse / pixel_var), 1) + "%.");
    report.note("Canonical correlations (" + vae::fixed(report.value("ae_canonical_r1"), 2) + ", " +
                vae::fixed(report.value("ae_canonical_r2"), 2) + ") for the autoencoder and (" +
                vae::fixed(report.value("vae_canonical_r1"), 2) + ", " +
                vae::fixed(report.value("vae_canonical_r2"), 2) +
                ") for the VAE: near 1 means the centre is a linear function of the latent, "
                "whichever way its axes point.");
    report.note(
        "Why the axes are only loosely pinned: turn the latent and the decoder back, and "
        "log p(x) stays the same, because N(0, I) is round. The ELBO is log p(x) minus "
        "KL(q || true posterior), and only that gap can tell the turned model from the "
        "original: a diagonal q cannot follow a turned posterior unless the posterior is "
        "round (sigma_1 = sigma_2). Here a 45-degree turn would cost " +
        vae::fixed(gap45, 4) + " nats per image (vae_elbo_gap_rotate45).");
    report.note(
        "One seed decides the orientation: try --seed 1 to 8. In nine seeds the VAE's "
        "dimensions were always uncorrelated, but lined up with x and y (within 10 "
        "degrees) in only four (docs/exercise8.md).");
    report.note(
        "Printed but not checked by the golden test, because they turn with the latent and the "
        "objective hardly cares which way it points: the per-axis r_z*_x, r_z*_y and r_z1_z2, "
        "axis_alignment, best_rotation_deg, rotated_alignment and vae_elbo_gap_rotate45.");
    kl_per_dimension_note(report, vae);
    history_notes(report, ae, vae);

    if (options.plots()) {
        const std::string dir = options.plot_dir();
        plot_latent_vs_centre(plot::png_path(dir, "exercise8_latent_vs_centre"), test, ae, vae);
        plot_decoded_grid(plot::png_path(dir, "exercise8_ae_decoded_grid"), ae);
        plot_decoded_grid(plot::png_path(dir, "exercise8_vae_decoded_grid"), vae);
        plot_reconstructions(plot::png_path(dir, "exercise8_reconstructions"), test, ae, vae);
        save_latent_sweep_gif(dir + "/exercise8_latent_sweep.gif", ae, vae);
        plot_training_history(plot::png_path(dir, "exercise8_training"), ae, vae);
    }
    return report;
}

}  // namespace vae::circles
