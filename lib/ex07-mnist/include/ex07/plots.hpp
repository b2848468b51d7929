#pragma once
// Exercise 7's PNG files. Each function draws one figure and returns whether it was written
// (false when gnuplot is missing).
#include <string>
#include <vector>

#include "ex07/data.hpp"
#include "vae/analysis/matching.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/nn/train.hpp"

namespace vae::mnist {

// Three panels over the epochs: the training loss recon + beta KL (train and test), the
// reconstruction term, and the KL term with beta on a second axis.
bool plot_loss_curves(const std::vector<nn::EpochStats>& history, const std::string& title,
                      const std::string& path);

// Pairs of rows: `per_row` test images above their reconstructions, as many pairs as
// originals holds full rows of per_row.
bool plot_reconstructions(const Images& originals, const Images& reconstructions, int per_row,
                          const std::string& title, const std::string& path);

// Images in a grid of cols columns (prior samples, the decoded manifold).
bool plot_image_grid(const Images& images, int cols, const std::string& title, const std::string& path);

// Points xy (n x 2) coloured by class, one legend entry per class name.
bool plot_latent(const analysis::Matrix& xy, const analysis::Labels& labels,
                 const std::vector<std::string>& class_names, const std::string& xlabel,
                 const std::string& ylabel, const std::string& title, const std::string& path);

// Before and after training, side by side: the first two coordinates of xy (top row,
// coloured by class) and the distribution of mu against the N(0, 1) prior (bottom): one
// histogram per dimension for up to 3 dimensions, all values pooled for more.
struct LatentSnapshot {
    std::string name;     // "before training"
    analysis::Matrix xy;  // n x 2: mu itself (2-D latent) or its first two principal components
    std::string xlabel, ylabel;
    analysis::Matrix mu;  // n x latent: the means themselves
};
bool plot_latent_before_after(const LatentSnapshot& before, const LatentSnapshot& after,
                              const analysis::Labels& labels, const std::vector<std::string>& class_names,
                              const std::string& title, const std::string& path);

// confusion(t, p): true class t (rows) against the class matched to the sample's cluster.
bool plot_confusion(const analysis::CountMatrix& confusion, const std::vector<std::string>& class_names,
                    const std::string& title, const std::string& path);

}  // namespace vae::mnist
