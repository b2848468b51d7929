#pragma once
// Private to lib/ex06-tabular: the full Gaussian negative log-likelihood of each run
// (ex06/gaussian_nll.hpp), constant included.
#include <string>

#include "ex06/experiment.hpp"
#include "vae/report.hpp"

namespace vae::tabular {

// <data set>.beta<b>.test_nll_with_constant for every run; nothing for a Bernoulli
// decoder. trained_todos names the TODOs the number goes through.
void add_gaussian_nll_quantities(Report& r, const DatasetResult& d, const Decoder& decoder,
                                 const std::string& trained_todos);

}  // namespace vae::tabular
