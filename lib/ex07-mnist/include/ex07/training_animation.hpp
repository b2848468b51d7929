#pragma once
// Training in pictures: after every epoch, the same test digits reconstructed and the same
// prior codes decoded, one frame each, saved as an animated GIF. Meant to be fed from
// nn::train's epoch callback (a frame costs one decoder pass over a hundred images or so).
#include <cstdint>
#include <string>
#include <vector>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/image_grid.hpp"

namespace vae::mnist {

// count codes z ~ N(0, I) of `latent` dimensions from Rng(seed, Stream::Sample), row by row.
analysis::Matrix prior_codes(int count, int latent, std::uint64_t seed);

class TrainingAnimation {
public:
    // originals: the test images to reconstruct (a multiple of per_row is best); codes: the
    // prior codes to decode (rows x latent); per_row images in each row of a frame.
    TrainingAnimation(Images originals, analysis::Matrix codes, int per_row);

    // Adds a frame from the model as it is now: the originals, their reconstructions through
    // mu, then the decoded codes; caption is the frame's title ("epoch 3, test -ELBO 110.2").
    void capture(const Model& model, const std::string& caption);
    int frames() const { return static_cast<int>(frames_.size()); }
    const plot::ImageGrid& frame(int f) const { return frames_.at(std::size_t(f)); }

    // The GIF, delay in 1/100 s per frame (the last frame shown three times as long, so the
    // loop pauses on the trained model). False when gnuplot is missing or no frame was taken.
    bool save(const std::string& path, int delay = 60) const;

private:
    Images originals_;
    analysis::Matrix codes_;
    int per_row_;
    std::vector<plot::ImageGrid> frames_;
    std::vector<plot::GridStyle> styles_;
};

}  // namespace vae::mnist
