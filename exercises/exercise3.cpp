// Exercise 3 — one forward pass of the VAE and its loss, scenario 1.
//
// The task in full: docs/sheet.md §3. The ideas: docs/concepts.md §3 (the ELBO: Loss is its
// negative), §4 (the KL term in closed form), §5 (the reparameterization trick).
//
// For every point x_i of X_true (one point per row of X):
//   a. encode:          mu_i = W_mu x_i + b_mu,   log sigma^2_i = W_ls x_i + b_ls
//   b. reparameterize:  sigma_i = exp(0.5 ⊙ log sigma^2_i),   z_i = mu_i + sigma_i ⊙ eps_i
//   c. decode:          x'_i = W_dec z_i + b_dec
//   d. losses:          L_recon = (1/N) Σ_i ||x_i - x'_i||²
//                       D_KL,i  = ½ Σ_j (σ²_ij + μ²_ij - log σ²_ij - 1),   L_KL = (1/N) Σ_i D_KL,i
//                       Loss    = L_recon + L_KL
//
// Fill in the four functions marked TODO and the Loss line in run_exercise. The data, the noise
// eps and the sheet's weights are given to you (they are exercises 1 and 2). Then:
//   ./build/exercise3                          your numbers, and plots in plots/
//   ctest --test-dir build -R exercise3        are they right?
// Eigen tips: .array() for element-wise maths (exp, square, *), .rowwise().squaredNorm() for
// ||row||², .rowwise().sum(), .mean().
#include <cmath>
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/affine.hpp>
#include <vae/exercise.hpp>

using vae::AffineMap;
using vae::Matrix;

// 3a and 3c. y = W x + b for every row x of X. In row form: Y = X W^T, then add b^T to each row.
Matrix affine(const AffineMap& map, const Matrix& X) {
    vae::todo("3a: affine — Y = X W^T + 1 b^T (used to encode and to decode)");
}

// 3b. z_i = mu_i + exp(0.5 log sigma^2_i) ⊙ eps_i, element-wise.
Matrix reparameterize(const Matrix& mu, const Matrix& logvar, const Matrix& eps) {
    vae::todo("3b: reparameterize — z = mu + exp(0.5 logvar) ⊙ eps");
}

// 3d i. L_recon = (1/N) Σ_i ||x_i - x'_i||²  (sum over the two coordinates, mean over points)
double reconstruction_loss(const Matrix& X, const Matrix& X_prime) {
    vae::todo("3d i: reconstruction_loss — mean over points of the squared norm");
}

// 3d ii-iii. L_KL = (1/N) Σ_i ½ Σ_j (σ²_ij + μ²_ij - log σ²_ij - 1), with σ² = exp(log σ²).
double kl_loss(const Matrix& mu, const Matrix& logvar) {
    vae::todo("3d ii-iii: kl_loss — mean over points of the diagonal-Gaussian KL");
}

// s holds the flags --seed and --n; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    const Matrix X = vae::sheet::sample_data(s.n, s.seed);               // exercise 1's X_true
    const Matrix eps = vae::sheet::sample_noise(s.n, s.seed);            // eps_i ~ N(0, I)
    const vae::sheet::Encoder encoder = vae::sheet::standard_encoder();  // exercise 2
    const AffineMap decoder = vae::sheet::decoder();

    const Matrix mu = affine(encoder.mean, X);             // 3a
    const Matrix logvar = affine(encoder.logvar, X);       // 3a
    const Matrix Z = reparameterize(mu, logvar, eps);      // 3b
    const Matrix X_prime = affine(decoder, Z);             // 3c
    const double recon = reconstruction_loss(X, X_prime);  // 3d i
    const double kl = kl_loss(mu, logvar);                 // 3d ii-iii
    const double loss = vae::todo_number("3d iv: Loss = L_recon + L_KL (negative ELBO, beta = 1)");

    // lib also runs affine on a map whose W is not symmetric, which the sheet's are.
    return vae::sheet::report_forward(vae::exercise_info.title, options, X, Z, X_prime, recon, kl, loss,
                                      affine);
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
