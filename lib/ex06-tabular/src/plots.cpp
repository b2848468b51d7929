#include "plots.hpp"

#include <algorithm>

#include "vae/analysis/pca.hpp"
#include "vae/format.hpp"
#include "vae/plot_helpers.hpp"

namespace vae::tabular {
namespace {

constexpr int kScatterFeatures = 5;  // as many features as a scatter matrix can show legibly
constexpr int kHistogramBins = 10;

std::string short_num(double v) { return significant(v, 3); }

std::string beta_title(double beta) {
    return beta == 1.0 ? "vanilla VAE (beta = 1)" : "beta-VAE, beta = " + beta_label(beta);
}

std::string range(double lo, double hi) { return "[" + std::to_string(lo) + ":" + std::to_string(hi) + "]"; }

// [min, max] of the values, widened by 5% on each side (and to a non-empty interval).
std::pair<double, double> padded(double lo, double hi) {
    if (!(hi > lo)) lo -= 0.5, hi += 0.5;
    const double margin = 0.05 * (hi - lo);
    return {lo - margin, hi + margin};
}

plot::Series points(const std::string& title, int point_type, double size, int colour) {
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with points pt " + std::to_string(point_type) + " ps " + short_num(size) +
              " lc rgb '" + plot::color(colour) + "'";
    return s;
}

plot::Series curve(const std::vector<double>& y, const std::string& title, int colour, bool dashed) {
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with lines lw 2 lc rgb '" + plot::color(colour) + "'" + (dashed ? " dt 2" : "");
    for (std::size_t e = 0; e < y.size(); ++e) s.rows.push_back({static_cast<double>(e + 1), y[e]});
    return s;
}

void save(const plot::Figure& fig, const std::string& dir, const std::string& name,
          std::vector<std::string>& written) {
    if (plot::save_png(fig, plot::png_path(dir, name))) written.push_back(name + ".png");
}

// ---- loss curves -------------------------------------------------------------------------

plot::Panel loss_panel(const DatasetResult& d, const std::string& what, bool kl) {
    // Both panels draw the same series: one legend, on the left panel, is enough.
    plot::Panel p{what + " term, per sample",
                  "epoch",
                  "nats per sample",
                  {kl ? "unset key" : "set key inside top right box opaque"},
                  {}};
    bool positive = true;
    for (std::size_t i = 0; i < d.runs.size(); ++i) {
        std::vector<double> train, test;
        for (const EpochLosses& e : d.runs[i].history.epochs()) {
            train.push_back(kl ? e.train.kl : e.train.recon);
            test.push_back(kl ? e.test.kl : e.test.recon);
        }
        for (double v : train) positive = positive && v > 0;
        for (double v : test) positive = positive && v > 0;
        const std::string b = "beta " + beta_label(d.runs[i].beta);
        p.series.push_back(curve(train, b + " train", static_cast<int>(i), false));
        p.series.push_back(curve(test, b + " test", static_cast<int>(i), true));
    }
    // A log scale shows the first epochs and the last ones at once; it needs positive values.
    if (positive) p.settings.push_back("set logscale y");
    return p;
}

void loss_figure(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written) {
    plot::Figure fig;
    fig.width = 1400, fig.height = 560, fig.grid_cols = 2;
    fig.title = d.data.name + ": loss terms per epoch (solid: training batches, dashed: test split)";
    fig.panels.push_back(loss_panel(d, "reconstruction", false));
    fig.panels.push_back(loss_panel(d, "KL", true));
    save(fig, dir, "exercise6_" + d.data.name + "_loss", written);
}

// ---- latent means ------------------------------------------------------------------------

// Row i of mu as a plot point: (mu_1, mu_2), or (mu_1, class) for a 1-D latent.
std::vector<double> latent_point(const RowMatrix& mu, Eigen::Index i, int label) {
    if (mu.cols() == 1) return {mu(i, 0), static_cast<double>(label)};
    return {mu(i, 0), mu(i, 1)};
}

void latent_figure(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written) {
    plot::Figure fig;
    fig.width = 520 * static_cast<int>(d.runs.size()), fig.height = 600;
    fig.grid_cols = static_cast<int>(d.runs.size());
    const int latent = static_cast<int>(d.runs.front().mu_train.cols());
    fig.title = d.data.name +
                ": encoder means mu, coloured by class (dots: training rows, triangles: test rows)" +
                (latent > 2 ? ", first 2 of " + std::to_string(latent) + " dimensions" : "");
    // One square window for every panel and both axes: a dimension the model stopped using
    // then shows as a thin band, as it should, instead of being stretched to fill its axis.
    double reach = 1.0;
    for (const RunResult& run : d.runs)
        reach = std::max({reach, run.mu_train.cwiseAbs().maxCoeff(), run.mu_test.cwiseAbs().maxCoeff()});
    const std::string window = range(-1.08 * reach, 1.08 * reach);
    const auto& names = d.data.train.class_names;
    for (std::size_t r = 0; r < d.runs.size(); ++r) {
        const RunResult& run = d.runs[r];
        plot::Panel p{"beta = " + beta_label(run.beta) + ": " + std::to_string(run.active) + " active, KL " +
                          short_num(run.history.last().train.kl) + ", 5-NN " + short_num(run.knn_accuracy) +
                          (run.collapsed ? ", COLLAPSED" : ""),
                      "mu_1",
                      latent == 1 ? "class" : "mu_2",
                      {"set xrange " + window},
                      {}};
        p.settings.push_back(r == 0 ? "set key inside top left box opaque" : "unset key");
        if (latent > 1)
            p.settings.push_back("set size ratio -1"), p.settings.push_back("set yrange " + window);
        else
            p.settings.push_back("set yrange " + range(-0.5, names.size() - 0.5)),
                p.settings.push_back("set ytics 1");
        for (int k = 0; k < static_cast<int>(names.size()); ++k) {
            plot::Series train = points(names[static_cast<std::size_t>(k)], 7, 0.7, k);
            plot::Series test = points("", 9, 1.4, k);
            for (Eigen::Index i = 0; i < run.mu_train.rows(); ++i)
                if (d.data.train.labels[static_cast<std::size_t>(i)] == k)
                    train.rows.push_back(latent_point(run.mu_train, i, k));
            for (Eigen::Index i = 0; i < run.mu_test.rows(); ++i)
                if (d.data.test.labels[static_cast<std::size_t>(i)] == k)
                    test.rows.push_back(latent_point(run.mu_test, i, k));
            if (!train.rows.empty()) p.series.push_back(train);
            if (!test.rows.empty()) p.series.push_back(test);
        }
        fig.panels.push_back(p);
    }
    save(fig, dir, "exercise6_" + d.data.name + "_latent", written);
}

// ---- test rows and their reconstructions in one PCA plane ------------------------------

void pca_figure(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written) {
    // Fitted on the scaled training rows, so every panel shares one coordinate system.
    const analysis::Pca pca = analysis::fit_pca(d.train, 2);
    const RowMatrix original = pca.transform(d.test);
    std::vector<RowMatrix> recon;
    double x_lo = original.col(0).minCoeff(), x_hi = original.col(0).maxCoeff();
    double y_lo = original.col(1).minCoeff(), y_hi = original.col(1).maxCoeff();
    for (const RunResult& run : d.runs) {
        recon.push_back(pca.transform(run.reconstruction_test));
        x_lo = std::min(x_lo, recon.back().col(0).minCoeff()),
        x_hi = std::max(x_hi, recon.back().col(0).maxCoeff());
        y_lo = std::min(y_lo, recon.back().col(1).minCoeff()),
        y_hi = std::max(y_hi, recon.back().col(1).maxCoeff());
    }
    const auto [xa, xb] = padded(x_lo, x_hi);
    const auto [ya, yb] = padded(y_lo, y_hi);

    plot::Figure fig;
    fig.width = 560 * static_cast<int>(d.runs.size()), fig.height = 480;
    fig.grid_cols = static_cast<int>(d.runs.size());
    fig.title = d.data.name +
                ": test rows (open circles) and their reconstructions (dots), on the first 2 principal "
                "components of the scaled training data";
    const auto& names = d.data.test.class_names;
    for (std::size_t r = 0; r < d.runs.size(); ++r) {
        plot::Panel p{beta_title(d.runs[r].beta) + ": test error " + short_num(d.runs[r].test_rms_sd) + " sd",
                      "PC 1",
                      "PC 2",
                      {"set size ratio -1", "set xrange " + range(xa, xb), "set yrange " + range(ya, yb),
                       r == 0 ? "set key inside top left box opaque" : "unset key"},
                      {}};
        plot::Series link;
        link.style = "using 1:2:3:4 with vectors nohead lc rgb '#c8c8c8'";
        for (Eigen::Index i = 0; i < original.rows(); ++i)
            link.rows.push_back({original(i, 0), original(i, 1), recon[r](i, 0) - original(i, 0),
                                 recon[r](i, 1) - original(i, 1)});
        p.series.push_back(link);
        for (int k = 0; k < static_cast<int>(names.size()); ++k) {
            plot::Series o = points(names[static_cast<std::size_t>(k)], 6, 1.3, k);
            plot::Series x = points("", 7, 0.8, k);
            for (Eigen::Index i = 0; i < original.rows(); ++i) {
                if (d.data.test.labels[static_cast<std::size_t>(i)] != k) continue;
                o.rows.push_back({original(i, 0), original(i, 1)});
                x.rows.push_back({recon[r](i, 0), recon[r](i, 1)});
            }
            if (!o.rows.empty()) p.series.push_back(o), p.series.push_back(x);
        }
        fig.panels.push_back(p);
    }
    save(fig, dir, "exercise6_" + d.data.name + "_reconstruction_pca", written);
}

// ---- scatter matrix of the features that separate the classes most --------------------

plot::Series histogram(const RowMatrix& x, int column, double lo, double hi, const std::string& title,
                       int colour, bool dashed) {
    std::vector<double> counts(kHistogramBins, 0.0);
    const double width = (hi - lo) / kHistogramBins;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const int bin = std::clamp(static_cast<int>((x(i, column) - lo) / width), 0, kHistogramBins - 1);
        counts[static_cast<std::size_t>(bin)] += 1.0;
    }
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with histeps lw 2 lc rgb '" + plot::color(colour) + "'" + (dashed ? " dt 2" : "");
    for (int b = 0; b < kHistogramBins; ++b)
        s.rows.push_back({lo + (b + 0.5) * width, counts[static_cast<std::size_t>(b)]});
    return s;
}

void scatter_matrix_figure(const DatasetResult& d, const std::string& dir,
                           std::vector<std::string>& written) {
    const RunResult* vanilla = &d.runs.front();
    for (const RunResult& run : d.runs)
        if (run.beta == 1.0) vanilla = &run;
    const std::vector<int> chosen =
        most_separating_features(d.data.train.features, d.data.train.labels, kScatterFeatures);
    const RowMatrix& original = d.data.test.features;
    const RowMatrix recon = d.scaling.inverse(vanilla->reconstruction_test);
    const int m = static_cast<int>(chosen.size());

    std::vector<std::pair<double, double>> limits;
    for (int f : chosen)
        limits.push_back(padded(std::min(original.col(f).minCoeff(), recon.col(f).minCoeff()),
                                std::max(original.col(f).maxCoeff(), recon.col(f).maxCoeff())));

    plot::Figure fig;
    fig.width = std::max(300 * m + 60, 1400), fig.height = 300 * m + 60;
    fig.grid_rows = m, fig.grid_cols = m;
    fig.title = d.data.name + ", " + beta_title(vanilla->beta) +
                ": test rows (circles) and reconstructions (dots); " +
                "diagonal: histograms (dashed: reconstructed)";
    const auto& names = d.data.test.class_names;
    for (int r = 0; r < m; ++r)
        for (int c = 0; c < m; ++c) {
            const int fx = chosen[static_cast<std::size_t>(c)], fy = chosen[static_cast<std::size_t>(r)];
            const std::string& name_x = d.data.feature_names[static_cast<std::size_t>(fx)];
            const std::string& name_y = d.data.feature_names[static_cast<std::size_t>(fy)];
            const auto [xa, xb] = limits[static_cast<std::size_t>(c)];
            plot::Panel p{"",
                          r == m - 1 ? name_x : "",
                          c == 0 ? name_y : "",
                          {"unset key", "set tics font ',8'", "set xrange " + range(xa, xb)},
                          {}};
            if (r == c) {
                p.title = name_x;
                p.series.push_back(histogram(original, fx, xa, xb, "original", 7, false));
                p.series.push_back(histogram(recon, fx, xa, xb, "reconstructed", 1, true));
            } else {
                const auto [ya, yb] = limits[static_cast<std::size_t>(r)];
                p.settings.push_back("set yrange " + range(ya, yb));
                for (int k = 0; k < static_cast<int>(names.size()); ++k) {
                    plot::Series o = points(names[static_cast<std::size_t>(k)], 6, 0.9, k);
                    plot::Series x = points("", 7, 0.55, k);
                    for (Eigen::Index i = 0; i < original.rows(); ++i) {
                        if (d.data.test.labels[static_cast<std::size_t>(i)] != k) continue;
                        o.rows.push_back({original(i, fx), original(i, fy)});
                        x.rows.push_back({recon(i, fx), recon(i, fy)});
                    }
                    if (!o.rows.empty()) p.series.push_back(o), p.series.push_back(x);
                }
            }
            fig.panels.push_back(p);
        }
    save(fig, dir, "exercise6_" + d.data.name + "_scatter_matrix", written);
}

}  // namespace

void draw_plots(const DatasetResult& d, const std::string& plot_dir, std::vector<std::string>& written) {
    if (d.runs.empty()) return;
    loss_figure(d, plot_dir, written);
    latent_figure(d, plot_dir, written);
    pca_figure(d, plot_dir, written);
    scatter_matrix_figure(d, plot_dir, written);
}

}  // namespace vae::tabular
