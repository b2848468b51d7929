#include "vae/data/labeled_data.hpp"

#include <stdexcept>

namespace vae::data {

RowMatrix select_rows(const RowMatrix& matrix, const std::vector<std::size_t>& rows) {
    RowMatrix out(static_cast<Eigen::Index>(rows.size()), matrix.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] >= static_cast<std::size_t>(matrix.rows())) {
            throw std::out_of_range("select_rows: row " + std::to_string(rows[i]) +
                                    " does not exist in a matrix of " + std::to_string(matrix.rows()) +
                                    " rows");
        }
        out.row(static_cast<Eigen::Index>(i)) = matrix.row(static_cast<Eigen::Index>(rows[i]));
    }
    return out;
}

LabeledData select_rows(const LabeledData& data, const std::vector<std::size_t>& rows) {
    LabeledData out;
    out.features = select_rows(data.features, rows);
    out.labels.reserve(rows.size());
    for (std::size_t row : rows) out.labels.push_back(data.labels.at(row));
    out.class_names = data.class_names;
    return out;
}

}  // namespace vae::data
