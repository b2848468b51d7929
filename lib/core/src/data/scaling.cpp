#include "vae/data/scaling.hpp"

#include <stdexcept>
#include <string>

#include "vae/error.hpp"

namespace vae::data {

void ColumnScaler::check_fit_input(const RowMatrix& x) {
    if (x.rows() == 0 || x.cols() == 0) {
        throw std::invalid_argument("scaler: cannot fit on an empty matrix (" + std::to_string(x.rows()) +
                                    " x " + std::to_string(x.cols()) + ")");
    }
    if (!x.allFinite()) throw NumericError("scaler: the data to fit contains NaN or Inf");
}

void ColumnScaler::set(Eigen::RowVectorXd offset, Eigen::RowVectorXd scale) {
    // A constant column has range 0 and standard deviation 0. Scale 1 sends it to x - offset = 0
    // instead of 0/0, and inverse_transform still gives back the constant.
    for (Eigen::Index j = 0; j < scale.size(); ++j) {
        if (scale(j) == 0.0) scale(j) = 1.0;
    }
    offset_ = std::move(offset);
    scale_ = std::move(scale);
}

void ColumnScaler::check_columns(const RowMatrix& x) const {
    if (!fitted()) throw std::logic_error("scaler: transform called before fit");
    if (x.cols() != scale_.size()) {
        throw std::invalid_argument("scaler: fitted on " + std::to_string(scale_.size()) +
                                    " columns, got a matrix with " + std::to_string(x.cols()));
    }
}

RowMatrix ColumnScaler::transform(const RowMatrix& x) const {
    check_columns(x);
    // y = (x - offset) / scale, broadcast over the rows.
    return (x.rowwise() - offset_).array().rowwise() / scale_.array();
}

RowMatrix ColumnScaler::inverse_transform(const RowMatrix& y) const {
    check_columns(y);
    // x = y * scale + offset
    return (y.array().rowwise() * scale_.array()).matrix().rowwise() + offset_;
}

MinMaxScaler& MinMaxScaler::fit(const RowMatrix& train) {
    check_fit_input(train);
    const Eigen::RowVectorXd min = train.colwise().minCoeff();
    const Eigen::RowVectorXd max = train.colwise().maxCoeff();
    // max - min is computed once here, so transform(max) = (max - min) / (max - min) is exactly 1.
    set(min, max - min);
    return *this;
}

StandardScaler& StandardScaler::fit(const RowMatrix& train) {
    check_fit_input(train);
    Eigen::RowVectorXd mean = train.colwise().mean();
    // Population standard deviation: sigma = sqrt( sum_i (x_i - mean)^2 / n ).
    const Eigen::RowVectorXd variance =
        (train.rowwise() - mean).array().square().colwise().sum() / static_cast<double>(train.rows());
    Eigen::RowVectorXd sigma = variance.array().sqrt().matrix();
    // The mean of a constant column can be an ulp off the constant (0.1 + 0.1 + 0.1 != 0.3), which
    // would leave a tiny sigma and blow the column up. Use the constant itself, with sigma 0.
    const Eigen::RowVectorXd min = train.colwise().minCoeff();
    const Eigen::RowVectorXd max = train.colwise().maxCoeff();
    for (Eigen::Index j = 0; j < train.cols(); ++j) {
        if (min(j) == max(j)) {
            mean(j) = min(j);
            sigma(j) = 0.0;
        }
    }
    set(mean, sigma);
    return *this;
}

RowMatrix clip_to_unit_interval(const RowMatrix& x) { return x.array().max(0.0).min(1.0).matrix(); }

}  // namespace vae::data
