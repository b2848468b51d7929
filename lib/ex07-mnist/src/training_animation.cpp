#include "ex07/training_animation.hpp"

#include <stdexcept>

#include "vae/nn/evaluate.hpp"
#include "vae/rng.hpp"

namespace vae::mnist {

analysis::Matrix prior_codes(int count, int latent, std::uint64_t seed) {
    Rng rng(seed, Stream::Sample);
    analysis::Matrix z(count, latent);
    for (Eigen::Index k = 0; k < z.size(); ++k) z.data()[k] = rng.normal();  // row by row
    return z;
}

TrainingAnimation::TrainingAnimation(Images originals, analysis::Matrix codes, int per_row)
    : originals_(std::move(originals)), codes_(std::move(codes)), per_row_(per_row) {
    if (per_row < 1 || originals_.rows() < 1 || codes_.rows() < 1)
        throw std::invalid_argument("TrainingAnimation: needs images, codes and per_row >= 1");
}

void TrainingAnimation::capture(const Model& model, const std::string& caption) {
    const Eigen::Index n = originals_.rows(), m = codes_.rows(), D = originals_.cols();
    const auto rows_of = [&](Eigen::Index count) { return (count + per_row_ - 1) / per_row_ * per_row_; };
    // Each block padded to whole rows with blank paper, so the three never share a row.
    Matrix tiles = Matrix::Zero(2 * rows_of(n) + rows_of(m), D);
    tiles.topRows(n) = originals_.cast<double>();
    tiles.middleRows(rows_of(n), n) = nn::reconstruct(model, originals_).cast<double>();
    tiles.middleRows(2 * rows_of(n), m) = nn::decode(model, codes_.cast<float>().eval()).cast<double>();
    frames_.push_back(plot::tile_images(tiles, plot::image_side(D), per_row_));

    plot::GridStyle style;
    style.title = caption;
    style.max_width = 1000;  // two screen pixels per pixel for 16 digits a row
    const auto label_rows = [&](Eigen::Index count, const std::string& what) {
        for (Eigen::Index r = 0; r < rows_of(count) / per_row_; ++r)
            style.row_labels.push_back(r == 0 ? what : "");
    };
    label_rows(n, "test");
    label_rows(n, "recon.");
    label_rows(m, "prior");
    styles_.push_back(style);
}

bool TrainingAnimation::save(const std::string& path, int delay) const {
    if (frames_.empty()) return false;
    // The last frame repeated: the loop rests on the trained model before starting over.
    std::vector<plot::ImageGrid> frames = frames_;
    std::vector<plot::GridStyle> styles = styles_;
    for (int extra = 0; extra < 2; ++extra) {
        frames.push_back(frames_.back());
        styles.push_back(styles_.back());
    }
    return plot::save_image_grid_gif(frames, styles, delay, path);
}

}  // namespace vae::mnist
