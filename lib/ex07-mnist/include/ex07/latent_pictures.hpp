#pragma once
// What the decoder makes of paths through the latent space: a traversal of every dimension
// (largest KL first, the others held at 0), and interpolations between pairs of test digits,
// each beside the same interpolation done on the pixels.
#include <string>
#include <utility>
#include <vector>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "vae/analysis/matrix.hpp"

namespace vae::mnist {

// steps values evenly from -limit to limit: where a traversal puts its coordinate.
std::vector<double> traversal_values(int steps = 11, double limit = 3.0);

// One row per latent dimension, in order of decreasing KL (kl from mean_kl_per_dimension),
// each the decoded codes with that coordinate at traversal_values() and all others 0,
// labelled "z_j  KL k".
bool plot_traversals(const Model& model, const analysis::Vector& kl, const std::vector<double>& values,
                     const std::string& title, const std::string& path);

// Pairs of test images to interpolate between: the first image of class a and the first of
// class b for each (a, b) in classes (rows of labels). Pairs whose class does not occur are left out.
std::vector<std::pair<Eigen::Index, Eigen::Index>> first_of_classes(
    const analysis::Labels& labels, const std::vector<std::pair<int, int>>& classes);

// For each pair (a, b) two rows of `steps` pictures: the decoder along the straight line
// from mu(a) to mu(b), and the pixel-wise cross-fade from image a to image b.
bool plot_interpolations(const Model& model, const Images& images,
                         const std::vector<std::pair<Eigen::Index, Eigen::Index>>& pairs, int steps,
                         const std::string& title, const std::string& path);

}  // namespace vae::mnist
