#include "ex08/history.hpp"

#include <algorithm>
#include <stdexcept>

#include "ex08/report.hpp"
#include "vae/analysis/latent.hpp"
#include "vae/format.hpp"
#include "vae/plot.hpp"

namespace vae::circles {
namespace {

const nn::EpochStats& last_epoch(const TrainedModel& m) {
    if (m.history.empty()) throw std::logic_error("exercise 8: the " + m.name() + " has no training history");
    return m.history.back();
}

// One cell of the table, "   278.88 /  172.94": kCell characters.
constexpr std::size_t kCell = 19;
std::string pair(double train, double test) { return fixed(train, 9, 2) + " /" + fixed(test, 8, 2); }
std::string right(const std::string& s) {
    return std::string(kCell > s.size() ? kCell - s.size() : 0, ' ') + s;
}

plot::Series curve(const TrainedModel& m, double nn::EpochStats::*field, const std::string& title, int colour,
                   bool dashed) {
    plot::Series s;
    s.title = title;
    s.style = "using 1:2 with lines lw 2 lc rgb '" + plot::color(colour) + "'" + (dashed ? " dt 2" : "");
    for (const nn::EpochStats& e : m.history) s.rows.push_back({static_cast<double>(e.epoch), e.*field});
    return s;
}

}  // namespace

std::vector<int> table_epochs(int epochs) {
    std::vector<int> shown;
    for (int e = 1; e <= epochs; ++e)
        if (epochs <= 10 || e <= 5 || e % 5 == 0 || e == epochs) shown.push_back(e);
    return shown;
}

void add_final_epoch_quantities(Report& report, const TrainedModel& ae, const TrainedModel& vae) {
    const nn::EpochStats &a = last_epoch(ae), &v = last_epoch(vae);
    report.add("ae_final_train_recon", a.recon,
               "autoencoder: last epoch's training reconstruction term (BCE, nats/image)",
               trained_tolerance("ae_final_train_recon"));
    report.add("ae_final_test_recon", a.test_recon, "autoencoder: held-out reconstruction term after it",
               trained_tolerance("ae_final_test_recon"));
    // The VAE's reconstruction terms move too much between machines to be worth checking.
    report.add_unchecked("vae_final_train_recon", v.recon, "VAE: last epoch's training reconstruction term");
    report.add("vae_final_train_kl", v.kl, "VAE: last epoch's training KL (nats/image)",
               trained_tolerance("vae_final_train_kl"));
    report.add_unchecked("vae_final_test_recon", v.test_recon,
                         "VAE: held-out reconstruction term after it (one eps per image, from the seed)");
}

void add_kl_per_dimension(Report& report, const TrainedModel& vae) {
    const Vector kl = analysis::mean_kl_per_dimension(vae.test_mu, vae.test_logvar);
    for (Eigen::Index j = 0; j < kl.size(); ++j) {
        const std::string dim = std::to_string(j + 1);
        report.add_unchecked("vae_kl_dim_" + dim, kl(j),
                             "VAE: held-out KL of latent dimension " + dim + " (nats)");
    }
}

void kl_per_dimension_note(Report& report, const TrainedModel& vae) {
    const Vector kl = analysis::mean_kl_per_dimension(vae.test_mu, vae.test_logvar);
    std::string sum;
    for (Eigen::Index j = 0; j < kl.size(); ++j) sum += (j ? " + " : "") + fixed(kl(j), 2);
    report.note("The VAE's held-out KL per latent dimension (vae_kl_dim_*): " + sum + " = " +
                fixed(kl.sum(), 2) + " nats.");
    report.note(
        "  A dimension near 0 nats would carry nothing about the image (collapse, exercises 4 and 6).");
    report.note("  Printed only, not checked: the split turns with the latent, like the per-axis r.");
}

void history_notes(Report& report, const TrainedModel& ae, const TrainedModel& vae) {
    if (ae.history.size() != vae.history.size())
        throw std::logic_error("exercise 8: the histories differ in length");
    report.note("Training, epoch by epoch, nats per image (train / test: the epoch's batches / the held-out");
    report.note("images after the epoch):");
    report.note("  epoch  " + right("AE recon") + "  " + right("VAE recon") + "  " + right("VAE KL") + "  " +
                right("VAE total"));
    for (int e : table_epochs(static_cast<int>(ae.history.size()))) {
        const nn::EpochStats &a = ae.history[static_cast<std::size_t>(e - 1)],
                             &v = vae.history[static_cast<std::size_t>(e - 1)];
        report.note("  " + fixed(e, 5, 0) + "  " + pair(a.recon, a.test_recon) + "  " +
                    pair(v.recon, v.test_recon) + "  " + pair(v.kl, v.test_kl) + "  " +
                    pair(v.total, v.test_total));
    }
}

bool plot_training_history(const std::string& path, const TrainedModel& ae, const TrainedModel& vae) {
    plot::Figure fig;
    fig.width = 1400, fig.height = 560, fig.grid_cols = 2;
    fig.title = "Loss per epoch, nats per image (solid: training batches, dashed: held-out images)";
    // One y range for both panels, so that the two models compare at a glance; log, because
    // the first epoch's loss is many times the last's.
    double lo = 1e300, hi = 0;
    for (const TrainedModel* m : {&ae, &vae})
        for (const nn::EpochStats& e : m->history)
            for (double v : {e.recon, e.test_recon, e.total, e.test_total, e.kl, e.test_kl})
                if (v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
    const std::string range =
        hi > lo ? "set yrange [" + significant(0.8 * lo, 3) + ":" + significant(1.25 * hi, 3) + "]"
                : "set autoscale y";
    const std::string x =
        "set xrange [1:" + std::to_string(std::max<std::size_t>(2, ae.history.size())) + "]";

    plot::Panel left{"autoencoder: reconstruction (its whole loss)",
                     "epoch",
                     "nats per image",
                     {"set logscale y", range, x, "set key inside top right box opaque"},
                     {}};
    left.series.push_back(curve(ae, &nn::EpochStats::recon, "recon, train", 0, false));
    left.series.push_back(curve(ae, &nn::EpochStats::test_recon, "recon, test", 0, true));

    plot::Panel right{"VAE: recon + beta KL",
                      "epoch",
                      "nats per image",
                      {"set logscale y", range, x, "set key inside top right box opaque"},
                      {}};
    right.series.push_back(curve(vae, &nn::EpochStats::total, "total, train", 2, false));
    right.series.push_back(curve(vae, &nn::EpochStats::test_total, "total, test", 2, true));
    right.series.push_back(curve(vae, &nn::EpochStats::recon, "recon, train", 0, false));
    right.series.push_back(curve(vae, &nn::EpochStats::test_recon, "recon, test", 0, true));
    right.series.push_back(curve(vae, &nn::EpochStats::kl, "KL, train", 1, false));
    right.series.push_back(curve(vae, &nn::EpochStats::test_kl, "KL, test", 1, true));

    fig.panels = {left, right};
    return plot::save_png(fig, path);
}

}  // namespace vae::circles
