// Exercise 3 — one forward pass of the VAE and its loss, scenario 1 (reference solution).
//
// For every point x_i of X_true: encode it to mu_i and log sigma^2_i, draw z_i with the
// reparameterization trick, decode z_i to x'_i, and average the two loss terms over the data.
// The task: docs/sheet.md §3; the ideas: docs/concepts.md §3-5.
#include <cmath>
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/affine.hpp>
#include <vae/exercise.hpp>

using vae::AffineMap;
using vae::Matrix;

// 3a and 3c. y = W x + b for every row x of X: in row form, Y = X W^T + 1 b^T.
Matrix affine(const AffineMap& map, const Matrix& X) {
    Matrix Y = X * map.W.transpose();
    Y.rowwise() += map.b.transpose();
    return Y;
}

// 3b. sigma_i = exp(0.5 ⊙ log sigma^2_i);  z_i = mu_i + sigma_i ⊙ eps_i
Matrix reparameterize(const Matrix& mu, const Matrix& logvar, const Matrix& eps) {
    const Matrix sigma = (0.5 * logvar.array()).exp().matrix();
    return (mu.array() + sigma.array() * eps.array()).matrix();
}

// 3d i. L_recon = (1/N) Σ_i ||x_i - x'_i||²
double reconstruction_loss(const Matrix& X, const Matrix& X_prime) {
    return (X - X_prime).rowwise().squaredNorm().mean();
}

// 3d ii-iii. D_KL,i = ½ Σ_j (σ²_ij + μ²_ij - log σ²_ij - 1);  L_KL = (1/N) Σ_i D_KL,i
double kl_loss(const Matrix& mu, const Matrix& logvar) {
    const auto terms = logvar.array().exp() + mu.array().square() - logvar.array() - 1.0;
    return 0.5 * terms.matrix().rowwise().sum().mean();
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
    const double loss = recon + kl;                        // 3d iv: negative ELBO, beta = 1

    // lib also runs affine on a map whose W is not symmetric, which the sheet's are.
    return vae::sheet::report_forward(vae::exercise_info.title, options, X, Z, X_prime, recon, kl, loss,
                                      affine);
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
