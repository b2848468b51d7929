// Exercise 2 — the fixed encoder and decoder (reference solution).
//
// The sheet's "network" is three affine maps. The encoder turns a point x into the mean
// mu = W_mu x + b_mu and the log-variance log sigma^2 = W_ls x + b_ls of q(z | x); the decoder
// turns a latent z into x' = W_dec z + b_dec. Here we write the maps down and push a few probe
// points through them by hand, before exercise 3 does it for the whole data set.
// The task: docs/sheet.md §2.
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/affine.hpp>
#include <vae/exercise.hpp>

using vae::AffineMap;
using vae::Matrix;

// Builds a 2 x 2 affine map from its four weights (row by row) and two biases.
AffineMap affine2(double w11, double w12, double w21, double w22, double b1, double b2) {
    AffineMap map{Matrix(2, 2), vae::Vector(2)};
    map.W << w11, w12, w21, w22;
    map.b << b1, b2;
    return map;
}

// 2. The sheet's parameters, scenario 1 (standard).
AffineMap encoder_mean() { return affine2(0.5, 0.0, 0.0, 0.5, -0.5, -0.25); }   // W_mu, b_mu
AffineMap encoder_logvar() { return affine2(0.1, 0.0, 0.0, 0.1, -1.0, -1.0); }  // W_ls, b_ls
AffineMap decoder() { return affine2(1.4, 0.0, 0.0, 1.4, 1.5, 1.0); }           // W_dec, b_dec

// y = W x + b for every row x of X: in row form, Y = X W^T + 1 b^T.
Matrix apply_affine(const AffineMap& map, const Matrix& X) {
    Matrix Y = X * map.W.transpose();
    Y.rowwise() += map.b.transpose();
    return Y;
}

vae::Report run_exercise(const vae::sheet::Settings&, const vae::Options&) {
    // Probe points: the data mean, the origin, and a point one standard deviation away in
    // each coordinate.
    Matrix probes(3, 2);
    probes << 3.0, 2.0, 0.0, 0.0, 4.0, 1.0;

    const Matrix mu = apply_affine(encoder_mean(), probes);
    const Matrix logvar = apply_affine(encoder_logvar(), probes);
    const Matrix x_prime = apply_affine(decoder(), mu);  // decode the mean: no noise yet
    // lib also runs apply_affine on a map whose W is not symmetric, which the sheet's are.
    return vae::sheet::report_probes(vae::exercise_info.title, probes, mu, logvar, x_prime, apply_affine);
}

// The program: no flags of its own (the probes and the weights are fixed), then the run above.
const vae::Program vae::program(vae::sheet::no_flags, run_exercise);
