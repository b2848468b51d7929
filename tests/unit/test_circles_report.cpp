// Exercise 8's machinery: flags to generator settings, the held-out split, the generator
// check, and the helpers the plots use (tiling images, the latent range).
#include <cmath>

#include "catch_compat.hpp"
#include "vae/circles_plots.hpp"
#include "vae/circles_report.hpp"
#include "vae/error.hpp"

namespace {

vae::Options parse(std::vector<std::string> args) {
    bool help = false;
    return vae::parse_flags(vae::with_common_flags(vae::circles::flags()), args, help);
}

}  // namespace

TEST_CASE("image_options: flags become the generator's settings", "[ex8]") {
    const auto o = vae::circles::image_options(parse({"--n", "30", "--test-n", "12", "--seed", "9", "--shape",
                                                      "ring", "--min-radius", "3", "--max-radius", "4.5"}));
    CHECK(o.n == 42);  // held-out images first, then the training images
    CHECK(o.seed == 9);
    CHECK(o.style == vae::data::CircleStyle::Ring);
    CHECK(o.min_radius == 3.0);
    CHECK(o.max_radius == 4.5);
    CHECK(o.height == 28);
    CHECK(o.width == 28);

    const auto defaults = vae::circles::image_options(parse({}));
    CHECK(defaults.style == vae::data::CircleStyle::Disc);
    CHECK(defaults.min_radius == 5.0);
    CHECK(defaults.max_radius == 5.0);
    CHECK(defaults.n == 11000);
}

TEST_CASE("image_options refuses radii out of order or too large, naming the flag", "[ex8]") {
    REQUIRE_THROWS_WITH(vae::circles::image_options(parse({"--max-radius", "4"})),
                        ContainsText("--max-radius"));
    // A disc of radius 13 with a 1-pixel margin needs 28 pixels: fits exactly. 13.5 does not.
    CHECK_NOTHROW(vae::circles::image_options(parse({"--min-radius", "13", "--max-radius", "13"})));
    REQUIRE_THROWS_AS(vae::circles::image_options(parse({"--max-radius", "13.5"})), vae::UsageError);
    // A ring adds half its 1.5-pixel stroke: radius 12.25 fits, 12.5 does not.
    CHECK_NOTHROW(vae::circles::image_options(
        parse({"--shape", "ring", "--min-radius", "12.25", "--max-radius", "12.25"})));
    REQUIRE_THROWS_AS(vae::circles::image_options(parse({"--shape", "ring", "--max-radius", "12.5"})),
                      vae::UsageError);
    REQUIRE_THROWS_WITH(vae::circles::image_options(parse({"--test-n", "9"})), ContainsText("--test-n"));
}

TEST_CASE("split holds out the first images, so they do not depend on --n", "[ex8]") {
    vae::data::CircleOptions o;
    o.n = 20;
    const auto all = vae::data::make_circles(o);
    const auto parts = vae::circles::split(all, 5);
    REQUIRE(parts.test.size() == 5);
    REQUIRE(parts.train.size() == 15);
    CHECK(parts.test.images == all.images.topRows(5));
    CHECK(parts.train.images == all.images.bottomRows(15));
    CHECK(parts.train.centres.row(0) == all.centres.row(5));
    CHECK(parts.test.radii(4) == all.radii(4));

    o.n = 8;  // fewer images in total: the held-out five are the same
    const auto fewer = vae::circles::split(vae::data::make_circles(o), 5);
    CHECK(fewer.test.images == parts.test.images);
    REQUIRE_THROWS_AS(vae::circles::split(all, 20), std::invalid_argument);
}

TEST_CASE("compare_with_library: 0 for lib's own images, the exact gap otherwise", "[ex8]") {
    vae::data::CircleOptions o;
    o.n = 6;
    o.seed = 3;
    auto own = vae::data::make_circles(o);
    auto same = vae::circles::compare_with_library(own, o);
    CHECK(same.max_pixel_difference == 0.0);
    CHECK(same.max_centre_difference == 0.0);

    own.images(2, 100) += 0.25f;
    own.centres(4, 1) -= 0.5;
    const auto off = vae::circles::compare_with_library(own, o);
    CHECK_THAT(off.max_pixel_difference, WithinAbs(0.25, 1e-6));
    CHECK_THAT(off.max_centre_difference, WithinAbs(0.5, 1e-12));

    o.n = 7;  // a different count is a shape error, not a silent comparison
    REQUIRE_THROWS_AS(vae::circles::compare_with_library(own, o), vae::InputError);
}

TEST_CASE("tile_images lays images out row by row with one-pixel gaps", "[ex8]") {
    // Three 2 x 2 images, two per row: a 2 x 2 grid of tiles, 5 x 5 pixels with gaps.
    vae::data::ImageMatrix images(3, 4);
    images << 1, 2, 3, 4,  //
        5, 6, 7, 8,        //
        9, 10, 11, 12;
    const vae::circles::Matrix t = vae::circles::tile_images(images, 2, 2, 2, -1);
    REQUIRE(t.rows() == 5);
    REQUIRE(t.cols() == 5);
    vae::circles::Matrix expected(5, 5);
    expected << 1, 2, -1, 5, 6,  //
        3, 4, -1, 7, 8,          //
        -1, -1, -1, -1, -1,      //
        9, 10, -1, -1, -1,       //
        11, 12, -1, -1, -1;
    CHECK(t == expected);
}

TEST_CASE("latent_range: 2nd and 98th percentiles and the median of each column", "[ex8]") {
    // Column 0 holds 0..100 (shuffled by a stride), column 1 the same times -2.
    vae::circles::Matrix codes(101, 2);
    for (int i = 0; i < 101; ++i) {
        const int v = (37 * i) % 101;
        codes(i, 0) = v;
        codes(i, 1) = -2.0 * v;
    }
    const vae::circles::Matrix r = vae::circles::latent_range(codes);
    CHECK(r(0, 0) == 2.0);
    CHECK(r(1, 0) == 98.0);
    CHECK(r(2, 0) == 50.0);
    CHECK(r(0, 1) == -196.0);
    CHECK(r(1, 1) == -4.0);
    CHECK(r(2, 1) == -100.0);
}
