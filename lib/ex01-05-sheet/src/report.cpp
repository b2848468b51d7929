#include "ex01-05/report.hpp"

#include <cmath>
#include <exception>

#include "vae/analysis/correlation.hpp"
#include "vae/error.hpp"
#include "vae/format.hpp"
#include "vae/plot_helpers.hpp"

namespace vae::sheet {
namespace {

// Notes are for reading: 4 significant digits (the table above them has all of them).
std::string num(double v) { return significant(v, 4); }

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

// Adds a golden quantity and names the TODO(s) a wrong value points to.
void add_tagged(Report& report, const std::string& name, double value, const std::string& meaning,
                const std::string& todos) {
    report.add(name, value, meaning);
    report.depends_on(name, todos);
}

// The student's affine on the affine probe: a wrong or missing transpose changes every value.
void add_affine_probe(Report& report, AffineFunction affine, const std::string& todo) {
    const AffineMap map = affine_probe_map();
    const Matrix points = affine_probe_points();
    const Matrix Y = affine(map, points);
    if (Y.rows() != points.rows() || Y.cols() != 2)
        throw NumericError("the affine map of " + std::to_string(points.rows()) + " points gave a " +
                           std::to_string(Y.rows()) + " x " + std::to_string(Y.cols()) +
                           " matrix; expected one row of 2 per point");
    for (long p = 0; p < points.rows(); ++p) {
        const std::string at = " at x = (" + num(points(p, 0)) + ", " + num(points(p, 1)) + ")";
        for (int j = 0; j < 2; ++j) {
            const std::string k = std::to_string(j + 1);
            add_tagged(report, "affine_probe" + std::to_string(p + 1) + "_y" + k, Y(p, j),
                       "(W x + b)_" + k + " of the affine probe" + at, todo);
        }
    }
    report.note("The affine probe: W = [[1, 2], [3, 4]], b = (0.5, -1). This W is not symmetric, so unlike");
    report.note("the sheet's diagonal weights it tells X W^T (right) from X W (the transpose forgotten).");
}

// Whether crossover_beta refuses a pair of scenarios: 1 if it threw, 0 if it returned a number.
// An unwritten TODO is not a refusal: NotImplemented goes on up, so the test reports "skipped".
double refuses(CrossoverFunction crossover_beta, const ForwardPass& s, const ForwardPass& c) {
    try {
        crossover_beta(s, c);
    } catch (const NotImplemented&) {
        throw;
    } catch (const std::exception&) {
        return 1.0;
    }
    return 0.0;
}

ForwardPass losses_only(double recon, double kl) {
    ForwardPass f;
    f.recon = recon;
    f.kl = kl;
    return f;
}

plot::Panel latent_panel(const std::string& title, const Matrix& Z, int colour) {
    plot::Panel p{
        title, "z_1", "z_2", {"set size ratio -1", "set xrange [-3.5:4.5]", "set yrange [-3.5:4.5]"}, {}};
    p.series.push_back(plot::scatter(Z, "z", colour));
    return p;
}

}  // namespace

AffineMap affine_probe_map() {
    AffineMap map{Matrix(2, 2), Vector(2)};
    map.W << 1.0, 2.0, 3.0, 4.0;
    map.b << 0.5, -1.0;
    return map;
}

Matrix affine_probe_points() {
    Matrix points(2, 2);
    points << 1.0, 1.0, 2.0, -1.0;
    return points;
}

Report report_data(const std::string& title, const Options& options, const Matrix& X, const Vector& m,
                   const Matrix& S) {
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
    report.depends_on("mean_", "1a (generate_data), 1a check (sample_mean)");
    report.depends_on("cov_", "1a (generate_data), 1a check (sample_covariance)");
    report.depends_on("row", "1a (generate_data)");
    report.note("With N = " + std::to_string(X.rows()) + " each sample mean has a standard error of about " +
                num(1.0 / std::sqrt(double(X.rows()))) +
                ", so deviations of that size from (3, 2) are expected.");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 760, fig.height = 640;
        plot::Panel p{"Exercise 1: X_true, N = " + std::to_string(X.rows()) + " draws from N((3, 2), I)",
                      "x1",
                      "x2",
                      {"set size ratio -1"},
                      {}};
        p.series.push_back(plot::scatter(X, "X_true", 0));
        p.series.push_back(plot::scatter(one_point(m(0), m(1)), "sample mean", 1, 2.5));
        fig.panels.push_back(p);
        plot::save_png(fig, plot::png_path(options.plot_dir(), "exercise1_data"));
    }
    return report;
}

