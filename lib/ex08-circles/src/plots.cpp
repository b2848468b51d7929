#include "ex08/plots.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "vae/analysis/correlation.hpp"
#include "vae/format.hpp"
#include "vae/plot.hpp"
#include "vae/plot_helpers.hpp"

namespace vae::circles {

namespace {

constexpr int kSide = 28;  // the images are kSide x kSide

// Low values dark blue, high values yellow: readable in grey print and for most colour-blind
// readers, and the same way round as the usual latent-value pictures.
const char* const kViridis =
    "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21908d', 0.75 '#5dc963', "
    "1 '#fde725')";

// A picture drawn pixel for pixel: grey 0 (black) to 1 (white), row 0 at the top. The
// data are x, y, grey rows with grey as a whole number 0..255: short lines, because gnuplot
// reads inline data slowly. In a GIF the grey goes in as r = g = b "with rgbimage": gnuplot's
// GIF terminal allocates palette colours anew for every panel of every frame and runs out.
plot::Panel image_panel(const std::string& title, const Matrix& picture, bool for_gif = false) {
    plot::Panel p;
    p.title = title;
    const std::string w = std::to_string(picture.cols()), h = std::to_string(picture.rows());
    p.settings = {"unset colorbox",
                  "set size ratio -1",
                  "set xrange [-0.5:" + w + "-0.5]",
                  "set yrange [" + h + "-0.5:-0.5]",
                  "unset xtics",
                  "unset ytics",
                  "unset grid",
                  "unset key",
                  "set palette gray",
                  "set cbrange [0:255]"};
    plot::Series s;
    s.style = for_gif ? "using 1:2:3:3:3 with rgbimage" : "using 1:2:3 with image";
    for (Eigen::Index i = 0; i < picture.rows(); ++i)
        for (Eigen::Index j = 0; j < picture.cols(); ++j) {
            const double grey = std::round(255 * std::clamp(picture(i, j), 0.0, 1.0));
            s.rows.push_back({double(j), double(i), grey});
        }
    p.series.push_back(std::move(s));
    return p;
}

plot::Panel centre_panel(const std::string& title, const data::CircleImages& test, const Vector& code,
                         const std::string& label) {
    plot::Panel p;
    p.title = title;
    p.xlabel = "centre x (pixel column)";
    p.ylabel = "centre y (pixel row, 0 at the top)";
    // Centres keep the shape inside the image, so they cover only its middle: zoom to them.
    const double lo = std::floor(test.centres.minCoeff()) - 1;
    const double hi = std::ceil(test.centres.maxCoeff()) + 1;
    const std::string range = "[" + vae::fixed(lo, 0) + ":" + vae::fixed(hi, 0) + "]";
    const std::string reversed = "[" + vae::fixed(hi, 0) + ":" + vae::fixed(lo, 0) + "]";
    p.settings = {kViridis,
                  "set cblabel '" + label + "'",
                  "set size ratio -1",
                  "set xrange " + range,
                  "set yrange " + reversed,
                  "unset key"};
    plot::Series s;
    s.style = "using 1:2:3 with points pt 7 ps 0.7 palette";
    for (long i = 0; i < test.size(); ++i)
        s.rows.push_back({test.centres(i, 0), test.centres(i, 1), code(i)});
    p.series.push_back(std::move(s));
    return p;
}

// Points from lo to hi in `steps` equal steps (steps >= 2).
std::vector<double> linspace(double lo, double hi, int steps) {
    std::vector<double> v(static_cast<std::size_t>(steps));
    for (int k = 0; k < steps; ++k) v[static_cast<std::size_t>(k)] = lo + (hi - lo) * k / (steps - 1);
    return v;
}

}  // namespace

Matrix latent_range(const Matrix& codes) {
    if (codes.rows() < 1) throw std::invalid_argument("latent_range: no codes");
    Matrix range(3, codes.cols());
    for (Eigen::Index j = 0; j < codes.cols(); ++j) {
        std::vector<double> v(codes.rows());
        for (Eigen::Index i = 0; i < codes.rows(); ++i) v[static_cast<std::size_t>(i)] = codes(i, j);
        std::sort(v.begin(), v.end());
        auto at = [&](double q) {
            return v[static_cast<std::size_t>(std::lround(q * double(v.size() - 1)))];
        };
        range(0, j) = at(0.02);
        range(1, j) = at(0.98);
        range(2, j) = at(0.5);
    }
    return range;
}

Matrix tile_images(const data::ImageMatrix& images, int height, int width, int cols, double gap) {
    if (cols < 1 || images.cols() != static_cast<Eigen::Index>(height) * width)
        throw std::invalid_argument("tile_images: the images are not height x width");
    const int n = static_cast<int>(images.rows());
    const int rows = std::max(1, (n + cols - 1) / cols);
    Matrix out = Matrix::Constant(rows * (height + 1) - 1, cols * (width + 1) - 1, gap);
    for (int k = 0; k < n; ++k) {
        const int top = (k / cols) * (height + 1), left = (k % cols) * (width + 1);
        for (int i = 0; i < height; ++i)
            for (int j = 0; j < width; ++j)
                out(top + i, left + j) = images(k, static_cast<Eigen::Index>(i) * width + j);
    }
    return out;
}

bool plot_latent_vs_centre(const std::string& path, const data::CircleImages& test, const TrainedModel& ae,
                           const TrainedModel& vae) {
    plot::Figure fig;
    fig.title = "Exercise 8: held-out circle centres, coloured by each latent dimension";
    fig.width = 1200, fig.height = 1100;
    fig.grid_rows = 2, fig.grid_cols = 2;
    for (const TrainedModel* m : {&ae, &vae}) {
        for (int k = 0; k < 2; ++k) {
            const Vector code = m->test_mu.col(k);
            const double rx = analysis::pearson(code, test.centres.col(0)).r;
            const double ry = analysis::pearson(code, test.centres.col(1)).r;
            const std::string z = "z_" + std::to_string(k + 1);
            fig.panels.push_back(centre_panel(m->name() + ": " + z + "   (r with x " + vae::fixed(rx, 2) +
                                                  ", with y " + vae::fixed(ry, 2) + ")",
                                              test, code, m->name() + " " + z));
        }
    }
    return plot::save_png(fig, path);
}

bool plot_decoded_grid(const std::string& path, const TrainedModel& m, int steps) {
    const Matrix range = latent_range(m.test_mu);
    const std::vector<double> z1 = linspace(range(0, 0), range(1, 0), steps);
    const std::vector<double> z2 = linspace(range(0, 1), range(1, 1), steps);
    // Row r of the grid holds z_2 = z2[steps - 1 - r], so z_2 grows upwards like a y axis.
    Matrix z(steps * steps, 2);
    for (int r = 0; r < steps; ++r)
        for (int c = 0; c < steps; ++c) {
            z(r * steps + c, 0) = z1[static_cast<std::size_t>(c)];
            z(r * steps + c, 1) = z2[static_cast<std::size_t>(steps - 1 - r)];
        }
    const data::ImageMatrix images = decode(m, z);
    plot::Figure fig;
    fig.title = "Exercise 8: the " + m.name() + "'s decoder over its latent plane";
    fig.width = 1600, fig.height = 860;
    fig.grid_rows = 1, fig.grid_cols = 2;
    plot::Panel p = image_panel("decoded images", tile_images(images, kSide, kSide, steps));
    p.xlabel =
        "z_1 from " + vae::fixed(range(0, 0), 2) + " (left) to " + vae::fixed(range(1, 0), 2) + " (right)";
    p.ylabel =
        "z_2 from " + vae::fixed(range(0, 1), 2) + " (bottom) to " + vae::fixed(range(1, 1), 2) + " (top)";
    fig.panels.push_back(p);

    // The same grid seen in the image: where each decoded disc sits (its intensity centroid).
    // Lines join the points of constant z_2 (z_1 varies) and of constant z_1. A code that
    // tracks the axes draws a square mesh; a mixed code draws a turned or sheared one.
    plot::Panel mesh;
    mesh.title = "where the decoded disc sits (intensity centroid)";
    mesh.xlabel = "x (pixel column)";
    mesh.ylabel = "y (pixel row, 0 at the top)";
    mesh.settings = {"set size ratio -1", "set xrange [-0.5:27.5]", "set yrange [27.5:-0.5]",
                     "set key below"};
    auto centroid = [&](int k) {
        double total = 0, x = 0, y = 0;
        for (int i = 0; i < kSide; ++i)
            for (int j = 0; j < kSide; ++j) {
                const double v = images(k, i * kSide + j);
                total += v, x += v * j, y += v * i;
            }
        return std::pair<double, double>(x / std::max(total, 1e-12), y / std::max(total, 1e-12));
    };
    for (int line = 0; line < steps; ++line) {
        std::vector<double> ax, ay, bx, by;  // a: z_2 fixed (grid row), b: z_1 fixed (column)
        for (int t = 0; t < steps; ++t) {
            const auto [x1, y1] = centroid(line * steps + t);
            ax.push_back(x1), ay.push_back(y1);
            const auto [x2, y2] = centroid(t * steps + line);
            bx.push_back(x2), by.push_back(y2);
        }
        mesh.series.push_back(plot::line(ax, ay, line == 0 ? "z_1 varies (z_2 fixed)" : "", 0, 1.5));
        mesh.series.push_back(plot::line(bx, by, line == 0 ? "z_2 varies (z_1 fixed)" : "", 1, 1.5));
    }
    fig.panels.push_back(mesh);
    return plot::save_png(fig, path);
}

bool plot_reconstructions(const std::string& path, const data::CircleImages& test, const TrainedModel& ae,
                          const TrainedModel& vae, int count) {
    count = static_cast<int>(std::min<long>(count, test.size()));
    data::ImageMatrix rows(3 * count, kSide * kSide);
    rows.topRows(count) = test.images.topRows(count);
    rows.middleRows(count, count) = decode(ae, ae.test_mu.topRows(count));
    rows.bottomRows(count) = decode(vae, vae.test_mu.topRows(count));
    plot::Figure fig;
    fig.width = 1100, fig.height = 440;
    plot::Panel p = image_panel("Exercise 8: held-out images (top), autoencoder (middle), VAE (bottom)",
                                tile_images(rows, kSide, kSide, count));
    fig.panels.push_back(p);
    return plot::save_png(fig, path);
}

bool save_latent_sweep_gif(const std::string& path, const TrainedModel& ae, const TrainedModel& vae,
                           int frames) {
    // One decoded image per (model, dimension) and frame; the other dimension stays at its
    // median. The sweep goes out and back so that the animation loops without a jump.
    std::vector<int> order;
    for (int k = 0; k < frames; ++k) order.push_back(k);
    for (int k = frames - 2; k > 0; --k) order.push_back(k);

    struct Sweep {
        std::string title;
        Matrix z;  // frames x 2
        data::ImageMatrix images;
        int dim;
    };
    std::vector<Sweep> sweeps;
    for (const TrainedModel* m : {&ae, &vae}) {
        const Matrix range = latent_range(m->test_mu);
        for (int d = 0; d < 2; ++d) {
            Sweep s;
            s.title = m->name() + ": z_" + std::to_string(d + 1);
            s.dim = d;
            s.z = Matrix(frames, 2);
            const std::vector<double> t = linspace(range(0, d), range(1, d), frames);
            for (int k = 0; k < frames; ++k) {
                s.z(k, d) = t[static_cast<std::size_t>(k)];
                s.z(k, 1 - d) = range(2, 1 - d);
            }
            s.images = decode(*m, s.z);
            sweeps.push_back(std::move(s));
        }
    }

    std::vector<plot::Figure> figures;
    for (int k : order) {
        plot::Figure fig;
        fig.title = "Exercise 8: walking along one latent dimension at a time";
        fig.width = 640, fig.height = 680;
        fig.grid_rows = 2, fig.grid_cols = 2;
        for (const Sweep& s : sweeps) {
            const data::ImageMatrix one = s.images.row(k);
            fig.panels.push_back(image_panel(s.title + " = " + vae::fixed(s.z(k, s.dim), 2),
                                             tile_images(one, kSide, kSide, 1), true));
        }
        figures.push_back(std::move(fig));
    }
    return plot::save_gif(figures, path, 8);
}

}  // namespace vae::circles
