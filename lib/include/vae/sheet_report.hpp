#pragma once
// The reporting and plotting half of exercises 1-5, kept in lib so that each exercise file
// holds only its own math and a short run_exercise() that reads top to bottom.
#include "vae/matrix.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"
#include "vae/sheet.hpp"

namespace vae::sheet {

// Exercise 1: sample moments, the first rows, and a scatter plot of the data.
Report report_data(const std::string& title, const Options& options, const Matrix& X,
                   const Vector& mean, const Matrix& cov);

// Exercise 2: mu, log sigma^2, sigma and decoder(mu) at each probe point.
Report report_probes(const std::string& title, const Matrix& probes, const Matrix& mu,
                     const Matrix& logvar, const Matrix& x_prime);

// Exercise 3: the three losses; plots of Z and of X' over X_true.
Report report_forward(const std::string& title, const Options& options, const Matrix& X,
                      const Matrix& Z, const Matrix& X_prime, double recon, double kl, double loss);

// Exercise 4: the collapsed scenario's losses beside the standard one's; plot of Z_c beside Z.
Report report_collapse(const std::string& title, const Options& options, const Matrix& X,
                       const ForwardPass& standard, const ForwardPass& collapsed, double loss_c);

// Exercise 5: both β-weighted losses, the crossover β, and the loss-against-β plot.
struct BetaSweep {
    std::vector<double> beta, loss, loss_c;
};
Report report_beta(const std::string& title, const Options& options, const ForwardPass& standard,
                   const ForwardPass& collapsed, double loss_beta, double loss_c_beta,
                   double beta_crossover, const BetaSweep& sweep);

}  // namespace vae::sheet