Report report_probes(const std::string& title, const Matrix& probes, const Matrix& mu, const Matrix& logvar,
                     const Matrix& x_prime, AffineFunction apply_affine) {
    Report report(title);
    for (long p = 0; p < probes.rows(); ++p) {
        const std::string id = "p" + std::to_string(p + 1) + "_";
        const std::string at = " at x = (" + num(probes(p, 0)) + ", " + num(probes(p, 1)) + ")";
        for (int j = 0; j < 2; ++j) {
            const std::string k = std::to_string(j + 1);
            report.add(id + "mu" + k, mu(p, j), "mu_" + k + at);
            report.add(id + "logvar" + k, logvar(p, j), "log sigma^2_" + k + at);
            report.add(id + "sigma" + k, std::exp(0.5 * logvar(p, j)),
                       "sigma_" + k + " = exp(0.5 log sigma^2_" + k + ")" + at);
            report.add(id + "xprime" + k, x_prime(p, j), "x'_" + k + " = decoder(mu)" + at);
        }
        report.depends_on(id + "mu", "2 (encoder_mean, apply_affine)");
        report.depends_on(id + "logvar", "2 (encoder_logvar, apply_affine)");
        report.depends_on(id + "sigma", "2 (encoder_logvar, apply_affine)");
        report.depends_on(id + "xprime", "2 (encoder_mean, decoder, apply_affine)");
    }
    report.note("Decoding the mean of x = (3, 2) gives (" + num(x_prime(0, 0)) + ", " + num(x_prime(0, 1)) +
                "), not (3, 2): these fixed weights do not invert each other (1.4 x 0.5 = 0.7, not 1).");
    report.note("Every sigma is below 1, so q(z|x) is narrower than the prior N(0, I): that costs KL.");
    add_affine_probe(report, apply_affine, "2 (apply_affine)");
    return report;
}

Report report_forward(const std::string& title, const Options& options, const Matrix& X, const Matrix& Z,
                      const Matrix& X_prime, double recon, double kl, double loss, AffineFunction affine) {
    Report report(title);
    add_tagged(report, "L_recon", recon, "(1/N) sum ||x_i - x'_i||^2",
               "3a-3d i (affine, reparameterize, reconstruction_loss)");
    add_tagged(report, "L_KL", kl, "(1/N) sum D_KL(q(z|x_i) || N(0, I))", "3a, 3d ii-iii (affine, kl_loss)");
    add_tagged(report, "Loss", loss, "L_recon + L_KL (negative ELBO, beta = 1)",
               "3a-3d iv (affine, reparameterize, reconstruction_loss, kl_loss, Loss)");
    report.note(
        "Closed form over the data distribution: E[L_recon] = 2.0558, E[L_KL] = 1.2566 (see "
        "docs/closed-form.md).");
    // The standard error of a mean of N independent terms: their sample sd / sqrt(N).
    const Eigen::VectorXd per_point = (X - X_prime).rowwise().squaredNorm();
    const double sd =
        std::sqrt((per_point.array() - per_point.mean()).square().sum() / double(per_point.size() - 1));
    report.note("This sample's L_recon has a standard error of " + num(sd / std::sqrt(double(X.rows()))) +
                " (the sd " + num(sd) + " of ||x_i - x'_i||^2 over sqrt(N)):");
    report.note("it should lie within about two standard errors of the expectation 2.0558.");
    add_affine_probe(report, affine, "3a (affine)");

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
    report.depends_on("Loss_c", "4 (collapse_encoder), 4b (Loss_c)");
    report.depends_on("L_recon_c", "4 (collapse_encoder)");
    report.depends_on("L_KL_c", "4 (collapse_encoder)");
    report.depends_on("mu_std_c", "4 (collapse_encoder)");

    report.note("KL fell by a factor of " + num(s.kl / c.kl) + " while L_recon grew by a factor of " +
                num(c.recon / s.recon) + ".");
    const Vector x_prime_spread = column_std(c.x_prime);
    report.note("mu moves " + num(mu_spread.mean() / mu_spread_c.mean()) +
                " times less with x: q(z|x) is almost the same for every x, so z carries almost no");
    report.note("information about x. The reconstructions X'_c still spread by about " +
                num(x_prime_spread.mean()) + " per coordinate,");
    report.note("but that spread comes from eps, not from x: r(x_1, x'_1) = " +
                num(analysis::pearson(X.col(0), c.x_prime.col(0)).r) +
                " (scenario 1: " + num(analysis::pearson(X.col(0), s.x_prime.col(0)).r) + ").");
    report.note("X'_c hardly depends on x any more. That is latent collapse.");
    report.note("Question 4d: write your answer in exercises/answers.md (docs/sheet.md has the question).");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 1300, fig.height = 640, fig.grid_cols = 2;
        fig.title = "Exercise 4: the latent space, standard (left) and collapsed (right) encoder";
        fig.panels.push_back(latent_panel("Z (scenario 1)", s.z, 0));
        fig.panels.push_back(latent_panel("Z_c (scenario 2: collapse)", c.z, 1));
        plot::save_png(fig, plot::png_path(options.plot_dir(), "exercise4_latent_collapse"));

        plot::Figure xr;
        xr.width = 760, xr.height = 640;
        plot::Panel p{
            "Exercise 4: reconstructions with the collapsed encoder", "x1", "x2", {"set size ratio -1"}, {}};
        p.series.push_back(plot::scatter(X, "X_true", 0));
        p.series.push_back(plot::scatter(c.x_prime, "X'_c (reconstruction)", 1));
        xr.panels.push_back(p);
        plot::save_png(xr, plot::png_path(options.plot_dir(), "exercise4_reconstruction"));
    }
    return report;
}

