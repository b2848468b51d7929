#pragma once
// Private to lib/ex06-tabular: the sentences under exercise 6's table. Each states what the
// numbers of the runs show, computed from them, so a change of flags changes the text too.
#include <string>
#include <vector>

#include "ex06/experiment.hpp"
#include "vae/report.hpp"

namespace vae::tabular::notes {

// "vanilla VAE, beta 1" or "beta-VAE, beta 0.1".
std::string model_name(double beta);
// 4 significant digits, for sentences.
std::string short_num(double v);

// The compact table of one data set's runs, its PCA baseline, and what beta did to the latent
// space (active dimensions, collapse and its link to exercise 4).
void dataset(Report& r, const DatasetResult& d, const Settings& s);
// "No run collapsed", or nothing when one did (each was named under its data set).
void collapse_summary(Report& r, const std::vector<DatasetResult>& results);
// A warning when the main runs themselves went negative (standard scaling with BCE).
void negative_main_runs(Report& r, const std::vector<DatasetResult>& results, const Settings& s);
// The scaling lesson: each data set's three runs, then why BCE went negative and the fixes.
void scaling_lesson(Report& r, const std::vector<DatasetResult>& results, int epochs);

}  // namespace vae::tabular::notes
