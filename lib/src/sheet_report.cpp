#include "vae/sheet_report.hpp"

#include <cmath>

#include "vae/plot_helpers.hpp"

namespace vae::sheet {
namespace {

std::string num(double v) { return format_value(v); }

Matrix one_point(double x, double y) {
    Matrix p(1, 2);
    p << x, y;
    return p;
}

// Standard deviation of each column (population), for "how much does z move with x".
Vector column_std(const Matrix& M) {
    const Matrix centred = M.rowwise() - M.colwise().mean();
    return (centred.colwise().squaredNorm() / static_cast<double>(M.rows())).cwiseSqrt().transpose();
}

plot::Panel latent_panel(const std::string& title, const Matrix& Z, int colour) {
    plot::Panel p{title, "z_1", "z_2", {"set size ratio -1", "set xrange [-3.5:4.5]", "set yrange [-3.5:4.5]"}, {}};
    p.series.push_back(plot::scatter(Z, "z", colour));
    return p;
}

}  // namespace

Report report_data(const std::string& title, const Options& options, const Matrix& X,
                   const Vector& m, const Matrix& S) {
    Report report(title);
    report.add("mean_x1", m(0), "sample mean of x1 (distribution: 3)");
    report.add("mean_x2", m(1), "sample mean of x2 (distribution: 2)");
    report.add("cov_11", S(0, 0), "sample variance of x1 (distribution: 1)");
    report.add("cov_12", S(0, 1), "sample covariance of x1 and x2 (distribution: 0)");
    report.add("cov_22", S(1, 1), "sample variance of x2 (distribution: 1)");
    for (long i = 0; i < std::min<long>(3, X.rows()); ++i) {
        const std::string row = std::to_string(i + 1);
        report.add("row" + row + "_x1", X(i, 0), "x1 of row " + row + " of X_true");
        report.add("row" + row + "_x2", X(i, 1), "x2 of row " + row + " of X_true");
    }
    report.note("With N = " + std::to_string(X.rows()) + " each sample mean has a standard error of about " +
                num(1.0 / std::sqrt(double(X.rows()))) + ", so deviations of that size from (3, 2) are expected.");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 760, fig.height = 640;
        plot::Panel p{"Exercise 1: X_true, N = " + std::to_string(X.rows()) + " draws from N((3, 2), I)",
                      "x1", "x2", {"set size ratio -1"}, {}};
        p.series.push_back(plot::scatter(X, "X_true", 0));
        p.series.push_back(plot::scatter(one_point(m(0), m(1)), "sample mean", 1, 2.5));
        fig.panels.push_back(p);
        plot::save_png(fig, plot::png_path(options.plot_dir(), "exercise1_data"));
    }
    return report;
}

Report report_probes(const std::string& title, const Matrix& probes, const Matrix& mu,
                     const Matrix& logvar, const Matrix& x_prime) {
    Report report(title);
    for (long p = 0; p < probes.rows(); ++p) {
        const std::string id = "p" + std::to_string(p + 1) + "_";
        const std::string at = " at x = (" + num(probes(p, 0)) + ", " + num(probes(p, 1)) + ")";
        for (int j = 0; j < 2; ++j) {
            const std::string k = std::to_string(j + 1);
            report.add(id + "mu" + k, mu(p, j), "mu_" + k + at);
            report.add(id + "logvar" + k, logvar(p, j), "log sigma^2_" + k + at);
            report.add(id + "sigma" + k, std::exp(0.5 * logvar(p, j)), "sigma_" + k + " = exp(0.5 log sigma^2_" + k + ")" + at);
            report.add(id + "xprime" + k, x_prime(p, j), "x'_" + k + " = decoder(mu)" + at);
        }
    }
    report.note("Decoding the mean of x = (3, 2) gives (" + num(x_prime(0, 0)) + ", " + num(x_prime(0, 1)) +
                "), not (3, 2): these fixed weights do not invert each other (1.4 x 0.5 = 0.7, not 1).");
    report.note("Every sigma is below 1, so q(z|x) is narrower than the prior N(0, I): that costs KL.");
    return report;
}

Report report_forward(const std::string& title, const Options& options, const Matrix& X,
                      const Matrix& Z, const Matrix& X_prime, double recon, double kl, double loss) {
    Report report(title);
    report.add("L_recon", recon, "(1/N) sum ||x_i - x'_i||^2");
    report.add("L_KL", kl, "(1/N) sum D_KL(q(z|x_i) || N(0, I))");
    report.add("Loss", loss, "L_recon + L_KL (negative ELBO, beta = 1)");
    report.note("Closed form over the data distribution: E[L_recon] = 2.0558, E[L_KL] = 1.2566 (see docs/closed-form.md).");
    report.note("A sample of N points lands within a few times 1/sqrt(N) of them.");

    if (options.plots()) {
        plot::Figure z;
        z.width = 700, z.height = 640;
        z.panels.push_back(latent_panel("Exercise 3: latent vectors Z (standard encoder)", Z, 0));
        plot::save_png(z, plot::png_path(options.plot_dir(), "exercise3_latent"));

        plot::Figure xr;
        xr.width = 760, xr.height = 640;
        plot::Panel p{"Exercise 3: reconstructions X' over X_true", "x1", "x2", {"set size ratio -1"}, {}};
        p.series.push_back(plot::scatter(X, "X_true", 0));
        p.series.push_back(plot::scatter(X_prime, "X' (reconstruction)", 1));
        xr.panels.push_back(p);
        plot::save_png(xr, plot::png_path(options.plot_dir(), "exercise3_reconstruction"));
    }
    return report;
}

