#pragma once
// A tabular data set of exercise 6, loaded and split, and which of its features to plot.
#include <cstdint>
#include <string>
#include <vector>

#include "vae/data/labeled_data.hpp"

namespace vae::tabular {

struct Dataset {
    std::string name;                        // "iris" or "wine"
    data::LabeledData train, test;           // the stratified split, in the data's own units
    std::vector<std::string> feature_names;  // one per column

    int features() const { return static_cast<int>(train.features.cols()); }
};

// Reads data_dir/NAME.csv (vae::data::load_labeled_csv) and splits it with
// vae::data::stratified_split(labels, seed, test_fraction). Errors in the file surface as
// the loader's InputError.
Dataset load_dataset(const std::string& data_dir, const std::string& name, std::uint64_t seed,
                     double test_fraction = 0.2);

// The measured quantities of iris.csv and wine.csv (the files have no header names);
// "feature 1", "feature 2", ... for anything else or a different column count.
std::vector<std::string> feature_names(const std::string& dataset, int columns);

// One-way ANOVA F statistic of each column: how far apart the class means are, relative to
// the spread inside the classes,
//   F_j = [sum_k n_k (m_kj - m_j)^2 / (K - 1)] / [sum_k sum_{i in k} (x_ij - m_kj)^2 / (N - K)]
// with K classes, n_k samples and mean m_kj in class k, N samples and mean m_j in all.
// A column with no spread inside the classes gets +infinity (or 0 if its means agree too).
// Throws std::invalid_argument unless 2 <= K < N and labels has one entry per row.
Eigen::VectorXd class_separation(const data::RowMatrix& x, const std::vector<int>& labels);

// The `count` columns with the largest F (all of them when there are fewer), returned in
// column order. Ties go to the lower column.
std::vector<int> most_separating_features(const data::RowMatrix& x, const std::vector<int>& labels,
                                          int count);

}  // namespace vae::tabular
