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
#include <ex01-05/settings.hpp>
#include <vae/exercise.hpp>

using vae::Matrix;

// 4. The 'collapse' encoder. Set its four fields: e.mean.W, e.mean.b, e.logvar.W, e.logvar.b
// (Eigen's comma initialiser fills row by row: e.mean.W << a, b, c, d;).
vae::sheet::Encoder collapse_encoder() {
    vae::sheet::Encoder e{{Matrix(2, 2), vae::Vector(2)}, {Matrix(2, 2), vae::Vector(2)}};
    vae::todo("4: collapse_encoder — the sheet's W_mu,c, b_mu,c, W_ls,c and b_ls,c");
}

// s holds the flags --seed and --n; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    const Matrix X = vae::sheet::sample_data(s.n, s.seed);
    const Matrix eps = vae::sheet::sample_noise(s.n, s.seed);  // the same eps as exercise 3
    const vae::AffineMap decoder = vae::sheet::decoder();

    // 4a. The whole forward pass of exercise 3, once per encoder (lib's version of exercise 3).
    const auto standard = vae::sheet::forward(X, vae::sheet::standard_encoder(), decoder, eps);
    const auto collapsed = vae::sheet::forward(X, collapse_encoder(), decoder, eps);
    const double loss_c = vae::todo_number("4b: Loss_c = L_recon,c + L_KL,c (collapsed.recon, collapsed.kl)");

    return vae::sheet::report_collapse(vae::exercise_info.title, options, X, standard, collapsed, loss_c);
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
