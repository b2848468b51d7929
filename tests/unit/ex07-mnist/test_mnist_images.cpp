// Exercise 7's picture helpers: tiling, normal quantiles, histograms, the pixel-entropy floor,
// the median.
#include <cmath>
#include <stdexcept>
#include <vector>

#include "catch_compat.hpp"
#include "ex07/data.hpp"
#include "ex07/images.hpp"
#include "ex07/resources.hpp"

namespace test_mnist_images {

using namespace vae::mnist;

TEST_CASE("tile_images puts image k at grid row k / cols, column k % cols, with gaps", "[mnist]") {
    // Five 2x2 images whose pixels say which image and which pixel they are: 10 k + p.
    vae::data::ImageMatrix images(5, 4);
    for (int k = 0; k < 5; ++k)
        for (int p = 0; p < 4; ++p) images(k, p) = float(10 * k + p);
    const vae::analysis::Matrix t = tile_images(images, 2, 3, 1, -1.0);
    // 2 grid rows x 3 grid columns of 2x2 tiles, 1-pixel gaps: 5 x 8.
    REQUIRE(t.rows() == 5);
    REQUIRE(t.cols() == 8);
    CHECK(t(0, 0) == 0);   // image 0, pixel (0, 0)
    CHECK(t(1, 1) == 3);   // image 0, pixel (1, 1)
    CHECK(t(0, 3) == 10);  // image 1 starts after 2 pixels and a gap
    CHECK(t(1, 7) == 23);  // image 2, pixel (1, 1)
    CHECK(t(3, 0) == 30);  // image 3 starts on row 3 (2 rows + 1 gap)
    CHECK(t(4, 4) == 43);  // image 4, pixel (1, 1)
    CHECK(t(2, 0) == -1);  // the gap row
    CHECK(t(0, 2) == -1);  // the gap column
    CHECK(t(3, 6) == -1);  // the empty sixth cell is background
    REQUIRE_THROWS_AS(tile_images(images, 3, 3), std::invalid_argument);  // 4 pixels are not 3x3
}

TEST_CASE("normal_quantile inverts the normal CDF", "[mnist]") {
    // Textbook values: Phi^-1(0.975) = 1.959963984540054, Phi^-1(0.841344746...) = 1.
    CHECK_THAT(normal_quantile(0.975), WithinRel(1.959963984540054, 1e-14));
    CHECK_THAT(normal_quantile(0.5 * std::erfc(-1.0 / std::sqrt(2.0))), WithinRel(1.0, 1e-14));
    CHECK(normal_quantile(0.5) == 0.0);
    CHECK_THAT(normal_quantile(0.1), WithinRel(-normal_quantile(0.9), 1e-14));
    // Far in the tail, where 1 - p would lose every digit: Phi(-10) = 7.619853024160527e-24.
    CHECK_THAT(normal_quantile(7.619853024160527e-24), WithinRel(-10.0, 1e-12));
    REQUIRE_THROWS_AS(normal_quantile(0.0), std::invalid_argument);
    REQUIRE_THROWS_AS(normal_quantile(1.0), std::invalid_argument);

    const std::vector<double> q = normal_quantile_grid(4);  // Phi^-1 of 1/8, 3/8, 5/8, 7/8
    REQUIRE(q.size() == 4);
    CHECK_THAT(q[3], WithinRel(1.1503493803760079, 1e-13));
    CHECK_THAT(q[2], WithinRel(0.31863936396437514, 1e-13));
    CHECK_THAT(q[0], WithinRel(-q[3], 1e-15));
}

TEST_CASE("histogram counts values into half-open bins and normalises to a density", "[mnist]") {
    const Histogram h = histogram({-1.0, -0.5, 0.0, 0.25, 0.999, 1.0, 5.0, -2.0}, -1.0, 1.0, 4);
    // Bins [-1, -0.5), [-0.5, 0), [0, 0.5), [0.5, 1): 1.0, 5.0 and -2.0 fall outside.
    REQUIRE(h.counts == std::vector<long>{1, 1, 2, 1});
    CHECK(h.outside == 3);
    CHECK(h.total == 8);
    CHECK_THAT(h.width(), WithinRel(0.5, 1e-15));
    CHECK_THAT(h.centre(2), WithinRel(0.25, 1e-15));
    CHECK_THAT(h.density(2), WithinRel(2.0 / (8 * 0.5), 1e-15));
    // The densities integrate to the share inside: 5 of 8.
    double integral = 0;
    for (int b = 0; b < 4; ++b) integral += h.density(b) * h.width();
    CHECK_THAT(integral, WithinRel(5.0 / 8.0, 1e-15));
    CHECK_THAT(normal_density(0.0), WithinRel(0.3989422804014327, 1e-15));
}

TEST_CASE("bernoulli_recon_floor is the mean entropy of the pixels", "[mnist]") {
    Images binary(2, 3);
    binary << 0, 1, 1, 0, 0, 1;
    CHECK(bernoulli_recon_floor(binary) == 0.0);  // black and white: a decoder can be certain

    Images half = Images::Constant(3, 784, 0.5f);
    CHECK_THAT(bernoulli_recon_floor(half), WithinRel(784 * std::log(2.0), 1e-12));  // the most uncertain

    Images mixed(2, 2);
    mixed << 0.25f, 1.0f, 0.0f, 0.75f;
    // H(1/4) = H(3/4) = -(1/4) ln(1/4) - (3/4) ln(3/4); each image holds one of them.
    const double h = -0.25 * std::log(0.25) - 0.75 * std::log(0.75);
    CHECK_THAT(bernoulli_recon_floor(mixed), WithinRel(h, 1e-12));
}

TEST_CASE("median of odd and even counts", "[mnist]") {
    CHECK(median({3.0, 1.0, 2.0}) == 2.0);
    CHECK(median({4.0, 1.0, 3.0, 2.0}) == 2.5);
    CHECK(median({7.0}) == 7.0);
    REQUIRE_THROWS_AS(median({}), std::invalid_argument);
}

TEST_CASE("peak_rss_mb grows with memory that is touched", "[mnist]") {
    const double before = peak_rss_mb();
    CHECK(before > 0);
    std::vector<char> block(64u << 20, 1);  // 64 MiB, every page written
    const double after = peak_rss_mb();
    CHECK(after >= before);
    CHECK(after + 1.0 >= 64.0);  // the high-water mark holds at least the block
    CHECK(block[block.size() / 2] == 1);
}

}  // namespace test_mnist_images
