#include "anomaly_report.hpp"

#include "tolerance.hpp"
#include "vae/analysis/roc.hpp"
#include "vae/format.hpp"
#include "vae/plot_helpers.hpp"

namespace vae::tabular {
namespace {

plot::Series roc_series(const Eigen::VectorXd& normal, const Eigen::VectorXd& anomalous,
                        const std::string& title, int colour, bool dashed) {
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with lines lw 2 lc rgb '" + plot::color(colour) + "'" + (dashed ? " dt 2" : "");
    for (const analysis::RocPoint& p : analysis::roc_curve(normal, anomalous))
        s.rows.push_back({p.false_positive_rate, p.true_positive_rate});
    return s;
}

plot::Panel roc_panel(const AnomalyResult& a) {
    plot::Panel p{"held out: " + a.class_name,
                  "false positive rate (normal rows flagged)",
                  "true positive rate (anomalies flagged)",
                  {"set size ratio -1", "set xrange [0:1]", "set yrange [0:1]",
                   "set key inside bottom right box opaque"},
                  {}};
    plot::Series chance;
    chance.style = "using 1:2 with lines lw 1 dt 3 lc rgb '#808080'";
    chance.rows = {{0, 0}, {1, 1}};
    p.series.push_back(chance);
    p.series.push_back(
        roc_series(a.normal_recon, a.anomalous_recon, "recon error, AUC " + fixed(a.auc_recon, 3), 0, false));
    p.series.push_back(
        roc_series(a.normal_elbo, a.anomalous_elbo, "negative ELBO, AUC " + fixed(a.auc_elbo, 3), 1, true));
    return p;
}

// Each row as a point (reconstruction error, negative ELBO): where the two scores agree, and
// where the KL term moves a row that reconstructs well.
plot::Panel score_panel(const AnomalyResult& a) {
    plot::Panel p{"scores of every row",
                  "reconstruction error (scaled units^2)",
                  "negative ELBO (nats)",
                  {"set key inside top left box opaque"},
                  {}};
    const auto points = [](const Eigen::VectorXd& x, const Eigen::VectorXd& y, const std::string& title,
                           const std::string& style) {
        plot::Series s;
        s.title = title;
        s.style = style;
        for (Eigen::Index i = 0; i < x.size(); ++i) s.rows.push_back({x(i), y(i)});
        return s;
    };
    p.series.push_back(points(a.normal_recon, a.normal_elbo, "normal (test rows)",
                              "using 1:2 with points pt 7 ps 0.8 lc rgb '" + plot::color(2) + "'"));
    p.series.push_back(points(a.anomalous_recon, a.anomalous_elbo, "anomalies (" + a.class_name + ")",
                              "using 1:2 with points pt 9 ps 0.9 lc rgb '" + plot::color(3) + "'"));
    // Scores spread over decades; a log scale needs them positive (BCE of data outside [0, 1]
    // need not be).
    const bool positive = a.normal_recon.minCoeff() > 0 && a.anomalous_recon.minCoeff() > 0 &&
                          a.normal_elbo.minCoeff() > 0 && a.anomalous_elbo.minCoeff() > 0;
    if (positive) p.settings.push_back("set logscale xy");
    return p;
}

}  // namespace

void add_anomaly_quantities(Report& r, const DatasetResult& d, const std::string& trained_todos) {
    for (const AnomalyResult& a : d.anomalies) {
        const std::string id = d.data.name + ".anomaly." + a.class_name + ".";
        const std::string who = d.data.name + ", " + a.class_name + " held out: ";
        r.add(id + "auc_recon", a.auc_recon, who + "ROC AUC of the reconstruction error", kGoldenTolerance);
        r.add(id + "auc_elbo", a.auc_elbo, who + "ROC AUC of the negative ELBO", kGoldenTolerance);
        r.depends_on(id, trained_todos);
    }
}

void anomaly_notes(Report& r, const DatasetResult& d) {
    if (d.anomalies.empty()) return;
    r.note(d.data.name + ": anomaly detection. For each class, a vanilla VAE trained on the other classes'");
    r.note(
        "  training rows scores their test rows (normal) and every row of the held-out class (anomalies).");
    r.note("  ROC AUC: 1 = every anomaly scores above every normal row, 0.5 = chance.");
    r.note("  held-out class   anomalies  normal   AUC by recon error   AUC by negative ELBO");
    for (const AnomalyResult& a : d.anomalies)
        r.note("  " + vae::pad_right(a.class_name, 15) +
               fixed(static_cast<double>(a.anomalous_recon.size()), 10, 0) +
               fixed(static_cast<double>(a.normal_recon.size()), 8, 0) + fixed(a.auc_recon, 15, 3) +
               fixed(a.auc_elbo, 23, 3));
}

void draw_anomaly_plots(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written) {
    if (d.anomalies.empty()) return;
    const int cols = static_cast<int>(d.anomalies.size());
    plot::Figure fig;
    fig.width = 480 * cols, fig.height = 980, fig.grid_rows = 2, fig.grid_cols = cols;
    fig.title = d.data.name +
                ": anomaly detection, one class held out of training (top: ROC curves; bottom: "
                "both scores of every scored row)";
    for (int k = 0; k < cols; ++k) fig.panels.push_back(roc_panel(d.anomalies[static_cast<std::size_t>(k)]));
    for (int k = 0; k < cols; ++k)
        fig.panels.push_back(score_panel(d.anomalies[static_cast<std::size_t>(k)]));
    const std::string name = "exercise6_" + d.data.name + "_anomaly";
    if (plot::save_png(fig, plot::png_path(dir, name))) written.push_back(name + ".png");
}

}  // namespace vae::tabular
