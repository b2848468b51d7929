// Exercise 4 — latent collapse, scenario 2 (reference solution).
//
// Keep X_true, the noise and the decoder of exercise 3, but swap in an encoder that nearly
// ignores its input and outputs something close to the prior N(0, I). Then compare the losses.
// The task: docs/sheet.md §4; question 4d is answered in solutions/answers.md.
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/exercise.hpp>

using vae::Matrix;

// 4. The 'collapse' encoder: W_mu,c = [[0.01, 0.01], [-0.01, -0.01]], b_mu,c = (0.05, -0.05),
// W_ls,c = 0 and b_ls,c = (-0.1, -0.1). Every x maps to nearly the same q(z|x).
vae::sheet::Encoder collapse_encoder() {
    vae::sheet::Encoder e{{Matrix(2, 2), vae::Vector(2)}, {Matrix(2, 2), vae::Vector(2)}};
    e.mean.W << 0.01, 0.01, -0.01, -0.01;
    e.mean.b << 0.05, -0.05;
    e.logvar.W << 0.0, 0.0, 0.0, 0.0;
    e.logvar.b << -0.1, -0.1;
    return e;
}

// s holds the flags --seed and --n; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    const Matrix X = vae::sheet::sample_data(s.n, s.seed);
    const Matrix eps = vae::sheet::sample_noise(s.n, s.seed);  // the same eps as exercise 3
    const vae::AffineMap decoder = vae::sheet::decoder();

    // 4a. The whole forward pass of exercise 3, once per encoder (lib's version of exercise 3).
    const auto standard = vae::sheet::forward(X, vae::sheet::standard_encoder(), decoder, eps);
    const auto collapsed = vae::sheet::forward(X, collapse_encoder(), decoder, eps);
    const double loss_c = collapsed.recon + collapsed.kl;  // 4b. Loss_c = L_recon,c + L_KL,c

    return vae::sheet::report_collapse(vae::exercise_info.title, options, X, standard, collapsed, loss_c);
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
