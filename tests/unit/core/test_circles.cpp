// The circle-image generator: geometry, anti-aliasing, placement and reproducibility.
#include <algorithm>
#include <cmath>

#include "catch_compat.hpp"
#include "vae/data/circles.hpp"

namespace test_circles {

using vae::data::CircleImages;
using vae::data::CircleOptions;
using vae::data::CircleStyle;

namespace {

const double kPi = 3.14159265358979323846;

// Intensity-weighted mean of the pixel coordinates (x = column, y = row).
Eigen::Vector2d centroid(const CircleImages& set, long k) {
    const auto img = set.image(k);
    double total = 0, sx = 0, sy = 0;
    for (int row = 0; row < set.height; ++row)
        for (int col = 0; col < set.width; ++col) {
            total += img(row, col);
            sx += img(row, col) * col;
            sy += img(row, col) * row;
        }
    return {sx / total, sy / total};
}

}  // namespace

TEST_CASE("circle pixel values follow the anti-aliasing ramp", "[circles]") {
    // Hand values of clamp(0.5 - outside, 0, 1), with outside = |d - r| - w/2 (ring) or d - r.
    CircleOptions ring;                                            // radius 5, width 1.5
    CHECK(vae::data::circle_pixel_value(5.0, 5.0, ring) == 1.0);   // on the stroke
    CHECK(vae::data::circle_pixel_value(6.0, 5.0, ring) == 0.25);  // 0.5 - (1 - 0.75)
    CHECK(vae::data::circle_pixel_value(4.0, 5.0, ring) == 0.25);  // symmetric inside
    CHECK(vae::data::circle_pixel_value(6.25, 5.0, ring) == 0.0);  // 0.5 - 0.5
    CHECK(vae::data::circle_pixel_value(0.0, 5.0, ring) == 0.0);   // the hollow middle
    CircleOptions disc;
    disc.style = CircleStyle::Disc;
    CHECK(vae::data::circle_pixel_value(0.0, 5.0, disc) == 1.0);
    CHECK(vae::data::circle_pixel_value(5.0, 5.0, disc) == 0.5);  // pixel centre on the edge
    CHECK_THAT(vae::data::circle_pixel_value(5.3, 5.0, disc), WithinAbs(0.2, 1e-12));
    CHECK(vae::data::circle_pixel_value(5.5, 5.0, disc) == 0.0);
}

TEST_CASE("draw_circle puts row 0 at the top and x along the columns", "[circles]") {
    // Ring of radius 3 centred on (x = 8, y = 6) in a 20 x 16 (height x width) image.
    const int height = 20, width = 16;
    Eigen::RowVectorXf pixels(height * width);
    CircleOptions o;
    vae::data::draw_circle(pixels, height, width, 8.0, 6.0, 3.0, o);
    auto at = [&](int row, int col) { return pixels(row * width + col); };
    CHECK(at(6, 11) == 1.0f);  // 3 to the right of the centre: on the stroke
    CHECK(at(3, 8) == 1.0f);   // 3 above (smaller row)
    CHECK(at(6, 8) == 0.0f);   // the centre of a ring is empty
    CHECK(at(16, 8) == 0.0f);  // far below
    // A pixel at distance sqrt(2^2 + 2^2) = 2.83 from the centre: 0.5 - (0.17 - 0.75) -> 1.
    CHECK(at(8, 10) == 1.0f);
    // Distance sqrt(4^2 + 1^2) = 4.12: 0.5 - (1.12 - 0.75) = 0.1277...
    CHECK_THAT(double(at(7, 12)), WithinAbs(0.5 - (std::sqrt(17.0) - 3 - 0.75), 1e-7));
}

TEST_CASE("circle images: range, border, centroid and anti-aliasing", "[circles]") {
    for (CircleStyle style : {CircleStyle::Ring, CircleStyle::Disc}) {
        CircleOptions o;
        o.n = 300;
        o.style = style;
        o.seed = 5;
        const CircleImages set = vae::data::make_circles(o);
        CAPTURE(style == CircleStyle::Ring ? "ring" : "disc");
        REQUIRE(set.images.rows() == 300);
        REQUIRE(set.images.cols() == 28 * 28);
        REQUIRE(set.centres.rows() == 300);
        REQUIRE(set.radii.size() == 300);

        CHECK(set.images.minCoeff() >= 0.0f);
        CHECK(set.images.maxCoeff() <= 1.0f);
        const bool some_edge = ((set.images.array() > 0.0f) && (set.images.array() < 1.0f)).any();
        CHECK(some_edge);
        CHECK((set.images.array() == 1.0f).any());

        // The outer edge stays margin = 1 inside the image, so the ramp never reaches a
        // border pixel: its centre is R + 0.5 or more from the circle's centre.
        const double outer = vae::data::outer_radius(5.0, o);
        double max_border = 0, worst_centroid = 0;
        for (long k = 0; k < set.size(); ++k) {
            const auto img = set.image(k);
            max_border =
                std::max<double>(max_border, std::max({img.row(0).maxCoeff(), img.row(27).maxCoeff(),
                                                       img.col(0).maxCoeff(), img.col(27).maxCoeff()}));
            const double x = set.centres(k, 0), y = set.centres(k, 1);
            CHECK(set.radii(k) == 5.0);
            CHECK(x >= outer + 0.5);
            CHECK(x <= 27 - outer - 0.5);
            CHECK(y >= outer + 0.5);
            CHECK(y <= 27 - outer - 0.5);
            // The shape is symmetric about its centre, so its ink balances there.
            const Eigen::Vector2d c = centroid(set, k);
            worst_centroid = std::max(worst_centroid, (c - Eigen::Vector2d(x, y)).norm());
        }
        CHECK(max_border == 0.0);
        CAPTURE(worst_centroid);
        CHECK(worst_centroid < 0.3);
    }
}

TEST_CASE("the total ink of a circle is close to its area", "[circles]") {
    // Coverage summed over pixels estimates the shape's area: pi r^2 for a disc, and for a
    // ring the annulus pi ((r + w/2)^2 - (r - w/2)^2) = 2 pi r w. The ramp treats each edge as
    // straight, so a small error from curvature and sampling remains: allow 2%.
    CircleOptions o;
    o.n = 50;
    o.seed = 8;
    const CircleImages rings = vae::data::make_circles(o);
    o.style = CircleStyle::Disc;
    const CircleImages discs = vae::data::make_circles(o);
    for (long k = 0; k < o.n; ++k) {
        CHECK_THAT(double(rings.images.row(k).sum()), WithinRel(2 * kPi * 5.0 * 1.5, 0.02));
        CHECK_THAT(double(discs.images.row(k).sum()), WithinRel(kPi * 25.0, 0.02));
    }
}

TEST_CASE("circle images are reproducible from the seed", "[circles]") {
    CircleOptions o;
    o.n = 20;
    o.seed = 123;
    const CircleImages a = vae::data::make_circles(o), b = vae::data::make_circles(o);
    CHECK(a.images == b.images);
    CHECK(a.centres == b.centres);

    // The first images do not depend on how many are made.
    o.n = 7;
    const CircleImages head = vae::data::make_circles(o);
    CHECK(head.images == a.images.topRows(7));
    CHECK(head.centres == a.centres.topRows(7));

    // Another seed moves the circles.
    o.seed = 124;
    CHECK_FALSE(vae::data::make_circles(o).centres == head.centres);
}

TEST_CASE("circle radii can be drawn from a range", "[circles]") {
    CircleOptions o;
    o.n = 200;
    o.min_radius = 3.0;
    o.max_radius = 7.0;
    o.height = 32;
    o.width = 24;
    const CircleImages set = vae::data::make_circles(o);
    REQUIRE(set.images.cols() == 32 * 24);
    CHECK(set.radii.minCoeff() >= 3.0);
    CHECK(set.radii.maxCoeff() <= 7.0);
    CHECK(set.radii.maxCoeff() - set.radii.minCoeff() > 2.0);  // they do vary
    for (long k = 0; k < set.size(); ++k) {
        // Each circle respects its own radius: x in [R + 0.5, width - 1.5 - R].
        const double outer = vae::data::outer_radius(set.radii(k), o);
        CHECK(set.centres(k, 0) >= outer + 0.5);
        CHECK(set.centres(k, 0) <= 24 - 1.5 - outer);
        CHECK(set.centres(k, 1) <= 32 - 1.5 - outer);
    }
}

TEST_CASE("circle options are checked", "[circles]") {
    CircleOptions o;
    o.max_radius = 20;  // bigger than a 28 x 28 image
    REQUIRE_THROWS_AS(vae::data::make_circles(o), std::invalid_argument);
    o = CircleOptions{};
    o.min_radius = 0;
    o.max_radius = 0;
    REQUIRE_THROWS_AS(vae::data::make_circles(o), std::invalid_argument);
    o = CircleOptions{};
    o.n = -1;
    REQUIRE_THROWS_AS(vae::data::make_circles(o), std::invalid_argument);
}

}  // namespace test_circles
