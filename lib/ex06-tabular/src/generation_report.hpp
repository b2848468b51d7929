#pragma once
// Private to lib/ex06-tabular: what exercise 6 reports and draws about rows generated from
// each model's prior (ex06/generation.hpp).
#include <string>
#include <vector>

#include "ex06/experiment.hpp"
#include "vae/report.hpp"

namespace vae::tabular {

// <data set>.beta<b>.gen_* for every run and <data set>.train_vs_test.* (the baseline: how far
// the real training rows are from the test rows). A generated row goes through
// the student's scaler and training: trained_todos names those TODOs.
void add_generation_quantities(Report& r, const DatasetResult& d, const std::string& trained_todos);
// The comparison as a small table under the data set's name.
void generation_notes(Report& r, const DatasetResult& d, const Decoder& decoder);
// exercise6_<data set>_generated.png (marginals and a two-feature scatter) and
// exercise6_<data set>_correlations.png (the correlation matrices side by side).
void draw_generation_plots(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written);

}  // namespace vae::tabular
