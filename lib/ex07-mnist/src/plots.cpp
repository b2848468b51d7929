#include "ex07/plots.hpp"

#include <algorithm>
#include <cmath>

#include "ex07/images.hpp"
#include "vae/format.hpp"
#include "vae/plot.hpp"

namespace vae::mnist {

namespace {

// Every entry of m as a row {column, row, value}, for gnuplot's `with image`. (Sent as
// plain rows rather than as gnuplot's inline matrix format: the same pixels, and no
// dependence on how that format is terminated.)
plot::Series pixel_series(const analysis::Matrix& m, const std::string& style) {
    plot::Series s;
    s.style = style;
    s.rows.reserve(std::size_t(m.size()));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) s.rows.push_back({double(j), double(i), m(i, j)});
    return s;
}

// A picture drawn pixel for pixel, row 0 at the top: ink (1) black on white paper (0), so a
// digit looks as it would on a page.
plot::Panel picture_panel(const std::string& title, const analysis::Matrix& picture) {
    plot::Panel p;
    p.title = title;
    const std::string w = std::to_string(picture.cols()), h = std::to_string(picture.rows());
    p.settings = {"set palette gray negative",
                  "set cbrange [0:1]",
                  "unset colorbox",
                  "set size ratio -1",
                  "set xrange [-0.5:" + w + "-0.5]",
                  "set yrange [" + h + "-0.5:-0.5]",
                  "unset xtics",
                  "unset ytics",
                  "unset grid",
                  "unset key",
                  "unset border"};
    p.series.push_back(pixel_series(picture, "using 1:2:3 with image"));
    return p;
}

// One picture, each of its pixels drawn as a scale x scale block of the PNG (the largest
// whole scale that keeps the PNG within about max_width pixels): whole-pixel scaling keeps
// the strokes crisp, with no moire from resampling. The plot area fills the PNG below a
// band for the title.
bool save_picture(const analysis::Matrix& picture, const std::string& title, int max_width,
                  const std::string& path) {
    constexpr int kTitleBand = 40;
    const int w = static_cast<int>(picture.cols()), h = static_cast<int>(picture.rows());
    const int scale = std::max(1, max_width / std::max(w, 1));
    plot::Figure fig;
    fig.width = std::max(scale * w, 400);
    fig.height = scale * h + kTitleBand;
    plot::Panel p = picture_panel(title, picture);
    const double left = 0.5 * (1.0 - double(scale * w) / fig.width);
    p.settings.push_back("set lmargin at screen " + fixed(left, 6));
    p.settings.push_back("set rmargin at screen " + fixed(1.0 - left, 6));
    p.settings.push_back("set bmargin at screen 0");
    p.settings.push_back("set tmargin at screen " + fixed(double(scale * h) / fig.height, 6));
    fig.panels = {p};
    return plot::save_png(fig, path);
}

// Light grey between tiles, so neighbouring images stay apart on white paper.
constexpr double kGap = 0.15;

plot::Series class_points(const analysis::Matrix& xy, const analysis::Labels& labels, int cls,
                          const std::string& name, double size) {
    plot::Series s;
    s.title = name;
    s.style = "using 1:2 with points pt 7 ps " + fixed(size, 2) + " lc rgb '" + plot::color(cls) + "'";
    for (Eigen::Index i = 0; i < xy.rows(); ++i)
        if (labels[std::size_t(i)] == cls) s.rows.push_back({xy(i, 0), xy(i, 1)});
    return s;
}

plot::Panel latent_panel(const analysis::Matrix& xy, const analysis::Labels& labels,
                         const std::vector<std::string>& class_names, const std::string& xlabel,
                         const std::string& ylabel, const std::string& title, double size) {
    plot::Panel p;
    p.title = title;
    p.xlabel = xlabel;
    p.ylabel = ylabel;
    p.settings = {"set key outside right top title 'class' box"};
    for (int c = 0; c < static_cast<int>(class_names.size()); ++c)
        p.series.push_back(class_points(xy, labels, c, class_names[std::size_t(c)], size));
    return p;
}

plot::Series epoch_line(const std::vector<nn::EpochStats>& h, double nn::EpochStats::*field,
                        const std::string& title, int colour, const std::string& extra = "") {
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '" + plot::color(colour) + "'" + extra;
    for (const nn::EpochStats& e : h)
        if (!std::isnan(e.*field)) s.rows.push_back({double(e.epoch), e.*field});
    return s;
}

}  // namespace