Report report_collapse(const std::string& title, const Options& options, const Matrix& X,
                       const ForwardPass& s, const ForwardPass& c, double loss_c) {
    Report report(title);
    report.add("L_recon_c", c.recon, "reconstruction loss with the collapsed encoder");
    report.add("L_KL_c", c.kl, "KL with the collapsed encoder");
    report.add("Loss_c", loss_c, "L_recon_c + L_KL_c");
    report.add("L_recon", s.recon, "scenario 1, for comparison");
    report.add("L_KL", s.kl, "scenario 1, for comparison");
    report.add("Loss", s.recon + s.kl, "scenario 1, for comparison");
    const Vector mu_spread = column_std(s.mu), mu_spread_c = column_std(c.mu);
    report.add("mu_std", mu_spread.mean(), "how far mu moves with x (std over the data), scenario 1");
    report.add("mu_std_c", mu_spread_c.mean(), "the same with the collapsed encoder");

    report.note("KL fell by a factor of " + num(s.kl / c.kl) + " while L_recon grew by a factor of " +
                num(c.recon / s.recon) + ".");
    report.note("mu moves " + num(mu_spread.mean() / mu_spread_c.mean()) +
                " times less with x: q(z|x) is almost the same for every x, so z carries almost no");
    report.note("information about x and every reconstruction lands near the same point. That is latent collapse.");
    report.note("Written answers: solutions/answers.md, question 4d.");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 1300, fig.height = 640, fig.grid_cols = 2;
        fig.title = "Exercise 4: the latent space, standard (left) and collapsed (right) encoder";
        fig.panels.push_back(latent_panel("Z (scenario 1)", s.z, 0));
        fig.panels.push_back(latent_panel("Z_c (scenario 2: collapse)", c.z, 1));
        plot::save_png(fig, plot::png_path(options.plot_dir(), "exercise4_latent_collapse"));

        plot::Figure xr;
        xr.width = 760, xr.height = 640;
        plot::Panel p{"Exercise 4: reconstructions with the collapsed encoder", "x1", "x2", {"set size ratio -1"}, {}};
        p.series.push_back(plot::scatter(X, "X_true", 0));
        p.series.push_back(plot::scatter(c.x_prime, "X'_c (reconstruction)", 1));
        xr.panels.push_back(p);
        plot::save_png(xr, plot::png_path(options.plot_dir(), "exercise4_reconstruction"));
    }
    return report;
}

Report report_beta(const std::string& title, const Options& options, const ForwardPass& s,
                   const ForwardPass& c, double loss_beta, double loss_c_beta, double beta_crossover,
                   const BetaSweep& sweep) {
    const double beta = options.beta();
    const std::string b = num(beta);
    Report report(title);
    report.add("Loss_beta" + b, loss_beta, "L_recon + " + b + " L_KL, scenario 1");
    report.add("Loss_c_beta" + b, loss_c_beta, "L_recon_c + " + b + " L_KL_c, scenario 2 (collapse)");
    report.add("beta_crossover", beta_crossover, "above this beta the collapsed encoder has the lower loss");
    report.note("At beta = " + b + " the standard encoder's loss is lower by " + num(loss_c_beta - loss_beta) + ".");
    report.note("Below beta = " + num(beta_crossover) + " a minimiser prefers the informative encoder; above it,");
    report.note("collapse wins: the KL it saves (" + num(s.kl - c.kl) + " nats) outweighs the reconstruction it loses (" +
                num(c.recon - s.recon) + ") once multiplied by beta.");
    report.note("Written answers: solutions/answers.md, question 5c and the deeper dive on beta > 1.");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 900, fig.height = 600;
        plot::Panel p{"Exercise 5: loss against beta, L = L_recon + beta L_KL", "beta", "loss", {}, {}};
        p.settings.push_back("set arrow from " + std::to_string(beta_crossover) +
                             ", graph 0 to " + std::to_string(beta_crossover) +
                             ", graph 1 nohead dt 2 lc rgb '#555555'");
        p.settings.push_back("set label 'collapse wins above beta = " + num(std::round(beta_crossover * 1000) / 1000) +
                             "' at " + std::to_string(beta_crossover) + ", graph 0.93 offset 1,0");
        p.settings.push_back("set key inside left top");
        p.series.push_back(plot::line(sweep.beta, sweep.loss, "standard encoder (scenario 1)", 0));
        p.series.push_back(plot::line(sweep.beta, sweep.loss_c, "collapsed encoder (scenario 2)", 1));
        p.series.push_back(plot::scatter(one_point(beta, loss_beta), "beta = " + b, 0, 1.8));
        p.series.push_back(plot::scatter(one_point(beta, loss_c_beta), "", 1, 1.8));
        fig.panels.push_back(p);
        plot::save_png(fig, plot::png_path(options.plot_dir(), "exercise5_beta_sweep"));
    }
    return report;
}

}  // namespace vae::sheet
