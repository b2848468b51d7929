#pragma once
// The latent points at which the manifold plot shows what the decoder draws.
#include <string>

#include "vae/analysis/matrix.hpp"
#include "vae/nn/types.hpp"

namespace vae::mnist {

struct ManifoldGrid {
    nn::RowMatrix<float> z;  // steps * steps latent points, row by row of the picture
    std::string where;       // which plane and range they cover, for the plot's title
};

// A steps x steps grid on N(0, 1) quantiles whose rows go down the second axis (top row
// highest, as in a plot) and columns along the first. For a 2-D latent the axes are z_1, z_2;
// otherwise the grid lies in the plane of mu's first two principal components, each axis
// scaled by that component's standard deviation and centred on mu's mean.
ManifoldGrid manifold_grid(const analysis::Matrix& mu, int steps);

}  // namespace vae::mnist
