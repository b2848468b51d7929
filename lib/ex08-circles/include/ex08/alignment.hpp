#pragma once
// Exercise 8's question, as numbers: does each latent dimension track one coordinate of the
// circle's centre, or is the centre there only after mixing the dimensions?
//
// Three views, from strict to lenient:
//   axis_alignment    the latent as it is: how well z_a follows x and z_b follows y
//                     (for the better of the two pairings), as the mean |Pearson r|.
//   best_rotation     the same after rotating the (standardised) latent plane by the angle
//                     that helps most. A large gain means the centre is in the latent but
//                     along rotated axes.
//   canonical_correlations
//                     the most any linear map of the latent can do: the correlations of the
//                     best-matched linear combinations of (z_1, z_2) and of (x, y). Both near 1
//                     means the centre can be read off the latent linearly.
// A latent that folds the centre (a nonlinear, non-monotonic code) scores low in all three.
#include "vae/analysis/matrix.hpp"

namespace vae::circles {

// π to double precision, for the rotations below.
inline constexpr double kPi = 3.14159265358979323846;

using Matrix = vae::analysis::Matrix;
using Vector = vae::analysis::Vector;

struct Alignment {
    double score = 0;      // (|r(z_a, x)| + |r(z_b, y)|) / 2 for the pairing below
    bool swapped = false;  // false: z_1 ~ x and z_2 ~ y; true: z_1 ~ y and z_2 ~ x
    double r_x = 0;        // r of x with the dimension paired with it (signed)
    double r_y = 0;        // r of y with the dimension paired with it (signed)
};

// latent and centres are n x 2 (n >= 2). Picks the pairing with the larger score.
Alignment axis_alignment(const Matrix& latent, const Matrix& centres);

// Each column shifted to mean 0 and scaled to standard deviation 1 (a constant column
// becomes 0), so that a rotation treats both dimensions alike whatever their units.
Matrix standardise(const Matrix& m);

// Rows of an n x 2 matrix rotated by angle (radians, anticlockwise):
//     z' = (cos a z_1 - sin a z_2,  sin a z_1 + cos a z_2).
Matrix rotate(const Matrix& latent, double angle);

struct Rotation {
    double angle_deg = 0;  // in [-45, 45): rotating by 90 degrees only swaps or flips axes
    Alignment alignment;   // axis_alignment of the rotated, standardised latent
};

// Searches the angles -45, -45 + step, ... below 45 (degrees) and returns the one whose
// rotated, standardised latent has the highest axis_alignment (the first on a tie).
Rotation best_rotation(const Matrix& latent, const Matrix& centres, double step_deg = 0.1);

// The canonical correlations of the columns of a (n x p) and b (n x q), largest first:
// the singular values of C_aa^(-1/2) C_ab C_bb^(-1/2) (C = covariances). Directions with
// (near) zero variance are left out of the inverse square roots, so a constant column gives
// a 0 rather than a division by zero.
Vector canonical_correlations(const Matrix& a, const Matrix& b);

// Why a VAE's latent axes are not free to rotate, or nearly so. Rotate the latent of a
// trained VAE by an angle a and the decoder back: the prior N(0, I) is rotation invariant,
// so the model's likelihood log p(x) does not change at all. But
//     ELBO = log p(x) - KL(q(z|x) || p(z|x)),
// and q is a DIAGONAL Gaussian. Suppose the true posterior is Gaussian with the diagonal
// covariance S = diag(sigma_1^2, sigma_2^2) the encoder reports (q fits it exactly). After
// the rotation it is N(R mu, R S R^T); the closest diagonal q (precisions = the diagonal of
// the rotated precision matrix) then falls short by
//     gap(a) = 1/2 log(d_1 d_2 / (sigma_1^2 sigma_2^2)) >= 0,
//     d_1 = cos^2 a sigma_1^2 + sin^2 a sigma_2^2,   d_2 = sin^2 a sigma_1^2 + cos^2 a sigma_2^2
// (Hadamard's inequality: det <= product of the diagonal), and the ELBO drops by as much.
// gap is 0 when sigma_1 = sigma_2: where the posterior is round, nothing in the objective
// says which way the latent axes should point. Returns the mean gap (nats per sample) over
// the rows of logvar (n x 2: log sigma_1^2, log sigma_2^2).
double rotation_elbo_gap(const Matrix& logvar, double angle);

}  // namespace vae::circles
