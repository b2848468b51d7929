// Exercise 5 — the beta-VAE (reference solution).
//
// Weight the KL term by beta: L = L_recon + beta L_KL. The two scenarios of exercises 3 and 4
// trade reconstruction against KL in opposite directions, so beta decides which one a
// minimiser would prefer. The task: docs/sheet.md §5; question 5c and the deeper dive are
// answered in solutions/answers.md.
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/exercise.hpp>

using vae::Matrix;

// 5a, 5b. L = L_recon + beta · L_KL
double beta_loss(double recon, double kl, double beta) { return recon + beta * kl; }

// The beta at which both scenarios cost the same:
//   R + beta K = R_c + beta K_c   =>   beta* = (R_c - R) / (K - K_c).
// Above beta*, the collapsed encoder has the lower loss.
double crossover_beta(const vae::sheet::ForwardPass& s, const vae::sheet::ForwardPass& c) {
    if (s.kl <= c.kl)
        throw vae::NumericError("no crossover: the collapsed encoder does not have the smaller KL");
    return (c.recon - s.recon) / (s.kl - c.kl);
}

// s holds the flags --seed, --n and --beta; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    const Matrix X = vae::sheet::sample_data(s.n, s.seed);
    const Matrix eps = vae::sheet::sample_noise(s.n, s.seed);
    const auto decoder = vae::sheet::decoder();
    const auto standard = vae::sheet::forward(X, vae::sheet::standard_encoder(), decoder, eps);
    const auto collapsed = vae::sheet::forward(X, vae::sheet::collapse_encoder(), decoder, eps);

    const double beta = s.beta;
    const double loss = beta_loss(standard.recon, standard.kl, beta);      // 5a
    const double loss_c = beta_loss(collapsed.recon, collapsed.kl, beta);  // 5b
    const double beta_star = crossover_beta(standard, collapsed);

    // The sweep behind the plot: both losses for beta from 0 to twice the crossover.
    vae::sheet::BetaSweep sweep;
    for (int k = 0; k <= 200; ++k) {
        const double b = 2.0 * beta_star * k / 200.0;
        sweep.beta.push_back(b);
        sweep.loss.push_back(beta_loss(standard.recon, standard.kl, b));
        sweep.loss_c.push_back(beta_loss(collapsed.recon, collapsed.kl, b));
    }
    // lib also tries crossover_beta on hand-made pairs, with and without a crossover.
    return vae::sheet::report_beta(vae::exercise_info.title, options, beta, standard, collapsed, loss, loss_c,
                                   beta_star, sweep, crossover_beta);
}

// The program: the flags --seed, --n and --beta (defaults 42, 1000 and 0.2), then the run above.
const vae::Program vae::program(vae::sheet::beta_flags, run_exercise);
