#pragma once
// Private to lib/ex06-tabular: exercise 6's four figures for one data set.
#include <string>
#include <vector>

#include "ex06/experiment.hpp"

namespace vae::tabular {

// Writes exercise6_<data set>_{loss,latent,reconstruction_pca,scatter_matrix}.png into
// plot_dir and appends each file name that was written to `written`.
void draw_plots(const DatasetResult& d, const std::string& plot_dir, std::vector<std::string>& written);

}  // namespace vae::tabular
