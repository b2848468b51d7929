// Exercise 2 — the fixed encoder and decoder.
//
// The sheet's "network" is three affine maps. The encoder turns a point x into the mean
// mu = W_mu x + b_mu and the log-variance log sigma^2 = W_ls x + b_ls of q(z | x); the decoder
// turns a latent z into x' = W_dec z + b_dec.
//
// Your task: write down the sheet's parameters for scenario 1 (docs/sheet.md §2), and the
// function that applies an affine map to a batch of points. The program then pushes three
// probe points through the encoder and decodes their means.
//
// Check with `ctest --test-dir build -R exercise2`. Work one probe by hand first: at x = (3, 2)
// you should get mu = (1, 0.75) and log sigma^2 = (-0.7, -0.8).
// What the encoder's two outputs mean: docs/concepts.md §2 (the approximate posterior q(z|x)).
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

// 2. The sheet's parameters, scenario 1 (standard). Use affine2(...).
AffineMap encoder_mean() { vae::todo("2: encoder_mean — W_mu and b_mu from the sheet"); }
AffineMap encoder_logvar() { vae::todo("2: encoder_logvar — W_ls and b_ls from the sheet"); }
AffineMap decoder() { vae::todo("2: decoder — W_dec and b_dec from the sheet"); }

// y = W x + b for every row x of X (one point per row). Hint: in row form this is
// Y = X W^T with b^T added to every row (Eigen: .rowwise() += map.b.transpose()).
Matrix apply_affine(const AffineMap& map, const Matrix& X) {
    vae::todo("2: apply_affine — Y = X W^T + 1 b^T");
}

// ---- Below: the program. lib prints the table. ----------------------------------------------

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
