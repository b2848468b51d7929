#pragma once
// Per-column feature scaling, fitted on training data only and then applied unchanged to the
// test data (fitting on the test set would leak it into training).
//
// Both scalers compute y = (x - offset) / scale column by column; they differ in how fit()
// chooses offset and scale. A constant column has nothing to scale: its scale is set to 1, so
// it maps to 0 on the training data instead of dividing by zero.
#include <Eigen/Core>

#include "vae/data/labeled_data.hpp"

namespace vae::data {

class ColumnScaler {
public:
    // y = (x - offset) / scale for each column. Throws std::logic_error before fit() and
    // std::invalid_argument if x has a different number of columns than the fitted data.
    RowMatrix transform(const RowMatrix& x) const;
    // x = y * scale + offset: undoes transform().
    RowMatrix inverse_transform(const RowMatrix& y) const;

    bool fitted() const { return scale_.size() > 0; }
    const Eigen::RowVectorXd& offset() const { return offset_; }
    const Eigen::RowVectorXd& scale() const { return scale_; }

protected:
    // Checks that x is non-empty and finite (std::invalid_argument / vae::NumericError).
    static void check_fit_input(const RowMatrix& x);
    // Stores offset and scale; zero scales (constant columns) become 1.
    void set(Eigen::RowVectorXd offset, Eigen::RowVectorXd scale);

private:
    void check_columns(const RowMatrix& x) const;
    Eigen::RowVectorXd offset_;
    Eigen::RowVectorXd scale_;
};

// Maps each training column onto [0, 1]: offset = column min, scale = max - min.
// Data that was not fitted (a test set) may land outside [0, 1]; see clip_to_unit_interval.
class MinMaxScaler : public ColumnScaler {
public:
    MinMaxScaler& fit(const RowMatrix& train);
};

// Gives each training column mean 0 and standard deviation 1: offset = mean, scale = the
// population standard deviation sqrt(mean((x - mean)^2)) (divides by n, not n - 1).
class StandardScaler : public ColumnScaler {
public:
    StandardScaler& fit(const RowMatrix& train);
};

// Clamps every value to [0, 1], for a model (a sigmoid decoder, say) that cannot produce
// anything outside. Not undone by inverse_transform.
RowMatrix clip_to_unit_interval(const RowMatrix& x);

}  // namespace vae::data
