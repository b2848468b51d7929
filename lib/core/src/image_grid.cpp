#include "vae/image_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "vae/format.hpp"
#include "vae/plot.hpp"

namespace vae::plot {

namespace {

// Room above the grid for the title, and per character of the longest row label.
constexpr int kTitleBand = 40;
constexpr int kLabelCharWidth = 8;

// Screen pixels per grid pixel, and the figure's size and margins for one grid and style.
struct Layout {
    int scale = 1, label_width = 0, width = 0, height = 0;
};

Layout layout(const ImageGrid& grid, const GridStyle& style) {
    const int w = static_cast<int>(grid.pixels.cols()), h = static_cast<int>(grid.pixels.rows());
    Layout l;
    l.scale = std::max(1, style.max_width / std::max(w, 1));
    std::size_t longest = 0;
    for (const std::string& s : style.row_labels) longest = std::max(longest, s.size());
    l.label_width = longest == 0 ? 0 : int(longest) * kLabelCharWidth + 16;
    l.width = std::max(l.label_width + l.scale * w, 400);
    l.height = l.scale * h + kTitleBand;
    return l;
}

// The grid as one panel filling the figure below the title band, pixel for pixel: every
// entry a row {column, row, value} for gnuplot's `with image`.
Panel grid_panel(const ImageGrid& grid, const GridStyle& style, const Layout& l) {
    const int w = static_cast<int>(grid.pixels.cols()), h = static_cast<int>(grid.pixels.rows());
    Panel p;
    p.title = style.title;
    // Centred in the space right of the labels.
    const double left = (l.label_width + 0.5 * (l.width - l.label_width - l.scale * w)) / l.width;
    p.settings = {"set palette gray negative",
                  "set cbrange [0:1]",
                  "unset colorbox",
                  "set xrange [-0.5:" + std::to_string(w) + "-0.5]",
                  "set yrange [" + std::to_string(h) + "-0.5:-0.5]",
                  "unset xtics",
                  "unset ytics",
                  "unset grid",
                  "unset key",
                  "unset border",
                  "set lmargin at screen " + vae::fixed(left, 6),
                  "set rmargin at screen " + vae::fixed(left + double(l.scale * w) / l.width, 6),
                  "set bmargin at screen 0",
                  "set tmargin at screen " + vae::fixed(double(l.scale * h) / l.height, 6)};
    for (std::size_t r = 0; r < style.row_labels.size() && int(r) < grid.rows; ++r)
        p.settings.push_back("set label " + quoted(style.row_labels[r]) + " at first -" +
                             vae::fixed(8.0 / l.scale, 6) + ", first " +
                             vae::fixed(grid.row_centre(int(r)), 6) + " right");
    Series s;
    s.style = "using 1:2:3 with image";
    s.rows.reserve(std::size_t(grid.pixels.size()));
    for (Eigen::Index i = 0; i < grid.pixels.rows(); ++i)
        for (Eigen::Index j = 0; j < grid.pixels.cols(); ++j)
            s.rows.push_back({double(j), double(i), grid.pixels(i, j)});
    p.series.push_back(std::move(s));
    return p;
}

Figure grid_figure(const ImageGrid& grid, const GridStyle& style, const Layout& l) {
    Figure fig;
    fig.width = l.width;
    fig.height = l.height;
    fig.panels = {grid_panel(grid, style, l)};
    return fig;
}

}  // namespace

ImageGrid tile_images(const Matrix& images, int side, int cols, int gap, double background) {
    if (side < 1 || cols < 1 || gap < 0 || images.cols() != Eigen::Index(side) * side)
        throw std::invalid_argument("tile_images: each row must hold one side x side image (side " +
                                    std::to_string(side) + ", " + std::to_string(images.cols()) +
                                    " pixels), cols >= 1, gap >= 0");
    const int n = static_cast<int>(images.rows());
    ImageGrid g;
    g.side = side;
    g.gap = gap;
    g.rows = (n + cols - 1) / cols;
    g.cols = std::min(cols, n);
    // count tiles and count - 1 gaps along each direction.
    const auto extent = [&](int count) { return count == 0 ? 0 : count * side + (count - 1) * gap; };
    g.pixels = Matrix::Constant(extent(g.rows), extent(g.cols), background);
    for (int k = 0; k < n; ++k) {
        const int top = (k / cols) * (side + gap), left = (k % cols) * (side + gap);
        for (int i = 0; i < side; ++i)
            for (int j = 0; j < side; ++j)
                g.pixels(top + i, left + j) = images(k, Eigen::Index(i) * side + j);
    }
    return g;
}

int image_side(Eigen::Index pixels) {
    const int side = static_cast<int>(std::lround(std::sqrt(double(pixels))));
    if (pixels < 1 || Eigen::Index(side) * side != pixels)
        throw std::invalid_argument("image_side: " + std::to_string(pixels) +
                                    " pixels are not a square image");
    return side;
}

bool save_image_grid(const ImageGrid& grid, const GridStyle& style, const std::string& path) {
    return save_png(grid_figure(grid, style, layout(grid, style)), path);
}

bool save_image_grid_gif(const std::vector<ImageGrid>& frames, const std::vector<GridStyle>& styles,
                         int delay, const std::string& path) {
    if (frames.empty() || frames.size() != styles.size())
        throw std::invalid_argument("save_image_grid_gif: one style per frame, and at least one frame");
    // One layout for all: the first frame's, so the animation does not jump.
    const Layout l = layout(frames.front(), styles.front());
    std::vector<Figure> figures;
    for (std::size_t f = 0; f < frames.size(); ++f) figures.push_back(grid_figure(frames[f], styles[f], l));
    return save_gif(figures, path, delay);
}

}  // namespace vae::plot
