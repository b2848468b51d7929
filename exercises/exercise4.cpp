// Exercise 4 — latent collapse, scenario 2.
//
// The task in full: docs/sheet.md §4. The idea: docs/concepts.md §7 (posterior collapse).
//
// Keep X_true, the noise eps and the decoder of exercise 3, but swap in a 'broken' encoder that
// nearly ignores its input and outputs something close to the prior N(0, I):
//   W_mu,c = [[0.01, 0.01], [-0.01, -0.01]],  b_mu,c = (0.05, -0.05)
//   W_ls,c = [[0, 0], [0, 0]],                b_ls,c = (-0.1, -0.1)
//
// Fill in collapse_encoder() and the Loss_c line. The forward pass itself is lib's version of
// what you wrote in exercise 3 (vae::sheet::forward). Then run ./build/exercise4, look at
// plots/exercise4_latent_collapse.png, and answer question 4d: what happened to Z_c and to the
// reconstructions, and why is that bad for a generative model? Write your answer in
// exercises/answers.md, under 4d.
#include <ex01-05/report.hpp>
#include <vae/exercise.hpp>

using vae::Matrix;

// 4. The 'collapse' encoder. Set its four fields: e.mean.W, e.mean.b, e.logvar.W, e.logvar.b
// (Eigen's comma initialiser fills row by row: e.mean.W << a, b, c, d;).
vae::sheet::Encoder collapse_encoder() {
    vae::sheet::Encoder e{{Matrix(2, 2), vae::Vector(2)}, {Matrix(2, 2), vae::Vector(2)}};
    vae::todo("4: collapse_encoder — the sheet's W_mu,c, b_mu,c, W_ls,c and b_ls,c");
}

const vae::ExerciseInfo vae::exercise_info = {
    "exercise4",
    "Exercise 4: latent collapse, scenario 2, compared with scenario 1",
    {vae::seed_flag(42), vae::n_flag(1000)}};

vae::Report vae::run_exercise(const vae::Options& options) {
    const Matrix X = vae::sheet::sample_data(options.n(), options.seed());
    const Matrix eps = vae::sheet::sample_noise(options.n(), options.seed());  // the same eps as exercise 3
    const vae::AffineMap decoder = vae::sheet::decoder();

    // 4a. The whole forward pass of exercise 3, once per encoder (lib's version of exercise 3).
    const auto standard = vae::sheet::forward(X, vae::sheet::standard_encoder(), decoder, eps);
    const auto collapsed = vae::sheet::forward(X, collapse_encoder(), decoder, eps);
    const double loss_c = vae::todo_number("4b: Loss_c = L_recon,c + L_KL,c (collapsed.recon, collapsed.kl)");

    return vae::sheet::report_collapse(exercise_info.title, options, X, standard, collapsed, loss_c);
}
