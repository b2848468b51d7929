#include "ex07/latent_usage.hpp"

#include <algorithm>

#include "vae/analysis/latent.hpp"
#include "vae/plot.hpp"

namespace vae::mnist {

Posteriors encode_posteriors(const Model& model, const Images& x, int batch_size) {
    Posteriors p;
    p.mu.resize(x.rows(), model.latent_dim());
    p.logvar.resize(x.rows(), model.latent_dim());
    Workspace ws;
    for (Eigen::Index start = 0; start < x.rows(); start += batch_size) {
        const Eigen::Index rows = std::min<Eigen::Index>(batch_size, x.rows() - start);
        model.encode(x.middleRows(start, rows), ws);
        p.mu.middleRows(start, rows) = ws.mu().cast<double>();
        p.logvar.middleRows(start, rows) = ws.logvar().cast<double>();
    }
    return p;
}

// Unchecked: a dimension near zero KL has a relative spread across builds no tolerance covers.
void add_kl_per_dimension(Report& report, const analysis::Vector& kl) {
    for (Eigen::Index j = 0; j < kl.size(); ++j)
        report.add_unchecked("kl_dim_" + std::to_string(j + 1), kl(j),
                             "mean KL of latent dimension " + std::to_string(j + 1) + " (nats)");
    report.add_unchecked(
        "active_units_kl", analysis::count_active_by_kl(kl),
        "latent dimensions with KL > " + format_value(analysis::kKlActivityThreshold) + " nats");
}

bool plot_kl_per_dimension(const analysis::Vector& kl, const std::string& title, const std::string& path) {
    const std::vector<int> order = analysis::dimensions_by_kl(kl);
    plot::Panel p;
    p.title = title;
    p.xlabel = "latent dimension (largest KL first)";
    p.ylabel = "mean KL(q(z_j | x) || N(0, 1)), nats";
    std::string xtics = "set xtics (";
    plot::Series bars;
    bars.style = "using 1:2 with boxes fs solid 0.7 lc rgb '" + plot::color(0) + "'";
    for (std::size_t r = 0; r < order.size(); ++r) {
        bars.rows.push_back({double(r), kl(order[r])});
        xtics += (r ? ", '" : "'") + std::to_string(order[r] + 1) + "' " + std::to_string(r);
    }
    plot::Series threshold;
    threshold.title = "active above " + format_value(analysis::kKlActivityThreshold) + " nats";
    threshold.style = "using 1:2 with lines lw 2 dt 2 lc rgb '" + plot::color(1) + "'";
    threshold.rows = {{-0.5, analysis::kKlActivityThreshold},
                      {double(order.size()) - 0.5, analysis::kKlActivityThreshold}};
    p.settings = {xtics + ")", "set boxwidth 0.8",
                  "set xrange [-0.6:" + std::to_string(order.size()) + "-0.4]", "set yrange [0:*]",
                  "set key inside top right"};
    p.series = {bars, threshold};
    plot::Figure fig;
    fig.width = 1000;
    fig.height = 550;
    fig.panels = {p};
    return plot::save_png(fig, path);
}

}  // namespace vae::mnist
