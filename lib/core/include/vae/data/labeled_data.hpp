#pragma once
// A table of numeric features with one integer class label per row: what the tabular
// exercises (Iris, Wine) train on.
#include <Eigen/Core>
#include <cstddef>
#include <string>
#include <vector>

#include "vae/matrix.hpp"

namespace vae::data {

// One sample per row, as in the file.
using RowMatrix = Matrix;

struct LabeledData {
    RowMatrix features;                    // one row per sample, one column per feature
    std::vector<int> labels;               // labels[i] is the class of row i, in [0, class_count())
    std::vector<std::string> class_names;  // class_names[k] names label k

    Eigen::Index rows() const { return features.rows(); }
    Eigen::Index feature_count() const { return features.cols(); }
    int class_count() const { return static_cast<int>(class_names.size()); }
};

// The rows of `matrix` listed in `rows`, in that order. Throws std::out_of_range on a bad index.
RowMatrix select_rows(const RowMatrix& matrix, const std::vector<std::size_t>& rows);

// The same rows of features and labels; the class names are kept whole.
LabeledData select_rows(const LabeledData& data, const std::vector<std::size_t>& rows);

}  // namespace vae::data