bool plot_loss_curves(const std::vector<nn::EpochStats>& history, const std::string& title,
                      const std::string& path) {
    plot::Figure fig;
    fig.title = title;
    fig.width = 1500;
    fig.height = 520;
    fig.grid_cols = 3;
    // Whole epochs on the axis; every one of them labelled while there are few.
    const std::string xr = "set xrange [0.5:" + std::to_string(history.size()) + ".5]" +
                           (history.size() <= 12 ? "; set xtics 1" : "");
    plot::Panel total;
    total.title = "loss = recon + beta KL";
    total.xlabel = "epoch";
    total.ylabel = "nats per image";
    total.settings = {xr, "set key inside top right"};
    total.series = {epoch_line(history, &nn::EpochStats::total, "train", 0),
                    epoch_line(history, &nn::EpochStats::test_total, "test", 1)};
    plot::Panel recon = total;
    recon.title = "reconstruction term (binary cross-entropy)";
    recon.series = {epoch_line(history, &nn::EpochStats::recon, "train", 0),
                    epoch_line(history, &nn::EpochStats::test_recon, "test", 1)};
    plot::Panel kl = total;
    kl.title = "KL term, and beta";
    // A run that ends inside its warm-up has beta = 0 throughout, and gnuplot warns of an empty
    // [0:0] axis; 0 to 1 then.
    double largest_beta = 0;
    for (const nn::EpochStats& e : history) largest_beta = std::max(largest_beta, e.beta);
    const std::string beta_range = std::string("set y2range [0:") + (largest_beta > 0 ? "*" : "1") + "]";
    kl.settings = {xr,           "set key inside bottom right", "set y2label 'beta'",
                   "set y2tics", "set ytics nomirror",          beta_range};
    kl.series = {epoch_line(history, &nn::EpochStats::kl, "train KL", 0),
                 epoch_line(history, &nn::EpochStats::test_kl, "test KL", 1),
                 epoch_line(history, &nn::EpochStats::beta, "beta (right axis)", 7, " dt 2 axes x1y2")};
    fig.panels = {total, recon, kl};
    return plot::save_png(fig, path);
}

bool plot_reconstructions(const Images& originals, const Images& reconstructions, int per_row,
                          const std::string& title, const std::string& path) {
    const Eigen::Index pairs = originals.rows() / per_row;
    Images rows(pairs * 2 * per_row, originals.cols());
    for (Eigen::Index p = 0; p < pairs; ++p) {
        rows.middleRows(2 * p * per_row, per_row) = originals.middleRows(p * per_row, per_row);
        rows.middleRows((2 * p + 1) * per_row, per_row) = reconstructions.middleRows(p * per_row, per_row);
    }
    const int side = static_cast<int>(std::lround(std::sqrt(double(originals.cols()))));
    return save_picture(tile_images(rows, side, per_row, 2, kGap), title, 1100, path);
}

bool plot_image_grid(const Images& images, int cols, const std::string& title, const std::string& path) {
    const int side = static_cast<int>(std::lround(std::sqrt(double(images.cols()))));
    return save_picture(tile_images(images, side, cols, 2, kGap), title, 1200, path);
}

bool plot_latent(const analysis::Matrix& xy, const analysis::Labels& labels,
                 const std::vector<std::string>& class_names, const std::string& xlabel,
                 const std::string& ylabel, const std::string& title, const std::string& path) {
    plot::Figure fig;
    fig.width = 1000;
    fig.height = 850;
    fig.panels = {latent_panel(xy, labels, class_names, xlabel, ylabel, title, 0.5)};
    return plot::save_png(fig, path);
}

