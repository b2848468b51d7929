#include "ex07/latent_pictures.hpp"

#include <cstdio>

#include "vae/analysis/latent.hpp"
#include "vae/analysis/latent_paths.hpp"
#include "vae/image_grid.hpp"
#include "vae/nn/evaluate.hpp"

namespace vae::mnist {

namespace {

// The decoder's output means for codes given in double precision.
Matrix decode_codes(const Model& model, const analysis::Matrix& codes) {
    return nn::decode(model, codes.cast<float>().eval()).cast<double>();
}

}  // namespace

std::vector<double> traversal_values(int steps, double limit) {
    const analysis::Matrix path = analysis::interpolate_linear(
        analysis::RowVector::Constant(1, -limit), analysis::RowVector::Constant(1, limit), steps);
    return std::vector<double>(path.data(), path.data() + path.size());  // steps x 1
}

bool plot_traversals(const Model& model, const analysis::Vector& kl, const std::vector<double>& values,
                     const std::string& title, const std::string& path) {
    const std::vector<int> dims = analysis::dimensions_by_kl(kl);
    const analysis::Matrix codes =
        analysis::latent_traversal(analysis::RowVector::Zero(model.latent_dim()), dims, values);
    const Matrix images = decode_codes(model, codes);
    plot::GridStyle style;
    style.title = title;
    for (const int d : dims) {
        char label[48];
        std::snprintf(label, sizeof label, "z_%d  KL %.2f", d + 1, kl(d));
        style.row_labels.push_back(label);
    }
    style.max_width = 900;
    const plot::ImageGrid grid =
        plot::tile_images(images, plot::image_side(images.cols()), static_cast<int>(values.size()));
    return plot::save_image_grid(grid, style, path);
}

std::vector<std::pair<Eigen::Index, Eigen::Index>> first_of_classes(
    const analysis::Labels& labels, const std::vector<std::pair<int, int>>& classes) {
    const auto first = [&](int c) {
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == c) return Eigen::Index(i);
        return Eigen::Index(-1);
    };
    std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
    for (const auto& [a, b] : classes)
        if (first(a) >= 0 && first(b) >= 0) pairs.emplace_back(first(a), first(b));
    return pairs;
}

bool plot_interpolations(const Model& model, const Images& images,
                         const std::vector<std::pair<Eigen::Index, Eigen::Index>>& pairs, int steps,
                         const std::string& title, const std::string& path) {
    const Eigen::Index D = images.cols();
    const analysis::Matrix mu = nn::encode(model, images).cast<double>();
    Matrix rows(Eigen::Index(pairs.size()) * 2 * steps, D);
    plot::GridStyle style;
    style.title = title;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const auto [a, b] = pairs[p];
        const analysis::Matrix codes = analysis::interpolate_linear(mu.row(a), mu.row(b), steps);
        const analysis::Matrix pixels =
            analysis::interpolate_linear(images.row(a).cast<double>(), images.row(b).cast<double>(), steps);
        rows.middleRows(Eigen::Index(2 * p) * steps, steps) = decode_codes(model, codes);
        rows.middleRows(Eigen::Index(2 * p + 1) * steps, steps) = pixels;
        style.row_labels.push_back("latent");
        style.row_labels.push_back("pixels");
    }
    style.max_width = 900;
    return plot::save_image_grid(plot::tile_images(rows, plot::image_side(D), steps), style, path);
}

}  // namespace vae::mnist
