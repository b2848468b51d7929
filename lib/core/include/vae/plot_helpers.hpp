#pragma once
// Shortcuts that turn the workbook's matrices into plot series.
#include <string>
#include <vector>

#include "vae/matrix.hpp"
#include "vae/plot.hpp"

namespace vae::plot {

// Points (column 0 against column 1 of xy) in the i-th palette colour.
Series scatter(const Matrix& xy, const std::string& title, int color_index, double point_size = 0.5);

// A polyline through (x[k], y[k]).
Series line(const std::vector<double>& x, const std::vector<double>& y, const std::string& title,
            int color_index, double width = 2.0);

// The path of a PNG called name inside the plot folder.
std::string png_path(const std::string& plot_dir, const std::string& name);

}  // namespace vae::plot