bool plot_latent_before_after(const LatentSnapshot& before, const LatentSnapshot& after,
                              const analysis::Labels& labels, const std::vector<std::string>& class_names,
                              const std::string& title, const std::string& path) {
    plot::Figure fig;
    fig.title = title;
    fig.width = 1500;
    fig.height = 1150;
    fig.grid_rows = 2;
    fig.grid_cols = 2;
    for (const LatentSnapshot* s : {&before, &after})
        fig.panels.push_back(latent_panel(s->xy, labels, class_names, s->xlabel, s->ylabel,
                                          "encoder means mu, " + s->name, 0.45));
    for (const LatentSnapshot* s : {&before, &after}) {
        plot::Panel p;
        p.xlabel = "mu";
        p.ylabel = "density";
        p.settings = {"set xrange [-4:4]", "set yrange [0:*]", "set key inside top right"};
        long outside = 0, total = 0;
        // A few dimensions one by one (each should come to look like the prior); many pooled.
        const int dims = static_cast<int>(s->mu.cols());
        const int shown = dims <= 3 ? dims : 1;
        for (int d = 0; d < shown; ++d) {
            std::vector<double> values;
            if (dims <= 3)
                for (Eigen::Index i = 0; i < s->mu.rows(); ++i) values.push_back(s->mu(i, d));
            else
                values.assign(s->mu.data(), s->mu.data() + s->mu.size());
            const Histogram h = histogram(values, -4.0, 4.0, 80);
            outside += h.outside;
            total += h.total;
            plot::Series steps;
            steps.title = dims <= 3 ? "mu_" + std::to_string(d + 1) : "every mu_j, pooled";
            steps.style = "using 1:2 with steps lw 2 lc rgb '" +
                          plot::color(d == 1   ? 2
                                      : d == 2 ? 4
                                               : 0) +
                          "'";
            // Steps drawn from each bin's left edge, closed at the right end.
            for (int b = 0; b < static_cast<int>(h.counts.size()); ++b)
                steps.rows.push_back({h.lo + b * h.width(), h.density(b)});
            steps.rows.push_back({h.hi, h.density(static_cast<int>(h.counts.size()) - 1)});
            p.series.push_back(steps);
        }
        p.title =
            "distribution of the test images' mu, " + s->name +
            (outside > 0 ? " (" + fixed(100.0 * double(outside) / double(total), 2) + "% outside [-4, 4])"
                         : std::string());
        plot::Series prior;
        prior.title = "N(0, 1), the prior";
        prior.style = "using 1:2 with lines lw 2 dt 2 lc rgb '" + plot::color(1) + "'";
        for (int k = 0; k <= 160; ++k) {
            const double x = -4.0 + 8.0 * k / 160.0;
            prior.rows.push_back({x, normal_density(x)});
        }
        p.series.push_back(prior);
        fig.panels.push_back(p);
    }
    return plot::save_png(fig, path);
}

bool plot_confusion(const analysis::CountMatrix& confusion, const std::vector<std::string>& class_names,
                    const std::string& title, const std::string& path) {
    const Eigen::Index n = confusion.rows();
    plot::Panel p;
    p.title = title;
    p.xlabel = "label matched to the sample's cluster";
    p.ylabel = "true label";
    std::string xtics = "set xtics (", ytics = "set ytics (";
    for (Eigen::Index c = 0; c < n; ++c) {
        const std::string name = "'" + class_names[std::size_t(c)] + "' " + std::to_string(c);
        xtics += (c ? ", " : "") + name;
        ytics += (c ? ", " : "") + name;
    }
    const std::string extent = "[-0.5:" + std::to_string(n) + "-0.5]";
    p.settings = {"set palette defined (0 '#ffffff', 1 '#0072B2')",
                  "set size ratio -1",
                  "set xrange " + extent,
                  "set yrange [" + std::to_string(n) + "-0.5:-0.5]",
                  xtics + ") rotate by -35",
                  ytics + ")",
                  "unset grid",
                  "unset key",
                  "set cblabel 'samples'",
                  "set tics scale 0"};
    const plot::Series image = pixel_series(confusion.cast<double>(), "using 1:2:3 with image");
    // The count in each cell; white on the dark cells, black elsewhere.
    const double top = std::max<double>(1.0, double(confusion.maxCoeff()));
    plot::Series dark, light;
    dark.style = "using 1:2:(sprintf('%d', int($3))) with labels tc rgb '#000000' font ',10'";
    light.style = "using 1:2:(sprintf('%d', int($3))) with labels tc rgb '#ffffff' font ',10'";
    for (Eigen::Index t = 0; t < n; ++t)
        for (Eigen::Index q = 0; q < n; ++q) {
            const double v = double(confusion(t, q));
            (v > 0.55 * top ? light : dark).rows.push_back({double(q), double(t), v});
        }
    p.series.push_back(image);
    if (!dark.rows.empty()) p.series.push_back(dark);
    if (!light.rows.empty()) p.series.push_back(light);
    plot::Figure fig;
    fig.width = 950;
    fig.height = 850;
    fig.panels = {p};
    return plot::save_png(fig, path);
}

}  // namespace vae::mnist
