#pragma once
// Private to lib/ex06-tabular: what exercise 6 reports and draws about anomaly detection
// (ex06/anomaly.hpp).
#include <string>
#include <vector>

#include "ex06/experiment.hpp"
#include "vae/report.hpp"

namespace vae::tabular {

// <data set>.anomaly.<class>.auc_recon and .auc_elbo for every held-out class.
// The scores come from a model the student's loop trained: trained_todos names those TODOs.
void add_anomaly_quantities(Report& r, const DatasetResult& d, const std::string& trained_todos);
// One line per held-out class: how many rows on each side and both AUCs.
void anomaly_notes(Report& r, const DatasetResult& d);
// exercise6_<data set>_anomaly.png: the ROC curves and the two scores of every row.
void draw_anomaly_plots(const DatasetResult& d, const std::string& dir, std::vector<std::string>& written);

}  // namespace vae::tabular
