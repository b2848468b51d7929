#pragma once
// The encoder means mu of exercise 7's test images, and the plane they are drawn in.
#include <string>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "vae/analysis/matrix.hpp"

namespace vae::mnist {

// mu for each image (rows = images), in double precision for the analysis.
analysis::Matrix encode_means(const Model& model, const Images& images);

// Two coordinates to draw mu in: mu itself for a 2-D latent, else its first two principal
// components (the plane in which the means spread the most), with axis labels saying which.
struct LatentPlane {
    analysis::Matrix xy;  // n x 2
    std::string xlabel, ylabel;
};
LatentPlane latent_plane(const analysis::Matrix& mu);

}  // namespace vae::mnist
