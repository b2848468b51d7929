// Image grids: tiling checked pixel by pixel on a hand-made case; the PNG and the animated
// GIF checked in their own file formats (size, and the number of frames).
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "vae/image_grid.hpp"
#include "vae/plot.hpp"

namespace test_image_grid {

using namespace vae::plot;
using vae::Matrix;

namespace {

std::vector<unsigned char> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian).
std::pair<int, int> png_size(const std::vector<unsigned char>& b) {
    const auto be32 = [&](std::size_t i) {
        return int(b[i]) << 24 | int(b[i + 1]) << 16 | int(b[i + 2]) << 8 | b[i + 3];
    };
    return {be32(16), be32(20)};
}

// The frames of a GIF: walks its blocks (GIF89a specification): the screen descriptor and
// global colour table, then extensions (0x21) and images (0x2C) until the trailer (0x3B).
int gif_frames(const std::vector<unsigned char>& b) {
    std::size_t i = 6;  // "GIF89a"
    const auto table = [&](unsigned char flags) { return (flags & 0x80) ? 3u * (2u << (flags & 7)) : 0u; };
    const auto skip_sub_blocks = [&] {
        while (b.at(i) != 0) i += b[i] + 1u;
        ++i;
    };
    i += 7 + table(b.at(10));
    int frames = 0;
    while (true) {
        const unsigned char block = b.at(i++);
        if (block == 0x3B) return frames;
        if (block == 0x21) {
            ++i;  // the extension's label
            skip_sub_blocks();
        } else if (block == 0x2C) {
            ++frames;
            const unsigned char flags = b.at(i + 8);
            i += 9 + table(flags) + 1;  // descriptor, local colour table, LZW code size
            skip_sub_blocks();
        } else {
            FAIL("not a GIF block: " << int(block) << " at byte " << i - 1);
        }
    }
}

}  // namespace

TEST_CASE("tile_images puts image k at row k / cols, column k % cols, with gaps", "[plot]") {
    // Three 2x2 images, values 1..4, 5..8, 9..12, in 2 columns, gap 1, background 0.
    Matrix images(3, 4);
    images << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
    const ImageGrid g = tile_images(images, 2, 2, 1, 0.0);
    Matrix expected(5, 5);
    expected << 1, 2, 0, 5, 6,  //
        3, 4, 0, 7, 8,          //
        0, 0, 0, 0, 0,          //
        9, 10, 0, 0, 0,         //
        11, 12, 0, 0, 0;
    CHECK(g.pixels == expected);
    CHECK(g.rows == 2);
    CHECK(g.cols == 2);
    CHECK(g.row_centre(1) == 3.5);  // picture rows 3 and 4
    // Fewer images than columns: as wide as the images.
    CHECK(tile_images(images.topRows(1), 2, 5, 1).pixels.cols() == 2);
    REQUIRE_THROWS_AS(tile_images(images, 3, 2), std::invalid_argument);
    CHECK(image_side(784) == 28);
    REQUIRE_THROWS_AS(image_side(785), std::invalid_argument);
}

TEST_CASE("an image grid as PNG, and grids as the frames of one GIF", "[plot]") {
    if (!available()) VAE_SKIP_TEST("gnuplot is not installed");
    vae_test::TempDir dir;
    Matrix images(6, 16);
    for (Eigen::Index k = 0; k < images.size(); ++k) images.data()[k] = double(k % 7) / 6.0;
    const ImageGrid g = tile_images(images, 4, 3);  // 2 rows of 3: 10 x 16 pixels
    GridStyle style;
    style.title = "six squares";
    style.row_labels = {"first", "second"};
    style.max_width = 400;  // 25 screen pixels per grid pixel
    REQUIRE(save_image_grid(g, style, dir.file("grid.png")));
    const auto png = read_bytes(dir.file("grid.png"));
    REQUIRE(png.size() > 24);
    CHECK(std::string(png.begin() + 1, png.begin() + 4) == "PNG");
    // 16 x 25 screen pixels plus the labels' band (6 characters: 6 * 8 + 16); 10 x 25 plus the title's 40.
    CHECK(png_size(png) == std::pair<int, int>(400 + 64, 250 + 40));

    std::vector<ImageGrid> frames;
    std::vector<GridStyle> styles;
    for (int f = 0; f < 4; ++f) {
        frames.push_back(tile_images(images * (f / 3.0), 4, 3));
        styles.push_back({"frame " + std::to_string(f), {}, 400});
    }
    REQUIRE(save_image_grid_gif(frames, styles, 50, dir.file("frames.gif")));
    const auto gif = read_bytes(dir.file("frames.gif"));
    REQUIRE(gif.size() > 13);
    CHECK(std::string(gif.begin(), gif.begin() + 6) == "GIF89a");
    CHECK(gif_frames(gif) == 4);
    REQUIRE_THROWS_AS(save_image_grid_gif(frames, {}, 50, dir.file("x.gif")), std::invalid_argument);
}

}  // namespace test_image_grid
