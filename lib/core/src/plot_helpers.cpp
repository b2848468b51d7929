#include "vae/plot_helpers.hpp"

#include <stdexcept>

namespace vae::plot {

Series scatter(const Matrix& xy, const std::string& title, int color_index, double point_size) {
    if (xy.cols() < 2) throw std::invalid_argument("scatter needs two columns");
    Series s;
    s.title = title;
    s.style = "using 1:2 with points pt 7 ps " + std::to_string(point_size) + " lc rgb '" +
              color(color_index) + "'";
    s.rows.reserve(static_cast<std::size_t>(xy.rows()));
    for (long i = 0; i < xy.rows(); ++i) s.rows.push_back({xy(i, 0), xy(i, 1)});
    return s;
}

Series line(const std::vector<double>& x, const std::vector<double>& y, const std::string& title,
            int color_index, double width) {
    if (x.size() != y.size()) throw std::invalid_argument("line needs as many x as y values");
    Series s;
    s.title = title;
    s.style = "using 1:2 with lines lw " + std::to_string(width) + " lc rgb '" + color(color_index) + "'";
    for (std::size_t k = 0; k < x.size(); ++k) s.rows.push_back({x[k], y[k]});
    return s;
}

std::string png_path(const std::string& plot_dir, const std::string& name) {
    return plot_dir + "/" + name + ".png";
}

}  // namespace vae::plot
