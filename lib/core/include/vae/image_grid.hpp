#pragma once
// Pictures made of small square images (digits, their reconstructions, decoded latent
// codes): tiling them into one grid, and writing the grid as a PNG, or several grids as the
// frames of an animated GIF, through gnuplot (vae/plot.hpp).
//
// Ink is 1 and paper 0: a grid is drawn black on white, as a digit looks on a page, each
// pixel of the grid a whole number of screen pixels across (no resampling blur).
#include <string>
#include <vector>

#include "vae/matrix.hpp"

namespace vae::plot {

// Light grey between tiles, so that neighbouring images on white paper stay apart.
inline constexpr double kTileGap = 0.15;

struct ImageGrid {
    Matrix pixels;  // the whole picture, row 0 at the top
    int side = 0;   // each tile is side x side
    int rows = 0, cols = 0, gap = 0;
    // The picture row at the middle of grid row r (for a label beside it).
    double row_centre(int r) const { return r * (side + gap) + 0.5 * (side - 1); }
};

// Tiles images (one side x side image per row, pixels row by row) into cols columns: image k
// at grid row k / cols, column k % cols, `gap` pixels of `background` between neighbours and
// none around the outside; a partial last row is left as background. Throws
// std::invalid_argument unless each row holds side^2 pixels, side, cols >= 1 and gap >= 0.
ImageGrid tile_images(const Matrix& images, int side, int cols, int gap = 2, double background = kTileGap);

// The square side of images with `pixels` pixels each (784 -> 28); std::invalid_argument if
// pixels is not a square.
int image_side(Eigen::Index pixels);

struct GridStyle {
    std::string title;
    // Text written left of each grid row (empty: none); at most grid.rows entries.
    std::vector<std::string> row_labels;
    int max_width = 1200;  // screen pixels the grid may take at most (before the labels)
};

// The grid as a PNG at path. False when gnuplot is missing.
bool save_image_grid(const ImageGrid& grid, const GridStyle& style, const std::string& path);

// The grids as the frames of an animated GIF (all the size of the first), each with its own
// style; `delay` in 1/100 s per frame; the animation loops. False when gnuplot is missing.
// std::invalid_argument if frames and styles differ in number or are empty.
bool save_image_grid_gif(const std::vector<ImageGrid>& frames, const std::vector<GridStyle>& styles,
                         int delay, const std::string& path);

}  // namespace vae::plot