Report report_beta(const std::string& title, const Options& options, double beta, const ForwardPass& s,
                   const ForwardPass& c, double loss_beta, double loss_c_beta, double beta_crossover,
                   const BetaSweep& sweep, CrossoverFunction crossover_beta) {
    const std::string b = num(beta);
    Report report(title);
    report.add("Loss_beta" + b, loss_beta, "L_recon + " + b + " L_KL, scenario 1");
    report.add("Loss_c_beta" + b, loss_c_beta, "L_recon_c + " + b + " L_KL_c, scenario 2 (collapse)");
    report.add("beta_crossover", beta_crossover, "above this beta the collapsed encoder has the lower loss");
    report.depends_on("Loss_", "5a, 5b (beta_loss)");
    report.depends_on("beta_crossover", "5 (crossover_beta)");

    // Hand-made pairs (R, K) and (R_c, K_c). With a crossover: R + β K = R_c + β K_c at
    // β = (R_c - R) / (K - K_c) = (2 - 1) / (3 - 1) = 0.5. Without one: K_c > K, or K_c = K,
    // where collapse costs more reconstruction and saves no KL, so it wins at no β.
    const std::string todo = "5 (crossover_beta)";
    add_tagged(report, "crossover_by_hand", crossover_beta(losses_only(1, 3), losses_only(2, 1)),
               "crossover_beta with (R, K) = (1, 3), (R_c, K_c) = (2, 1); by hand 0.5", todo);
    add_tagged(report, "no_crossover_refused", refuses(crossover_beta, losses_only(1, 1), losses_only(2, 2)),
               "1: crossover_beta threw for (R, K) = (1, 1), (R_c, K_c) = (2, 2)", todo);
    add_tagged(report, "equal_kl_refused", refuses(crossover_beta, losses_only(1, 1), losses_only(2, 1)),
               "1: crossover_beta threw for (R, K) = (1, 1), (R_c, K_c) = (2, 1)", todo);

    // Above the crossover the collapsed encoder is the cheaper one: say so, not "lower by -0.86".
    const double gap = loss_c_beta - loss_beta;
    if (gap > 0)
        report.note("At beta = " + b + " the standard encoder's loss is lower by " + num(gap) + ".");
    else if (gap < 0)
        report.note("At beta = " + b + " the collapsed encoder's loss is lower by " + num(-gap) + ".");
    else
        report.note("At beta = " + b + " both encoders' losses are equal: this is the crossover.");
    report.note("Below beta = " + num(beta_crossover) +
                " a minimiser prefers the informative encoder; above it,");
    report.note("collapse wins: the KL it saves (" + num(s.kl - c.kl) +
                " nats) outweighs the reconstruction it loses (" + num(c.recon - s.recon) +
                ") once multiplied by beta.");
    report.note("Question 5c and the deeper dive on beta > 1: your answers go in exercises/answers.md.");

    if (options.plots()) {
        plot::Figure fig;
        fig.width = 900, fig.height = 600;
        plot::Panel p{"Exercise 5: loss against beta, L = L_recon + beta L_KL", "beta", "loss", {}, {}};
        p.settings.push_back("set arrow from " + std::to_string(beta_crossover) + ", graph 0 to " +
                             std::to_string(beta_crossover) + ", graph 1 nohead dt 2 lc rgb '#555555'");
        p.settings.push_back(
            "set label 'collapse wins above beta = " + num(std::round(beta_crossover * 1000) / 1000) +
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
