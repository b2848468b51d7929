#pragma once
// The reporting and plotting half of exercises 1-5, kept in lib so that each exercise file
// holds only its own math and a short run_exercise() that reads top to bottom.
//
// Every golden quantity names the TODO(s) of the skeleton it depends on (Quantity::depends_on),
// so a failing test says where to look. Where the sheet's own numbers cannot tell a right
// answer from a typical wrong one, lib also calls the student's function on a hand-made input
// that can, and reports the result as one more golden quantity.
#include "ex01-05/sheet.hpp"
#include "vae/affine.hpp"
#include "vae/matrix.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae::sheet {

// The student's y = W x + b on a batch of rows (exercise 2's apply_affine, 3's affine).
using AffineFunction = Matrix (*)(const AffineMap& map, const Matrix& X);
// The student's crossover β of exercise 5.
using CrossoverFunction = double (*)(const ForwardPass& standard, const ForwardPass& collapsed);

// A map whose W is not symmetric, W = [[1, 2], [3, 4]] and b = (0.5, -1), and two points,
// (1, 1) and (2, -1), one per row. Every weight matrix the sheet gives to the student's affine
// is diagonal, and a diagonal W equals its transpose: there, Y = X W passes for Y = X W^T.
// Here W x + b = (3.5, 6) and (0.5, 1), while the missing transpose gives (4.5, 5) and (-0.5, -1).
AffineMap affine_probe_map();
Matrix affine_probe_points();

// Exercise 1: sample moments, the first rows, and a scatter plot of the data.
Report report_data(const std::string& title, const Options& options, const Matrix& X, const Vector& mean,
                   const Matrix& cov);

// Exercise 2: mu, log sigma^2, sigma and decoder(mu) at each probe point, and apply_affine
// on the affine probe.
Report report_probes(const std::string& title, const Matrix& probes, const Matrix& mu, const Matrix& logvar,
                     const Matrix& x_prime, AffineFunction apply_affine);

// Exercise 3: the three losses and affine on the affine probe; plots of Z and of X' over X_true.
Report report_forward(const std::string& title, const Options& options, const Matrix& X, const Matrix& Z,
                      const Matrix& X_prime, double recon, double kl, double loss, AffineFunction affine);

// Exercise 4: the collapsed scenario's losses beside the standard one's; plot of Z_c beside Z.
Report report_collapse(const std::string& title, const Options& options, const Matrix& X,
                       const ForwardPass& standard, const ForwardPass& collapsed, double loss_c);

// Exercise 5: both β-weighted losses at β = beta, the crossover β, and the loss-against-β plot. Also
// calls crossover_beta on hand-made pairs of scenarios: one with a crossover at β = 0.5, and
// two without one, which it must refuse by throwing (vae::NotImplemented passes through).
struct BetaSweep {
    std::vector<double> beta, loss, loss_c;
};
Report report_beta(const std::string& title, const Options& options, double beta, const ForwardPass& standard,
                   const ForwardPass& collapsed, double loss_beta, double loss_c_beta, double beta_crossover,
                   const BetaSweep& sweep, CrossoverFunction crossover_beta);

}  // namespace vae::sheet
