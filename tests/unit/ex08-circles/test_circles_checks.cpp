// Exercise 8's checks of a student's code before training: the generator (8a-c) against
// make_circles on the run's images and on extra cases that reach every branch, and pearson and
// correlate (8d-e) against lib's pearson. A wrong generator must be stopped with a message that
// names the case and the TODO, not trained on.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "catch_compat.hpp"
#include "ex08/report.hpp"
#include "vae/analysis/correlation.hpp"
#include "vae/error.hpp"
#include "vae/rng.hpp"

namespace test_circles_checks {

using vae::circles::Correlations;
using vae::circles::Generator;
using vae::circles::Matrix;
using vae::circles::Vector;
using vae::data::CircleImages;
using vae::data::CircleOptions;
using vae::data::CircleStyle;

namespace {

// Slips a student could make, one switch each.
struct Slips {
    bool ring_full_width = false;      // 8a: s = |d - r| - w instead of w / 2
    bool swapped_axes = false;         // 8b: d = hypot(i - x, j - y)
    bool radius_never_drawn = false;   // 8c: r = min_radius whatever max_radius is
    bool radius_after_centre = false;  // 8c: x, y, then the radius
    bool draws_min_radius = false;     // 8c: stores the drawn radius but draws min_radius
    bool y_range_from_width = false;   // 8c: y's range from o.width
};

// A generator written from the exercise's task text, independently of lib, with those slips.
Generator student(Slips slips = {}) {
    Generator g;
    g.pixel_value = [slips](double d, double r, const CircleOptions& o) {
        const double half = slips.ring_full_width ? o.ring_width : 0.5 * o.ring_width;
        const double s = o.style == CircleStyle::Ring ? std::abs(d - r) - half : d - r;
        return std::clamp(0.5 - s, 0.0, 1.0);
    };
    g.draw_circle = [slips, value = g.pixel_value](Eigen::Ref<Eigen::RowVectorXf> image, double x, double y,
                                                   double r, const CircleOptions& o) {
        for (int i = 0; i < o.height; ++i)
            for (int j = 0; j < o.width; ++j) {
                const double d = slips.swapped_axes ? std::hypot(i - x, j - y) : std::hypot(j - x, i - y);
                image(i * o.width + j) = static_cast<float>(value(d, r, o));
            }
    };
    g.make_images = [slips, draw = g.draw_circle](const CircleOptions& o) {
        CircleImages out;
        out.height = o.height;
        out.width = o.width;
        out.images.resize(o.n, o.height * o.width);
        out.centres.resize(o.n, 2);
        out.radii.resize(o.n);
        vae::Rng rng(o.seed, vae::Stream::Data);
        auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * rng.uniform(); };
        auto draw_radius = [&] {
            return o.min_radius < o.max_radius && !slips.radius_never_drawn
                       ? uniform(o.min_radius, o.max_radius)
                       : o.min_radius;
        };
        for (int k = 0; k < o.n; ++k) {
            double r = slips.radius_after_centre ? 0.0 : draw_radius();
            // With the radius drawn last, the centre's range uses the largest radius.
            const double R = (slips.radius_after_centre ? o.max_radius : r) +
                             (o.style == CircleStyle::Ring ? 0.5 * o.ring_width : 0.0);
            const double edge = R + o.margin;
            const double x = uniform(edge - 0.5, o.width - 0.5 - edge);
            const double y =
                uniform(edge - 0.5, (slips.y_range_from_width ? o.width : o.height) - 0.5 - edge);
            if (slips.radius_after_centre) r = draw_radius();
            out.radii(k) = r;
            out.centres(k, 0) = x;
            out.centres(k, 1) = y;
            draw(out.images.row(k), x, y, slips.draws_min_radius ? o.min_radius : r, o);
        }
        return out;
    };
    return g;
}

// The golden run's settings, fewer images: discs of one radius, which reach neither the ring
// branch nor a drawn radius.
CircleOptions golden_like_run() {
    CircleOptions o;
    o.n = 40;
    o.style = CircleStyle::Disc;
    o.min_radius = o.max_radius = 5;
    o.seed = 42;
    return o;
}

// The check's message for a generator on a run, or "" when it passes.
std::string stop_message(const Generator& g, const CircleOptions& run = golden_like_run()) {
    try {
        vae::circles::check_generator(g.make_images(run), run, g);
    } catch (const std::logic_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("check_generator: a generator written from the task text passes every case", "[ex8]") {
    const Generator g = student();
    for (CircleOptions run : {golden_like_run(), vae::circles::extra_generator_cases().back()}) {
        run.n = 30;
        const auto check = vae::circles::check_generator(g.make_images(run), run, g);
        CHECK(check.max_pixel_difference == 0.0);
        // Not exactly 0: whether lo + (hi - lo) * u is rounded once (an FMA) or twice depends on
        // how the compiler optimised the file that computes it, as with a student's generator.
        CHECK(check.max_centre_difference <= 1e-13);
    }
}

TEST_CASE("extra_generator_cases reach both shapes, both radius branches and a non-square image", "[ex8]") {
    bool disc_fixed = false, disc_drawn = false, ring_fixed = false, ring_drawn = false, odd = false;
    for (const CircleOptions& o : vae::circles::extra_generator_cases()) {
        CHECK_NOTHROW(vae::data::make_circles(o));
        CHECK(o.seed != 42);  // not the default run's seed
        const bool drawn = o.min_radius < o.max_radius;
        (o.style == CircleStyle::Disc ? (drawn ? disc_drawn : disc_fixed)
                                      : (drawn ? ring_drawn : ring_fixed)) = true;
        odd = odd ||
              (o.height != o.width && o.ring_width != 1.5 && o.margin != 1 && o.style == CircleStyle::Ring);
    }
    CHECK(disc_fixed);
    CHECK(disc_drawn);
    CHECK(ring_fixed);
    CHECK(ring_drawn);
    CHECK(odd);
    CHECK(vae::circles::describe_case(vae::circles::extra_generator_cases()[3]) ==
          "rings (stroke 1.5), radii 3..6, 50 images of 28 rows x 28 columns, margin 1, seed 7");
}

TEST_CASE("check_generator stops a ring drawn with the full stroke width, though the run draws discs",
          "[ex8]") {
    Slips slips;
    slips.ring_full_width = true;
    const std::string message = stop_message(student(slips));
    INFO(message);
    CHECK_THAT(message, ContainsText("for rings (stroke 1.5), radius 4, 50 images"));
    CHECK_THAT(message, ContainsText("before training"));
    CHECK_THAT(message, ContainsText("image 0, pixel (row "));
    CHECK_THAT(message, ContainsText("TODO 8a (pixel_value), its ring branch"));
}

TEST_CASE("check_generator stops a radius drawn wrongly, though the run has one radius", "[ex8]") {
    SECTION("never drawn") {
        Slips slips;
        slips.radius_never_drawn = true;
        const std::string message = stop_message(student(slips));
        INFO(message);
        CHECK_THAT(message, ContainsText("for discs, radii 3..6, 50 images"));
        CHECK_THAT(message, ContainsText("image 0 has radius 3 in yours and "));
        CHECK_THAT(message, ContainsText("TODO 8c (make_images)"));
    }
    SECTION("drawn after the centre") {
        Slips slips;
        slips.radius_after_centre = true;
        const std::string message = stop_message(student(slips));
        INFO(message);
        CHECK_THAT(message, ContainsText("for discs, radii 3..6"));
        CHECK_THAT(message, ContainsText("TODO 8c (make_images)"));
    }
    SECTION("drawn and stored, but the circle drawn with min_radius") {
        Slips slips;
        slips.draws_min_radius = true;
        const std::string message = stop_message(student(slips));
        INFO(message);
        CHECK_THAT(message, ContainsText("for discs, radii 3..6"));
        CHECK_THAT(message, ContainsText("draw that circle as lib's do"));
        CHECK_THAT(message, ContainsText("TODO 8c (make_images)"));
    }
}

TEST_CASE("check_generator names 8b for swapped axes and 8c for a range from the wrong size", "[ex8]") {
    Slips swapped;
    swapped.swapped_axes = true;
    const std::string message = stop_message(student(swapped));
    INFO(message);
    CHECK_THAT(message, ContainsText("the run's own images (discs, radius 5, 40 images"));
    CHECK_THAT(message, ContainsText("TODO 8b (draw_circle)"));

    Slips width;
    width.y_range_from_width = true;
    const std::string wrong_range = stop_message(student(width));
    INFO(wrong_range);
    CHECK_THAT(wrong_range, ContainsText("20 rows x 24 columns"));
    CHECK_THAT(wrong_range, ContainsText("'s centre y is "));
    CHECK_THAT(wrong_range, ContainsText("TODO 8c (make_images)"));
}

TEST_CASE("check_generator allows rounding, and reports it; a real gap, a NaN or a wrong count stops",
          "[ex8]") {
    const Generator g = student();
    const CircleOptions run = golden_like_run();
    CircleImages yours = vae::data::make_circles(run);
    yours.images(3, 200) += 1e-7f;
    yours.centres(5, 0) += 1e-12;
    const auto check = vae::circles::check_generator(yours, run, g);
    CHECK_THAT(check.max_pixel_difference, WithinAbs(1e-7, 1e-9));
    CHECK_THAT(check.max_centre_difference, WithinAbs(1e-12, 1e-14));

    CircleImages off = vae::data::make_circles(run);
    off.images(3, 0) += 0.25f;  // a border pixel, always 0
    REQUIRE_THROWS_WITH(vae::circles::check_generator(off, run, g),
                        ContainsText("image 3, pixel (row 0, column 0) is 0.25 in yours and 0 in lib's"));

    CircleImages nan = vae::data::make_circles(run);
    nan.images(0, 0) = std::numeric_limits<float>::quiet_NaN();
    REQUIRE_THROWS_AS(vae::circles::check_generator(nan, run, g), std::logic_error);

    CircleOptions more = run;
    more.n = 41;
    REQUIRE_THROWS_WITH(vae::circles::check_generator(vae::data::make_circles(more), run, g),
                        ContainsText("41 x 784 pixels"));
}

TEST_CASE("check_generator lets a TODO stub through as not attempted, not as a failure", "[ex8]") {
    Generator g = student();
    g.make_images = [](const CircleOptions&) -> CircleImages { vae::todo("8c: make_images"); };
    const CircleOptions run = golden_like_run();
    REQUIRE_THROWS_AS(vae::circles::check_generator(vae::data::make_circles(run), run, g),
                      vae::NotImplemented);
}

namespace {

// The solution's pearson: 0 when either vector is constant, as lib's.
double pearson_as_solved(const Vector& a, const Vector& b) {
    if ((a.array() == a(0)).all() || (b.array() == b(0)).all()) return 0;
    const Vector da = a.array() - a.mean(), db = b.array() - b.mean();
    return da.dot(db) / std::sqrt(da.squaredNorm() * db.squaredNorm());
}

Correlations correlate_with(const vae::circles::PearsonFunction& pearson, const Matrix& z, const Matrix& c) {
    return {pearson(z.col(0), c.col(0)), pearson(z.col(0), c.col(1)), pearson(z.col(1), c.col(0)),
            pearson(z.col(1), c.col(1)), pearson(z.col(0), z.col(1))};
}

std::string correlation_message(const vae::circles::PearsonFunction& pearson,
                                const vae::circles::CorrelateFunction& correlate) {
    try {
        vae::circles::check_correlations(pearson, correlate);
    } catch (const std::logic_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("library_correlations and max_difference", "[ex8]") {
    Matrix z(5, 2), c(5, 2);
    z << 1, 2, 2, 2, 3, 2, 4, 2, 6, 2;  // z_2 constant
    c << 0, 5, 1, 4, 2, 2, 3, 2, 4, 0;
    const Correlations r = vae::circles::library_correlations(z, c);
    CHECK(r.z1_x == vae::analysis::pearson(z.col(0), c.col(0)).r);
    CHECK(r.z1_y == vae::analysis::pearson(z.col(0), c.col(1)).r);
    CHECK(r.z2_x == 0.0);
    CHECK(r.z2_y == 0.0);
    CHECK(r.z1_z2 == 0.0);

    Correlations other = r;
    CHECK(vae::circles::max_difference(r, other) == 0.0);
    other.z2_y = 0.25;
    other.z1_x += 0.125;
    CHECK(vae::circles::max_difference(r, other) == 0.25);
    other.z1_z2 = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isinf(vae::circles::max_difference(r, other)));
}

TEST_CASE("check_correlations passes the solution's pearson and correlate", "[ex8]") {
    const auto correlate = [](const Matrix& z, const Matrix& c) {
        return correlate_with(pearson_as_solved, z, c);
    };
    CHECK(correlation_message(pearson_as_solved, correlate).empty());
}

TEST_CASE("check_correlations stops a pearson that is wrong for a constant vector, naming 8d", "[ex8]") {
    // The bare formula: 0 / 0 for a constant whose mean is exact.
    const auto bare = [](const Vector& a, const Vector& b) {
        const Vector da = a.array() - a.mean(), db = b.array() - b.mean();
        return da.dot(db) / std::sqrt(da.squaredNorm() * db.squaredNorm());
    };
    const auto correlate_bare = [bare](const Matrix& z, const Matrix& c) {
        return correlate_with(bare, z, c);
    };
    const std::string constant = correlation_message(bare, correlate_bare);
    INFO(constant);
    CHECK_THAT(constant, ContainsText("nan for a constant (seven entries of 0.5) and that b"));
    CHECK_THAT(constant, ContainsText("TODO 8d (pearson)"));
    CHECK_THAT(constant, ContainsText("return 0"));

    // Testing the centred sum of squares instead of the entries is as good: where the mean of
    // a constant misses it in the last bit, the formula's r is about 1e-17, 0 to 1e-12.
    const auto by_sum = [bare](const Vector& a, const Vector& b) {
        const double saa = (a.array() - a.mean()).matrix().squaredNorm();
        const double sbb = (b.array() - b.mean()).matrix().squaredNorm();
        return saa == 0 || sbb == 0 ? 0.0 : bare(a, b);
    };
    // Whether the mean of seven 0.1s misses 0.1 depends on the order of the sum (the SIMD
    // width of the build: it does with AVX-512, not with SSE2); either way r must be 0 to 1e-15.
    const Vector tenths = Vector::Constant(7, 0.1), b = Vector::LinSpaced(7, -1.0, 2.0);
    CHECK(std::abs(by_sum(tenths, b)) < 1e-15);
    const auto correlate_by_sum = [by_sum](const Matrix& z, const Matrix& c) {
        return correlate_with(by_sum, z, c);
    };
    CHECK(correlation_message(by_sum, correlate_by_sum).empty());

    const auto uncentred_b = [](const Vector& a, const Vector& b) {
        if ((a.array() == a(0)).all() || (b.array() == b(0)).all()) return 0.0;
        const Vector da = a.array() - a.mean();
        return da.dot(b) / std::sqrt(da.squaredNorm() * b.squaredNorm());
    };
    const auto correlate = [uncentred_b](const Matrix& z, const Matrix& c) {
        return correlate_with(uncentred_b, z, c);
    };
    const std::string message = correlation_message(uncentred_b, correlate);
    CHECK_THAT(message, ContainsText("TODO 8d (pearson): r = sum (a_i - mean a)(b_i - mean b)"));
}

TEST_CASE("check_correlations stops a correlate with any two fields swapped, naming 8e", "[ex8]") {
    double Correlations::*fields[] = {&Correlations::z1_x, &Correlations::z1_y, &Correlations::z2_x,
                                      &Correlations::z2_y, &Correlations::z1_z2};
    for (auto first : fields)
        for (auto second : fields) {
            if (first == second) continue;
            const auto swapped = [first, second](const Matrix& z, const Matrix& c) {
                Correlations r = correlate_with(pearson_as_solved, z, c);
                std::swap(r.*first, r.*second);
                return r;
            };
            const std::string message = correlation_message(pearson_as_solved, swapped);
            INFO(message);
            CHECK_THAT(message, ContainsText("your correlate's "));
            CHECK_THAT(message, ContainsText("TODO 8e (correlate)"));
        }
}

}  // namespace test_circles_checks
